import { describe, expect, it } from 'vitest';
import { DEGRADE_HOLD_MS, DegradePolicy, NACK_STORM_PACKETS, RECOVER_AFTER_MS } from './degrade.ts';

describe('DegradePolicy', () => {
  it('steps down one layer on sustained loss, not on one bad report', () => {
    const changes: number[] = [];
    const policy = new DegradePolicy((steps) => changes.push(steps));
    policy.onReceiverReport(0.3, 0);
    expect(policy.steps).toBe(0);
    policy.onReceiverReport(0.01, 1000);
    policy.onReceiverReport(0.3, 2000);
    expect(policy.steps).toBe(0);
    policy.onReceiverReport(0.25, 3000);
    expect(policy.steps).toBe(0);
    policy.onReceiverReport(0.4, 4000);
    expect(policy.steps).toBe(1);
    expect(changes).toEqual([1]);
    expect(policy.limit(2)).toBe(1);
  });

  it('waits before a second step, stops at two and never below the lowest layer', () => {
    const policy = new DegradePolicy();
    let now = 0;
    const bad = () => {
      policy.onReceiverReport(0.5, now);
      now += 1000;
    };
    bad();
    bad();
    bad();
    expect(policy.steps).toBe(1);
    bad();
    bad();
    bad();
    expect(policy.steps).toBe(1); // held
    now += DEGRADE_HOLD_MS;
    bad();
    bad();
    bad();
    expect(policy.steps).toBe(2);
    now += DEGRADE_HOLD_MS;
    bad();
    bad();
    bad();
    expect(policy.steps).toBe(2);
    expect(policy.limit(2)).toBe(0);
    expect(policy.limit(1)).toBe(0);
    expect(policy.limit(-1)).toBe(-1); // a hidden tile stays hidden
  });

  it('steps back up after a clean period', () => {
    const policy = new DegradePolicy();
    policy.onReceiverReport(0.5, 0);
    policy.onReceiverReport(0.5, 1000);
    policy.onReceiverReport(0.5, 2000);
    expect(policy.steps).toBe(1);
    policy.onReceiverReport(0, 5000);
    expect(policy.steps).toBe(1);
    policy.onReceiverReport(0, 2000 + RECOVER_AFTER_MS);
    expect(policy.steps).toBe(0);
  });

  it('steps down on a NACK storm, not on ordinary loss repair', () => {
    const nacks = new DegradePolicy();
    nacks.onNack(NACK_STORM_PACKETS - 1, 0);
    expect(nacks.steps).toBe(0);
    nacks.onNack(1, 500);
    expect(nacks.steps).toBe(1);

    const slow = new DegradePolicy();
    for (let i = 0; i < 10; i++) slow.onNack(NACK_STORM_PACKETS / 4, i * 3000);
    expect(slow.steps).toBe(0); // spread out: ordinary loss repair
  });
});
