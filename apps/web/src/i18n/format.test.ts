import { describe, expect, it } from 'vitest';
import { formatDateTime } from './format.ts';

describe('formatDateTime', () => {
  it('writes the weekday, date and time in the given time zone', () => {
    const text = formatDateTime('2026-03-01T14:05:00.000Z', {
      locale: 'en-GB',
      timeZone: 'Europe/London',
    });
    expect(text).toContain('Sunday');
    expect(text).toContain('1 March 2026');
    expect(text).toContain('14:05');
  });

  it('shifts the time into the time zone asked for', () => {
    expect(
      formatDateTime('2026-03-01T14:05:00.000Z', { locale: 'en-GB', timeZone: 'Asia/Tokyo' }),
    ).toContain('23:05');
  });

  it('returns text it cannot read as a date unchanged rather than "Invalid Date"', () => {
    expect(formatDateTime('soon')).toBe('soon');
  });
});
