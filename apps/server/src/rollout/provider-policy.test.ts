import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decideProvider, rolloutBucket, type RolloutInputs } from './provider-policy.ts';

const base: RolloutInputs = {
  defaultProvider: 'p2p',
  livekitEnabled: true,
  override: null,
  percentage: 0,
  facilityId: '6f1c1c58-1d1e-4a55-9f5e-3f4f0e4c8a11',
};

const facilities = Array.from({ length: 2_000 }, () => randomUUID());
const onLiveKit = (percentage: number) =>
  new Set(
    facilities.filter(
      (facilityId) => decideProvider({ ...base, facilityId, percentage }).provider === 'livekit',
    ),
  );

describe('decideProvider', () => {
  it('keeps everyone on the legacy provider when the gate is closed, overrides included', () => {
    expect(
      decideProvider({ ...base, livekitEnabled: false, override: 'livekit', percentage: 100 }),
    ).toEqual({
      provider: 'p2p',
      reason: 'gate_closed',
    });
    expect(
      decideProvider({ ...base, livekitEnabled: false, defaultProvider: 'livekit' }).provider,
    ).toBe('p2p');
  });

  it('lets a facility override win over the percentage and the default', () => {
    expect(
      decideProvider({ ...base, override: 'p2p', percentage: 100, defaultProvider: 'livekit' }),
    ).toEqual({
      provider: 'p2p',
      reason: 'override',
    });
    expect(decideProvider({ ...base, override: 'livekit' })).toEqual({
      provider: 'livekit',
      reason: 'override',
    });
  });

  it('falls back to PROVIDER_TYPE outside the rollout', () => {
    expect(decideProvider({ ...base, defaultProvider: 'livekit' })).toEqual({
      provider: 'livekit',
      reason: 'default',
    });
    expect(decideProvider(base)).toEqual({ provider: 'p2p', reason: 'default' });
  });

  it('gives each facility the same answer every time', () => {
    for (const facilityId of facilities.slice(0, 50)) {
      expect(rolloutBucket(facilityId)).toBe(rolloutBucket(facilityId));
      const a = decideProvider({ ...base, facilityId, percentage: 37 });
      expect(decideProvider({ ...base, facilityId, percentage: 37 })).toEqual(a);
    }
  });

  it('only ever adds facilities as the percentage rises', () => {
    let previous = onLiveKit(0);
    expect(previous.size).toBe(0);
    for (const percentage of [1, 5, 10, 25, 50, 75, 99, 100]) {
      const current = onLiveKit(percentage);
      for (const id of previous) expect(current.has(id)).toBe(true);
      previous = current;
    }
    expect(previous.size).toBe(facilities.length);
  });

  it('moves roughly the asked share of facilities', () => {
    const share = onLiveKit(25).size / facilities.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
  });
});
