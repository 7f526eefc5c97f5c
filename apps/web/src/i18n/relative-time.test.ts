import { beforeAll, describe, expect, it } from 'vitest';
import { formatMinutes, minutesSince, waitingFor } from './relative-time.ts';
import { loadMessages } from './t.ts';

beforeAll(() => loadMessages('staff'));

describe('relative times', () => {
  const since = '2030-01-01T10:00:00.000Z';
  const at = (ms: number) => Date.parse(since) + ms;

  it('counts whole minutes, never below zero', () => {
    expect(minutesSince(since, at(59_000))).toBe(0);
    expect(minutesSince(since, at(185_000))).toBe(3);
    expect(minutesSince(since, at(-5_000))).toBe(0);
  });

  it('says minutes, then hours and minutes', () => {
    expect(formatMinutes(3, 'en-US')).toBe('3 min');
    expect(formatMinutes(60, 'en-US')).toBe('1 hr');
    expect(formatMinutes(65, 'en-US')).toBe('1 hr 5 min');
  });

  it('says "waiting 3 min" with the exact time beside it', () => {
    const { text, exact } = waitingFor(since, at(185_000));
    expect(text).toMatch(/^waiting 3 min/);
    expect(exact).toMatch(/2030/);
    expect(waitingFor(since, at(10_000)).text).toBe('waiting less than a minute');
  });
});
