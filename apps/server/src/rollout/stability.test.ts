// The stability criteria with known answers: each criterion met, not met, or without enough data,
// and the verdict that follows; the p95 from histogram buckets never under-stated.
import { describe, expect, it } from 'vitest';
import type { StabilityThresholds } from '../config/schema.ts';
import { evaluateStability, histogramQuantile, type StabilityMeasurements } from './stability.ts';

const limits: StabilityThresholds = {
  windowDays: 14,
  maxJoinFailurePercent: 2,
  minJoins: 200,
  maxFallbackPercent: 1,
  minVisits: 100,
  maxFirstFrameSeconds: 5,
  minFrameReports: 50,
  maxPoorFeedbackPercent: 10,
  minFeedback: 30,
};

/** Cumulative buckets from [bound in seconds, reports in that bucket alone] pairs, in order. */
function buckets(perBucket: [number, number][]): StabilityMeasurements['firstFrame'] {
  let total = 0;
  return perBucket.map(([le, n]) => {
    total += n;
    return { le, count: total };
  });
}
const INF = Number.POSITIVE_INFINITY;

const healthy: StabilityMeasurements = {
  joins: { issued: 400, neverConnected: 4 },
  visits: { onLiveKit: 199, fellBack: 1 },
  firstFrame: buckets([
    [1, 80],
    [2, 15],
    [5, 5],
    [INF, 0],
  ]),
  feedback: { answers: 40, poor: 2 },
};

const byId = (m: StabilityMeasurements, l = limits) =>
  Object.fromEntries(evaluateStability(m, l).criteria.map((c) => [c.id, c]));

describe('the stability criteria', () => {
  it('calls LiveKit stable when every measured criterion is within its threshold', () => {
    const result = evaluateStability(healthy, limits);
    expect(result.verdict).toBe('stable');
    const c = byId(healthy);
    expect(c.join_failure_rate).toMatchObject({ status: 'met', value: 1, samples: 400 });
    expect(c.fallback_rate).toMatchObject({ status: 'met', value: 0.5, samples: 200 });
    // 95 of 100 reports are at most 2 s: the p95 is that bucket's bound.
    expect(c.first_frame_p95).toMatchObject({ status: 'met', value: 2, samples: 100 });
  });

  it('meets a threshold exactly reached, and misses one just passed', () => {
    const at = { ...healthy, joins: { issued: 200, neverConnected: 4 } };
    expect(byId(at).join_failure_rate).toMatchObject({ status: 'met', value: 2 });
    const past = { ...healthy, joins: { issued: 200, neverConnected: 5 } };
    expect(byId(past).join_failure_rate).toMatchObject({ status: 'not_met', value: 2.5 });
    expect(evaluateStability(past, limits).verdict).toBe('not_stable');
  });

  it('says "not enough data" below the minimum sample, whatever the value', () => {
    const few = { ...healthy, joins: { issued: 199, neverConnected: 150 } };
    expect(byId(few).join_failure_rate).toMatchObject({
      status: 'no_data',
      value: null,
      samples: 199,
      minSamples: 200,
    });
    expect(evaluateStability(few, limits).verdict).toBe('not_enough_data');
  });

  it('is not stable when one criterion fails, even if another lacks data', () => {
    const m = {
      joins: { issued: 10, neverConnected: 0 },
      visits: { onLiveKit: 90, fellBack: 10 },
      firstFrame: [],
      feedback: { answers: 0, poor: 0 },
    };
    const c = byId(m);
    expect(c.fallback_rate).toMatchObject({ status: 'not_met', value: 10 });
    expect(c.first_frame_p95).toMatchObject({ status: 'no_data', samples: 0 });
    expect(evaluateStability(m, limits).verdict).toBe('not_stable');
  });

  it('never meets a p95 past the last bucket, and reports no number for it', () => {
    const slow = {
      ...healthy,
      firstFrame: buckets([
        [1, 10],
        [20, 30],
        [INF, 60],
      ]),
    };
    expect(byId(slow).first_frame_p95).toMatchObject({ status: 'not_met', value: null });
  });

  it('judges feedback by the share that reports a problem, once there is enough', () => {
    expect(byId(healthy).feedback).toMatchObject({ status: 'met', value: 5, samples: 40 });
    const unhappy = { ...healthy, feedback: { answers: 40, poor: 5 } };
    expect(byId(unhappy).feedback).toMatchObject({ status: 'not_met', value: 12.5 });
    expect(evaluateStability(unhappy, limits).verdict).toBe('not_stable');
    const quiet = { ...healthy, feedback: { answers: 29, poor: 0 } };
    expect(byId(quiet).feedback).toMatchObject({ status: 'no_data', minSamples: 30 });
    expect(evaluateStability(quiet, limits).verdict).toBe('not_enough_data');
  });

  it('follows configured thresholds and minimums', () => {
    const strict = { ...limits, maxJoinFailurePercent: 0.5, minVisits: 500 };
    const c = byId(healthy, strict);
    expect(c.join_failure_rate!.status).toBe('not_met');
    expect(c.fallback_rate!.status).toBe('no_data');
  });
});

describe('histogramQuantile', () => {
  it('answers the upper bound of the bucket the quantile falls in', () => {
    expect(
      histogramQuantile(
        buckets([
          [0.5, 50],
          [1, 45],
          [2, 5],
        ]),
        0.95,
      ),
    ).toBe(1);
    expect(
      histogramQuantile(
        buckets([
          [0.5, 50],
          [1, 44],
          [2, 6],
        ]),
        0.95,
      ),
    ).toBe(2);
  });

  it('answers NaN without reports and Infinity past the last bound', () => {
    expect(histogramQuantile([], 0.95)).toBeNaN();
    expect(
      histogramQuantile(
        buckets([
          [1, 1],
          [INF, 99],
        ]),
        0.95,
      ),
    ).toBe(Infinity);
  });
});
