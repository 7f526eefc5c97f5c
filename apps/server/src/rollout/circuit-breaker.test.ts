import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.ts';

function breaker() {
  let now = 0;
  const b = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 10_000, now: () => now });
  return { b, advance: (ms: number) => (now += ms) };
}

describe('CircuitBreaker', () => {
  it('stays closed through isolated failures', () => {
    const { b } = breaker();
    b.recordFailure();
    b.recordFailure();
    b.recordSuccess();
    b.recordFailure();
    expect(b.state).toBe('closed');
    expect(b.available).toBe(true);
  });

  it('opens after consecutive failures and refuses work until the cool-down has passed', () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i += 1) b.recordFailure();
    expect(b.state).toBe('open');
    expect(b.available).toBe(false);
    expect(b.probeDue).toBe(false);
    advance(9_999);
    expect(b.state).toBe('open');
    advance(1);
    expect(b.state).toBe('half_open');
    expect(b.available).toBe(false);
    expect(b.probeDue).toBe(true);
  });

  it('closes after a successful probe, and reopens at once after a failed one', () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i += 1) b.recordFailure();
    advance(10_000);
    b.recordFailure();
    expect(b.state).toBe('open');
    advance(10_000);
    b.recordSuccess();
    expect(b.state).toBe('closed');
    expect(b.available).toBe(true);
  });
});
