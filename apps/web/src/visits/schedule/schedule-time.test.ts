import { describe, expect, it } from 'vitest';
import { countdown, msUntilNextTick } from './countdown.ts';
import { beforeStartText, clockTime, dateIn, msUntilOpen } from './schedule-time.ts';

describe('schedule times', () => {
  it('tells a clock time in the facility’s zone, not the reader’s', () => {
    // 13:30 UTC is 14:30 in London in summer, 09:30 in New York, 00:30 next day in Auckland.
    const iso = '2026-07-01T13:30:00Z';
    expect(clockTime(iso, 'Europe/London')).toBe('14:30');
    expect(clockTime(iso, 'America/New_York')).toBe('09:30');
    expect(clockTime(iso, 'Pacific/Auckland')).toBe('01:30');
    expect(clockTime(iso, 'UTC')).toBe('13:30');
  });

  it('follows daylight saving: the same UTC hour reads differently in winter', () => {
    expect(clockTime('2026-01-15T13:30:00Z', 'Europe/London')).toBe('13:30');
    expect(dateIn('2026-07-01T23:30:00Z', 'Pacific/Auckland')).toBe('2026-07-02');
  });

  it('says the start as a time today, and with its day when it is another day there', () => {
    const now = Date.parse('2026-07-01T12:00:00Z');
    expect(
      beforeStartText('2026-07-01T13:30:00Z', '2026-07-01T13:15:00Z', 'Europe/London', now),
    ).toEqual({ begins: '14:30', opens: '14:15', onAnotherDay: false, timeZone: 'Europe/London' });
    const tomorrow = beforeStartText(
      '2026-07-02T08:00:00Z',
      '2026-07-02T07:45:00Z',
      'Europe/London',
      now,
    );
    expect(tomorrow).toMatchObject({ begins: 'Thursday 2 July, 09:00', onAnotherDay: true });
    // 22:30 UTC is 23:30 in London: still today there, though tomorrow further east.
    expect(
      beforeStartText('2026-07-01T22:30:00Z', '2026-07-01T22:15:00Z', 'Europe/London', now)
        .onAnotherDay,
    ).toBe(false);
  });

  it('waits until the opening time, and at least a second when the clocks disagree', () => {
    const now = Date.parse('2026-07-01T12:00:00Z');
    expect(msUntilOpen('2026-07-01T12:00:30Z', now)).toBe(30_000);
    expect(msUntilOpen('2026-07-01T11:59:00Z', now)).toBe(1_000);
  });

  it('counts down only in the last five minutes, then says it is over', () => {
    const end = '2026-07-01T12:10:00Z';
    const at = (iso: string) => countdown(end, Date.parse(iso));
    expect(at('2026-07-01T12:04:59Z')).toEqual({ phase: 'hidden' });
    expect(at('2026-07-01T12:05:00Z')).toEqual({ phase: 'counting', clock: '5:00', minutes: 5 });
    expect(at('2026-07-01T12:05:01Z')).toEqual({ phase: 'counting', clock: '4:59', minutes: 5 });
    expect(at('2026-07-01T12:09:00Z')).toEqual({ phase: 'counting', clock: '1:00', minutes: 1 });
    expect(at('2026-07-01T12:09:59.500Z')).toEqual({
      phase: 'counting',
      clock: '0:01',
      minutes: 1,
    });
    expect(at('2026-07-01T12:10:00Z')).toEqual({ phase: 'over' });
  });

  it('ticks on the second while counting, and sleeps until the countdown begins', () => {
    const end = '2026-07-01T12:10:00Z';
    expect(msUntilNextTick(end, Date.parse('2026-07-01T12:09:58.250Z'))).toBe(750);
    expect(msUntilNextTick(end, Date.parse('2026-07-01T12:09:58Z'))).toBe(1000);
    expect(msUntilNextTick(end, Date.parse('2026-07-01T12:04:30Z'))).toBe(30_000);
    expect(msUntilNextTick(end, Date.parse('2026-07-01T11:00:00Z'))).toBe(60_000);
  });
});
