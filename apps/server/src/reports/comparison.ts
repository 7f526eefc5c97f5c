// LiveKit against p2p, side by side, for the people who decide the default: join error rate, the
// share of calls lost, and the share of poor ratings (1 or 2 of 5), each with its sample and a
// 95% Wilson interval. A provider is "better" on a measure only when its interval lies wholly
// below the other's; the verdict says what the numbers support, and "not enough data" until both
// providers have a minimum of join attempts. Nothing here switches anything.
import type {
  ComparisonMetric,
  FeedbackReport,
  ProviderComparison,
  ProviderName,
  ProviderReport,
  RateEstimate,
} from '@openconnect/contracts';

/** Join attempts each provider needs before the comparison says anything. */
export const MIN_SAMPLE = 30;
const Z = 1.96;

/** A rate with its 95% Wilson score interval (sound for small samples and rates near 0). */
export function wilson(events: number, sample: number): RateEstimate {
  if (sample === 0) return { events, sample, rate: null, low: null, high: null };
  const p = events / sample;
  const z2 = Z * Z;
  const centre = (p + z2 / (2 * sample)) / (1 + z2 / sample);
  const half =
    (Z * Math.sqrt((p * (1 - p)) / sample + z2 / (4 * sample * sample))) / (1 + z2 / sample);
  const round = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10_000) / 10_000;
  return { events, sample, rate: round(p), low: round(centre - half), high: round(centre + half) };
}

function better(p2p: RateEstimate, livekit: RateEstimate): ProviderName | null {
  if (p2p.high === null || livekit.high === null || p2p.low === null || livekit.low === null)
    return null;
  if (livekit.high < p2p.low) return 'livekit';
  if (p2p.high < livekit.low) return 'p2p';
  return null;
}

function metric(
  id: ComparisonMetric['id'],
  counts: Record<ProviderName, { events: number; sample: number }>,
): ComparisonMetric {
  const p2p = wilson(counts.p2p.events, counts.p2p.sample);
  const livekit = wilson(counts.livekit.events, counts.livekit.sample);
  return { id, p2p, livekit, better: better(p2p, livekit) };
}

/** The comparison of the two providers from a report's per-provider figures and feedback. */
export function compareProviders(
  providers: readonly ProviderReport[],
  feedback: readonly FeedbackReport[],
  minSample = MIN_SAMPLE,
): ProviderComparison {
  const of = (name: ProviderName) => providers.find((p) => p.provider === name);
  const per = (f: (p: ProviderReport | undefined) => { events: number; sample: number }) => ({
    p2p: f(of('p2p')),
    livekit: f(of('livekit')),
  });
  const ratings = (name: ProviderName) => {
    const rows = feedback.filter((f) => f.provider === name);
    const rated = rows.reduce((n, f) => n + f.ratings.reduce((a, b) => a + b, 0), 0);
    const poor = rows.reduce((n, f) => n + (f.ratings[0] ?? 0) + (f.ratings[1] ?? 0), 0);
    return { events: poor, sample: rated };
  };
  const metrics = [
    metric(
      'join_error_rate',
      per((p) => ({
        events: p?.joinFailures ?? 0,
        sample: (p?.sessions ?? 0) + (p?.joinFailures ?? 0),
      })),
    ),
    metric(
      'drop_rate',
      per((p) => ({ events: Math.min(p?.drops ?? 0, p?.sessions ?? 0), sample: p?.sessions ?? 0 })),
    ),
    metric('poor_rating_rate', { p2p: ratings('p2p'), livekit: ratings('livekit') }),
  ];
  const attempts = (name: ProviderName) =>
    (of(name)?.sessions ?? 0) + (of(name)?.joinFailures ?? 0);
  if (attempts('p2p') < minSample || attempts('livekit') < minSample) {
    return { verdict: 'not_enough_data', minSample, metrics };
  }
  const wins = new Set(metrics.map((m) => m.better).filter((b) => b !== null));
  const verdict =
    wins.size === 0
      ? 'no_clear_difference'
      : wins.size === 2
        ? 'mixed'
        : wins.has('livekit')
          ? 'livekit_better'
          : 'p2p_better';
  return { verdict, minSample, metrics };
}
