import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.ts';

describe('RateLimiter', () => {
  it('allows up to the limit in a window, then says how long to wait', () => {
    const limiter = new RateLimiter(2, 60_000);
    expect(limiter.hit('ip', 0)).toBe(0);
    expect(limiter.hit('ip', 1_000)).toBe(0);
    expect(limiter.hit('ip', 2_000)).toBe(58);
  });

  it('starts a fresh window once the old one has passed', () => {
    const limiter = new RateLimiter(1, 10_000);
    limiter.hit('ip', 0);
    expect(limiter.hit('ip', 5_000)).toBeGreaterThan(0);
    expect(limiter.hit('ip', 10_000)).toBe(0);
  });

  it('counts keys separately and never holds more than its key budget', () => {
    const limiter = new RateLimiter(1, 60_000, 3);
    for (const key of ['a', 'b', 'c', 'd', 'e']) expect(limiter.hit(key, 0)).toBe(0);
    // The newest keys are still limited; the oldest were evicted to stay within budget.
    expect(limiter.hit('e', 1)).toBeGreaterThan(0);
    expect(limiter.hit('a', 1)).toBe(0);
  });
});
