import { describe, expect, it } from 'vitest';
import { parseVisitForm } from '../visitForm.ts';
import { wallTimeToIso } from './zone-time.ts';

describe('wall-clock times in a facility’s zone', () => {
  it('reads a typed time where the facility is, not where the browser is', () => {
    expect(wallTimeToIso('2026-07-01T14:30', 'Europe/London')).toBe('2026-07-01T13:30:00.000Z');
    expect(wallTimeToIso('2026-01-15T14:30', 'Europe/London')).toBe('2026-01-15T14:30:00.000Z');
    expect(wallTimeToIso('2026-07-01T09:00', 'Australia/Sydney')).toBe('2026-06-30T23:00:00.000Z');
    expect(wallTimeToIso('2026-07-01T09:00', 'America/New_York')).toBe('2026-07-01T13:00:00.000Z');
  });

  it('settles times next to a clock change', () => {
    // London goes from 01:00 GMT to 02:00 BST on 29 March 2026.
    expect(wallTimeToIso('2026-03-29T00:30', 'Europe/London')).toBe('2026-03-29T00:30:00.000Z');
    expect(wallTimeToIso('2026-03-29T03:00', 'Europe/London')).toBe('2026-03-29T02:00:00.000Z');
  });

  it('refuses what is not a time', () => {
    expect(wallTimeToIso('tomorrow', 'UTC')).toBeUndefined();
    expect(wallTimeToIso('2026-07-01 14:30', 'UTC')).toBeUndefined();
  });

  it('books the visit form’s times in the facility’s zone', () => {
    const result = parseVisitForm(
      '6f1c2a4e-2b0d-4c51-9a57-0d6f3f1f9e21',
      { title: 'Tea', start: '2026-07-01T14:30', end: '2026-07-01T15:00' },
      'Europe/London',
    );
    expect(result).toMatchObject({
      ok: true,
      body: {
        scheduledStart: '2026-07-01T13:30:00.000Z',
        scheduledEnd: '2026-07-01T14:00:00.000Z',
      },
    });
  });
});
