// When LiveKit is stable enough to become the default provider: criteria measured from the
// product's own data, each met, not met, or without enough data to say. The thresholds and the
// minimum samples are configuration (ROLLOUT_STABLE_*).
//
// Measured over the window (ROLLOUT_STABLE_WINDOW_DAYS) and the facility group, from the database:
// - join failure rate: LiveKit join credentials issued that never connected (participants whose
//   joined_at never came), out of all issued, leaving out the last two minutes (still connecting);
// - fallback rate: visits meant for LiveKit that fell back to p2p (audited
//   `visit.provider_fallback`), out of those plus the visits pinned to LiveKit.
// From this server instance's memory, since it started, for every facility (browsers' reports
// carry no facility and are not stored):
// - time to first frame: p95 of browsers' time from admission to the first remote frame.
// - feedback: answers about LiveKit calls (call_feedback) that report a problem — rated 1–2 of 5,
//   or could not hear, could not see, call dropped or hard to join ticked — out of all answers.
import type { StabilityCriterion, StabilityReport } from '@openconnect/contracts';
import { sql } from 'kysely';
import type { StabilityThresholds } from '../config/schema.ts';
import { reportsDb } from '../reports/report-tables.ts';
import type { Services } from '../services.ts';

/** What was counted; null where the source has nothing at all. */
export interface StabilityMeasurements {
  joins: { issued: number; neverConnected: number };
  visits: { onLiveKit: number; fellBack: number };
  /** Cumulative histogram buckets of LiveKit's time to first frame, in seconds. */
  firstFrame: { le: number; count: number }[];
  feedback: { answers: number; poor: number };
}

/** Joins issued this recently may still be connecting: they count only once older. */
export const CONNECT_GRACE_MS = 2 * 60_000;

const percent = (part: number, whole: number) => Math.round((part / whole) * 10_000) / 100;

/**
 * The q-quantile of a cumulative histogram as the upper bound of the bucket it falls in, so it is
 * never under-stated; Infinity when it falls past the last finite bound.
 */
export function histogramQuantile(buckets: { le: number; count: number }[], q: number): number {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted.at(-1)?.count ?? 0;
  if (total === 0) return Number.NaN;
  return sorted.find((b) => b.count >= q * total)?.le ?? Number.POSITIVE_INFINITY;
}

function judge(
  base: Omit<StabilityCriterion, 'status' | 'value'>,
  value: number,
): StabilityCriterion {
  if (base.samples < base.minSamples) return { ...base, status: 'no_data', value: null };
  const met = base.threshold !== null && value <= base.threshold;
  // A quantile past the histogram's last bound is reported as that bound, and never met.
  const shown = Number.isFinite(value) ? value : null;
  return { ...base, status: met ? 'met' : 'not_met', value: shown };
}

/** The criteria and the verdict for what was measured: pure, so its answers are known. */
export function evaluateStability(
  measured: StabilityMeasurements,
  limits: StabilityThresholds,
): Pick<StabilityReport, 'criteria' | 'verdict'> {
  const { joins, visits, firstFrame, feedback } = measured;
  const meant = visits.onLiveKit + visits.fellBack;
  const frames = firstFrame.reduce((max, b) => Math.max(max, b.count), 0);
  const criteria: StabilityCriterion[] = [
    judge(
      {
        id: 'join_failure_rate',
        threshold: limits.maxJoinFailurePercent,
        unit: 'percent',
        samples: joins.issued,
        minSamples: limits.minJoins,
        source: 'facilities',
      },
      joins.issued === 0 ? 0 : percent(joins.neverConnected, joins.issued),
    ),
    judge(
      {
        id: 'fallback_rate',
        threshold: limits.maxFallbackPercent,
        unit: 'percent',
        samples: meant,
        minSamples: limits.minVisits,
        source: 'facilities',
      },
      meant === 0 ? 0 : percent(visits.fellBack, meant),
    ),
    judge(
      {
        id: 'first_frame_p95',
        threshold: limits.maxFirstFrameSeconds,
        unit: 'seconds',
        samples: frames,
        minSamples: limits.minFrameReports,
        source: 'this_instance',
      },
      histogramQuantile(firstFrame, 0.95),
    ),
    judge(
      {
        id: 'feedback',
        threshold: limits.maxPoorFeedbackPercent,
        unit: 'percent',
        samples: feedback.answers,
        minSamples: limits.minFeedback,
        source: 'facilities',
      },
      feedback.answers === 0 ? 0 : percent(feedback.poor, feedback.answers),
    ),
  ];
  const verdict = criteria.some((c) => c.status === 'not_met')
    ? 'not_stable'
    : criteria.every((c) => c.status === 'met')
      ? 'stable'
      : 'not_enough_data';
  return { criteria, verdict };
}

