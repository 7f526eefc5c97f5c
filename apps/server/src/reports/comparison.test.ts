import { describe, expect, it } from 'vitest';
import type { FeedbackReport, ProviderReport } from '@openconnect/contracts';
import { compareProviders, wilson } from './comparison.ts';

const spread = { count: 0, p50: null, p95: null };
const provider = (
  name: 'p2p' | 'livekit',
  sessions: number,
  joinFailures: number,
  drops = 0,
): ProviderReport => ({
  provider: name,
  sessions,
  joinFailures,
  joinErrorRate: null,
  connectMs: spread,
  firstFrameMs: spread,
  reconnects: 0,
  drops,
  fallbacks: 0,
});
const rated = (name: 'p2p' | 'livekit', ratings: number[]): FeedbackReport => ({
  provider: name,
  role: 'visitor',
  responses: ratings.reduce((a, b) => a + b, 0),
  ratings,
  averageRating: null,
  tags: { could_not_hear: 0, could_not_see: 0, call_dropped: 0, hard_to_join: 0 },
});

describe('wilson', () => {
  it('gives the 95% score interval', () => {
    expect(wilson(10, 100)).toEqual({
      events: 10,
      sample: 100,
      rate: 0.1,
      low: 0.0552,
      high: 0.1744,
    });
    expect(wilson(0, 30)).toMatchObject({ rate: 0, low: 0, high: 0.1135 });
    expect(wilson(0, 0)).toMatchObject({ rate: null, low: null, high: null });
  });
});

describe('compareProviders', () => {
  it('says there is not enough data below the minimum of join attempts, with the figures so far', () => {
    const c = compareProviders([provider('p2p', 100, 5), provider('livekit', 20, 0)], []);
    expect(c.verdict).toBe('not_enough_data');
    expect(c.metrics.find((m) => m.id === 'join_error_rate')?.livekit.sample).toBe(20);
  });

  it('calls a provider better only where the intervals do not overlap', () => {
    // Join errors 1/40 against 12/40: (0.0044, 0.1288) lies below (0.1807, 0.4543).
    const c = compareProviders(
      [provider('p2p', 28, 12), provider('livekit', 39, 1)],
      [rated('p2p', [1, 0, 0, 0, 1]), rated('livekit', [0, 0, 0, 1, 1])],
    );
    expect(c.metrics.find((m) => m.id === 'join_error_rate')).toMatchObject({
      livekit: { low: 0.0044, high: 0.1288 },
      p2p: { low: 0.1807, high: 0.4543 },
      better: 'livekit',
    });
    // Two ratings each: far too few to tell.
    expect(c.metrics.find((m) => m.id === 'poor_rating_rate')?.better).toBeNull();
    expect(c.verdict).toBe('livekit_better');
  });

  it('says when the measures disagree, and when nothing differs clearly', () => {
    const mixed = compareProviders(
      [provider('p2p', 28, 12, 0), provider('livekit', 39, 1, 30)],
      [],
    );
    expect(mixed.verdict).toBe('mixed');
    const same = compareProviders([provider('p2p', 40, 1), provider('livekit', 40, 2)], []);
    expect(same.verdict).toBe('no_clear_difference');
  });
});
