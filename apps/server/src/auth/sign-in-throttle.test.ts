import { describe, expect, it } from 'vitest';
import { FREE_FAILURES, MAX_DELAY_MS, SignInThrottle } from './sign-in-throttle.ts';

const owner = 'owner@example.test';

describe('SignInThrottle', () => {
  it('lets the free failures through, then doubles the wait with each further failure', () => {
    const throttle = new SignInThrottle();
    const t = 1_000_000;
    for (let i = 0; i < FREE_FAILURES - 1; i += 1) {
      throttle.failed(owner, '10.0.0.9', t);
      expect(throttle.wait(owner, '10.0.0.9', t)).toBe(0);
    }
    const waits: number[] = [];
    let now = t;
    for (let i = 0; i < 4; i += 1) {
      throttle.failed(owner, '10.0.0.9', now);
      waits.push(throttle.wait(owner, '10.0.0.9', now));
      now += waits.at(-1)! * 1000;
      expect(throttle.wait(owner, '10.0.0.9', now)).toBe(0);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
  });

  it('caps the wait instead of locking the account', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 100; i += 1) throttle.failed(owner, '10.0.0.9', 0);
    expect(throttle.wait(owner, '10.0.0.9', 0)).toBe(MAX_DELAY_MS / 1000);
    expect(throttle.wait(owner, '10.0.0.9', MAX_DELAY_MS)).toBe(0);
  });

  it('does not slow the owner’s address for failures from another address', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 50; i += 1) throttle.failed(owner, '203.0.113.7', 0);
    expect(throttle.wait(owner, '198.51.100.1', 0)).toBe(0);
  });

  it('forgets the failures of an address once it signs in', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < FREE_FAILURES; i += 1) throttle.failed(owner, '10.0.0.9', 0);
    throttle.succeeded(owner, '10.0.0.9');
    expect(throttle.wait(owner, '10.0.0.9', 0)).toBe(0);
    throttle.failed(owner, '10.0.0.9', 0);
    expect(throttle.wait(owner, '10.0.0.9', 0)).toBe(0);
  });

  it('stays bounded in memory', () => {
    const throttle = new SignInThrottle(10);
    for (let i = 0; i < 100; i += 1) throttle.failed(`a${i}@example.test`, '10.0.0.9', 0);
    expect(throttle.size).toBeLessThanOrEqual(10);
  });
});