/** Counts the window's LiveKit joins and visits for the group, and reads the first-frame histogram. */
export async function measureStability(
  deps: Pick<Services, 'db' | 'metrics'>,
  since: Date,
  facilityIds: readonly string[] | undefined,
  now: Date = new Date(),
): Promise<StabilityMeasurements> {
  const settled = new Date(now.getTime() - CONNECT_GRACE_MS);
  let joinQuery = deps.db
    .selectFrom('participants as p')
    .innerJoin('rooms as r', 'r.id', 'p.room_id')
    .select([
      (eb) => eb.fn.countAll<string>().as('issued'),
      sql<string>`count(*) filter (where p.joined_at is null)`.as('never'),
    ])
    .where('p.provider', '=', 'livekit')
    .where('p.issued_at', '>=', since)
    .where('p.issued_at', '<', settled);
  let visitQuery = deps.db
    .selectFrom('rooms')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('provider', '=', 'livekit')
    .where('created_at', '>=', since);
  let feedbackQuery = reportsDb(deps.db)
    .selectFrom('call_feedback')
    .select([
      (eb) => eb.fn.countAll<string>().as('answers'),
      sql<string>`count(*) filter (where rating <= 2 or could_not_hear or could_not_see or call_dropped or hard_to_join)`.as(
        'poor',
      ),
    ])
    .where('provider', '=', 'livekit')
    .where('created_at', '>=', since);
  let fallbackQuery = deps.db
    .selectFrom('audit_events')
    .select(sql<string>`count(distinct target_id)`.as('n'))
    .where('action', '=', 'visit.provider_fallback')
    .where(sql<boolean>`details->>'from' = 'livekit'`)
    .where('created_at', '>=', since);
  if (facilityIds !== undefined) {
    // An empty group measures nothing (`in ()` is not SQL): no id matches the nil UUID.
    const ids =
      facilityIds.length > 0 ? [...facilityIds] : ['00000000-0000-0000-0000-000000000000'];
    joinQuery = joinQuery.where('r.facility_id', 'in', ids);
    visitQuery = visitQuery.where('facility_id', 'in', ids);
    fallbackQuery = fallbackQuery.where('facility_id', 'in', ids);
    feedbackQuery = feedbackQuery.where('facility_id', 'in', ids);
  }
  const [joins, visits, fallbacks, feedback, histogram] = await Promise.all([
    joinQuery.executeTakeFirstOrThrow(),
    visitQuery.executeTakeFirstOrThrow(),
    fallbackQuery.executeTakeFirstOrThrow(),
    feedbackQuery.executeTakeFirstOrThrow(),
    deps.metrics.clientFirstFrame.get(),
  ]);
  const firstFrame = histogram.values
    .filter((v) => v.metricName?.endsWith('_bucket') && v.labels.provider === 'livekit')
    .map((v) => {
      // prom-client types a histogram's values with its own labels only; buckets add `le`.
      const le = (v.labels as { le?: string | number }).le;
      return { le: le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le), count: v.value };
    });
  return {
    joins: { issued: Number(joins.issued), neverConnected: Number(joins.never) },
    visits: { onLiveKit: Number(visits.n), fellBack: Number(fallbacks.n) },
    firstFrame,
    feedback: { answers: Number(feedback.answers), poor: Number(feedback.poor) },
  };
}

/** The report the rollout page shows: the window, the group, each criterion and the verdict. */
export async function stabilityReport(
  deps: Pick<Services, 'db' | 'metrics' | 'config'>,
  facilityIds: readonly string[] | undefined,
  now: Date = new Date(),
): Promise<StabilityReport> {
  const limits = deps.config.stability;
  const since = new Date(now.getTime() - limits.windowDays * 86_400_000);
  const measured = await measureStability(deps, since, facilityIds, now);
  const facilityCount =
    facilityIds?.length ??
    Number(
      (
        await deps.db
          .selectFrom('facilities')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    windowDays: limits.windowDays,
    since: since.toISOString(),
    facilityCount,
    ...evaluateStability(measured, limits),
  };
}
