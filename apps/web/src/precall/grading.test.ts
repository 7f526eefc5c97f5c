import { describe, expect, it } from 'vitest';
import { gradeNetwork, offerAudioOnly, thresholds, type NetworkMeasurement } from './grading.ts';

const fast: NetworkMeasurement = {
  connected: true,
  relayed: false,
  rttMs: 40,
  bitrateKbps: 5000,
  lossPercent: 0,
};

describe('gradeNetwork', () => {
  it('rates a fast, clean link good', () => {
    expect(gradeNetwork(fast)).toBe('good');
  });

  it('rates the example from the console fair: 420 kbit/s at 180 ms', () => {
    expect(gradeNetwork({ ...fast, bitrateKbps: 420, rttMs: 180 })).toBe('fair');
  });

  it('takes the weakest measure: one slow figure drags a good link down', () => {
    expect(gradeNetwork({ ...fast, rttMs: 600 })).toBe('poor');
    expect(gradeNetwork({ ...fast, bitrateKbps: 200 })).toBe('poor');
    expect(gradeNetwork({ ...fast, lossPercent: 3 })).toBe('fair');
    expect(gradeNetwork({ ...fast, lossPercent: 12 })).toBe('poor');
  });

  it('counts a value exactly on a threshold as passing it', () => {
    const { good, fair } = thresholds;
    expect(gradeNetwork({ ...fast, rttMs: good.maxRttMs })).toBe('good');
    expect(gradeNetwork({ ...fast, rttMs: good.maxRttMs + 1 })).toBe('fair');
    expect(gradeNetwork({ ...fast, bitrateKbps: good.minBitrateKbps - 1 })).toBe('fair');
    expect(gradeNetwork({ ...fast, bitrateKbps: fair.minBitrateKbps })).toBe('fair');
    expect(gradeNetwork({ ...fast, bitrateKbps: fair.minBitrateKbps - 1 })).toBe('poor');
    expect(gradeNetwork({ ...fast, lossPercent: fair.maxLossPercent })).toBe('fair');
  });

  it('rates no connection, or nothing measured, poor', () => {
    expect(gradeNetwork({ ...fast, connected: false })).toBe('poor');
    expect(gradeNetwork({ ...fast, rttMs: null })).toBe('poor');
    expect(gradeNetwork({ ...fast, bitrateKbps: null })).toBe('poor');
  });

  it('ignores loss the browser could not report', () => {
    expect(gradeNetwork({ ...fast, lossPercent: null })).toBe('good');
  });
});

describe('offerAudioOnly', () => {
  it('offers audio only on a poor network, not on a fair one', () => {
    expect(offerAudioOnly('poor')).toBe(true);
    expect(offerAudioOnly('fair')).toBe(false);
    expect(offerAudioOnly('good')).toBe(false);
  });
});
