import { describe, expect, it } from 'vitest';
import { estimateWait, MIN_ADMISSIONS, quantile } from './wait-estimate.ts';

const min = (m: number) => m * 60_000;

describe('estimateWait', () => {
  it('says nothing with fewer admissions than the minimum', () => {
    const waits = Array.from({ length: MIN_ADMISSIONS - 1 }, () => min(6));
    expect(estimateWait({ recentWaitsMs: waits, position: 1, waitedMs: 0 })).toBeNull();
    expect(estimateWait({ recentWaitsMs: [], position: 1, waitedMs: 0 })).toBeNull();
  });

  it('gives the middle half of recent waits for the next in line, rounded out to 5 minutes', () => {
    // Sorted 4, 6, 7, 9, 12: 25th percentile 6, 75th 9 → 5–10 minutes.
    const waits = [min(9), min(4), min(12), min(6), min(7)];
    expect(estimateWait({ recentWaitsMs: waits, position: 1, waitedMs: 0 })).toEqual({
      fromMinutes: 5,
      toMinutes: 10,
    });
  });

  it('grows with the place in line', () => {
    const waits = [min(9), min(4), min(12), min(6), min(7)];
    // 6×3 = 18 → 15, 9×3 = 27 → 30.
    expect(estimateWait({ recentWaitsMs: waits, position: 3, waitedMs: 0 })).toEqual({
      fromMinutes: 15,
      toMinutes: 30,
    });
  });

  it('counts down by what the visitor has waited, and says "less than 5" near the end', () => {
    const waits = [min(9), min(4), min(12), min(6), min(7)];
    expect(estimateWait({ recentWaitsMs: waits, position: 1, waitedMs: min(7) })).toEqual({
      fromMinutes: 0,
      toMinutes: 5,
    });
  });

  it('says nothing once the visitor has waited past the whole range', () => {
    const waits = [min(9), min(4), min(12), min(6), min(7)];
    expect(estimateWait({ recentWaitsMs: waits, position: 1, waitedMs: min(10) })).toBeNull();
  });

  it('never gives a single number, even when every recent wait was the same', () => {
    const waits = Array.from({ length: 8 }, () => min(10));
    expect(estimateWait({ recentWaitsMs: waits, position: 1, waitedMs: 0 })).toEqual({
      fromMinutes: 10,
      toMinutes: 15,
    });
  });

  it('rounds long waits to quarter hours', () => {
    const waits = [min(50), min(55), min(60), min(70), min(80)];
    // 25th percentile 55 → 55 (5-minute step below an hour); 75th 70 → 75.
    expect(estimateWait({ recentWaitsMs: waits, position: 1, waitedMs: 0 })).toEqual({
      fromMinutes: 55,
      toMinutes: 75,
    });
  });

  it('says nothing for a visitor not in line', () => {
    const waits = Array.from({ length: 8 }, () => min(10));
    expect(estimateWait({ recentWaitsMs: waits, position: 0, waitedMs: 0 })).toBeNull();
  });
});

describe('quantile', () => {
  it('interpolates between neighbours and finds the median', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([4, 6, 7, 9, 12], 0.5)).toBe(7);
    expect(quantile([5], 0.75)).toBe(5);
  });
});
