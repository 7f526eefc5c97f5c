// The reports page's figures for a date range and a set of facilities: visits per day, waiting
// and visit times, call quality per provider (time to connect and to first frame, join errors,
// reconnects, drops, fallbacks), media paths and feedback. Every query is bounded by the range on
// an index that leads with time (or facility and time), so its cost follows the range asked for,
// not the history kept. Facility administrators see their facilities; operators every facility.
import type {
  FeedbackComment,
  FeedbackReport,
  FeedbackTag,
  MediaPathShare,
  ProviderName,
  ProviderReport,
  FullReport,
  ReportQuery,
  Spread,
  StaffMember,
} from '@openconnect/contracts';
import { FEEDBACK_TAGS, PROVIDER_TYPES } from '@openconnect/contracts';
import { sql, type RawBuilder } from 'kysely';
import { assertFacilityAccess } from '../auth/access.ts';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import { syncCallRecords } from './call-records.ts';
import { compareProviders } from './comparison.ts';

const DAY_MS = 86_400_000;
/** Credentials younger than this may still be connecting: not yet a failed join. */
const STILL_JOINING_MS = 2 * 60_000;

/** The facilities a report covers; null means every facility (operators, no facility asked). */
export function reportScope(staff: StaffMember, facilityId: string | undefined): string[] | null {
  if (!staff.isOperator && staff.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'Reports are for facility administrators and operators.');
  }
  if (facilityId) {
    if (!staff.isOperator) assertFacilityAccess(staff, facilityId);
    return [facilityId];
  }
  return staff.isOperator ? null : [...staff.facilityIds];
}

/** `and <column> in (…)` for a scope; an empty scope matches nothing. */
function inScope(column: string, ids: readonly string[] | null): RawBuilder<unknown> {
  if (ids === null) return sql``;
  if (ids.length === 0) return sql`and false`;
  return sql`and ${sql.ref(column)} in (${sql.join(ids)})`;
}

/**
 * The same for waiting-room entries, by a lookup of each entry's visit rather than a join:
 * without table statistics (PGlite) the planner would hash-join the whole rooms table.
 */
function inScopeOfVisit(ids: readonly string[] | null): RawBuilder<unknown> {
  if (ids === null) return sql``;
  if (ids.length === 0) return sql`and false`;
  return sql`and (select r.facility_id from rooms r where r.id = e.room_id) in (${sql.join(ids)})`;
}

interface Range {
  start: Date;
  end: Date;
  ids: string[] | null;
}

const num = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
const count = (value: unknown): number => Number(value ?? 0);

function spread(row: { n: unknown; p50: unknown; p95: unknown } | undefined): Spread {
  const n = count(row?.n);
  const round = (v: unknown) => (num(v) === null ? null : Math.round(Number(v) * 10) / 10);
  return { count: n, p50: n ? round(row?.p50) : null, p95: n ? round(row?.p95) : null };
}

/** The days from `from` to `to`, inclusive, as YYYY-MM-DD. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

async function visitsPerDay(deps: Pick<Services, 'db'>, r: Range, query: ReportQuery) {
  const { rows } = await sql<{ day: string; visits: string }>`
    select to_char(started_at at time zone 'UTC', 'YYYY-MM-DD') as day, count(*) as visits
    from rooms
    where started_at >= ${r.start} and started_at < ${r.end} ${inScope('facility_id', r.ids)}
    group by 1
  `.execute(deps.db);
  const byDay = new Map(rows.map((row) => [row.day, count(row.visits)]));
  return daysOf(query.from, query.to).map((day) => ({ day, visits: byDay.get(day) ?? 0 }));
}

async function waitSeconds(deps: Pick<Services, 'db'>, r: Range): Promise<Spread> {
  const { rows } = await sql<{ n: string; p50: number; p95: number }>`
    select count(*) as n,
      percentile_cont(0.5) within group (order by extract(epoch from e.decided_at - e.created_at)) as p50,
      percentile_cont(0.95) within group (order by extract(epoch from e.decided_at - e.created_at)) as p95
    from lobby_entries e
    where e.status = 'admitted' and e.decided_at >= ${r.start} and e.decided_at < ${r.end}
      ${inScopeOfVisit(r.ids)}
  `.execute(deps.db);
  return spread(rows[0]);
}

async function visitSeconds(deps: Pick<Services, 'db'>, r: Range): Promise<Spread> {
  const { rows } = await sql<{ n: string; p50: number; p95: number }>`
    select count(*) as n,
      percentile_cont(0.5) within group (order by extract(epoch from ended_at - started_at)) as p50,
      percentile_cont(0.95) within group (order by extract(epoch from ended_at - started_at)) as p95
    from rooms
    where started_at >= ${r.start} and started_at < ${r.end} and ended_at is not null
      ${inScope('facility_id', r.ids)}
  `.execute(deps.db);
  return spread(rows[0]);
}

interface ProviderRow {
  provider: ProviderName;
  sessions: string;
  failures: string;
  connect_n: string;
  connect_p50: number | null;
  connect_p95: number | null;
  frame_n: string;
  frame_p50: number | null;
  frame_p95: number | null;
  reconnects: string | null;
  drops: string | null;
}

async function providers(deps: Pick<Services, 'db'>, r: Range): Promise<ProviderReport[]> {
  const joining = new Date(Date.now() - STILL_JOINING_MS);
  const [quality, fallbacks] = await Promise.all([
    sql<ProviderRow>`
      select provider,
        count(*) filter (where joined_at is not null) as sessions,
        count(*) filter (where joined_at is null and issued_at < ${joining}) as failures,
        count(connect_ms) as connect_n,
        percentile_cont(0.5) within group (order by connect_ms) as connect_p50,
        percentile_cont(0.95) within group (order by connect_ms) as connect_p95,
        count(first_frame_ms) as frame_n,
        percentile_cont(0.5) within group (order by first_frame_ms) as frame_p50,
        percentile_cont(0.95) within group (order by first_frame_ms) as frame_p95,
        sum(reconnects) as reconnects,
        sum(drops) as drops
      from call_records
      where issued_at >= ${r.start} and issued_at < ${r.end} ${inScope('facility_id', r.ids)}
      group by provider
    `.execute(deps.db),
    sql<{ provider: string; n: string }>`
      select details->>'to' as provider, count(distinct target_id) as n
      from audit_events
      where action = 'visit.provider_fallback'
        and created_at >= ${r.start} and created_at < ${r.end} ${inScope('facility_id', r.ids)}
      group by 1
    `.execute(deps.db),
  ]);
  const fellBack = new Map(fallbacks.rows.map((row) => [row.provider, count(row.n)]));
  return PROVIDER_TYPES.map((provider) => {
    const row = quality.rows.find((q) => q.provider === provider);
    const sessions = count(row?.sessions);
    const joinFailures = count(row?.failures);
    const attempts = sessions + joinFailures;
    return {
      provider,
      sessions,
      joinFailures,
      joinErrorRate: attempts ? joinFailures / attempts : null,
      connectMs: spread({ n: row?.connect_n, p50: row?.connect_p50, p95: row?.connect_p95 }),
      firstFrameMs: spread({ n: row?.frame_n, p50: row?.frame_p50, p95: row?.frame_p95 }),
      reconnects: count(row?.reconnects),
      drops: count(row?.drops),
      fallbacks: fellBack.get(provider) ?? 0,
    };
  });
}

async function mediaPaths(deps: Pick<Services, 'db'>, r: Range): Promise<MediaPathShare[]> {
  const { rows } = await sql<{
    provider: ProviderName;
    candidate_type: string;
    transport: string | null;
    n: string;
  }>`
    select provider, candidate_type, transport, count(*) as n
    from call_records
    where issued_at >= ${r.start} and issued_at < ${r.end} and candidate_type is not null
      ${inScope('facility_id', r.ids)}
    group by provider, candidate_type, transport
    order by provider, n desc, candidate_type, transport
  `.execute(deps.db);
  return rows.map((row) => ({
    provider: row.provider,
    candidateType: row.candidate_type,
    transport: row.transport ?? 'unknown',
    sessions: count(row.n),
  }));
}

async function feedback(deps: Pick<Services, 'db'>, r: Range): Promise<FeedbackReport[]> {
  const { rows } = await sql<
    Record<string, unknown> & { provider: ProviderName; role: 'host' | 'visitor' }
  >`
    select provider, role, count(*) as n, avg(rating) as average,
      count(*) filter (where rating = 1) as r1, count(*) filter (where rating = 2) as r2,
      count(*) filter (where rating = 3) as r3, count(*) filter (where rating = 4) as r4,
      count(*) filter (where rating = 5) as r5,
      count(*) filter (where could_not_hear) as could_not_hear,
      count(*) filter (where could_not_see) as could_not_see,
      count(*) filter (where call_dropped) as call_dropped,
      count(*) filter (where hard_to_join) as hard_to_join
    from call_feedback
    where created_at >= ${r.start} and created_at < ${r.end} ${inScope('facility_id', r.ids)}
    group by provider, role
    order by provider, role
  `.execute(deps.db);
  return rows.map((row) => {
    const average = num(row.average);
    return {
      provider: row.provider,
      role: row.role,
      responses: count(row.n),
      ratings: [row.r1, row.r2, row.r3, row.r4, row.r5].map(count),
      averageRating: average === null ? null : Math.round(average * 100) / 100,
      tags: Object.fromEntries(FEEDBACK_TAGS.map((tag) => [tag, count(row[tag])])) as Record<
        FeedbackTag,
        number
      >,
    };
  });
}

async function comments(deps: Pick<Services, 'db'>, r: Range): Promise<FeedbackComment[]> {
  const { rows } = await sql<{
    room_id: string;
    provider: ProviderName;
    role: 'host' | 'visitor';
    rating: number | null;
    comment: string;
    created_at: Date;
  }>`
    select room_id, provider, role, rating, comment, created_at
    from call_feedback
    where created_at >= ${r.start} and created_at < ${r.end} and comment is not null
      ${inScope('facility_id', r.ids)}
    order by created_at desc
    limit 20
  `.execute(deps.db);
  return rows.map((row) => ({
    visitId: row.room_id,
    provider: row.provider,
    role: row.role,
    rating: row.rating,
    comment: row.comment,
    createdAt: new Date(row.created_at).toISOString(),
  }));
}

/** Every section of the reports page, for the staff member's scope. */
export async function buildReport(
  deps: Pick<Services, 'db'>,
  staff: StaffMember,
  query: ReportQuery,
): Promise<FullReport> {
  const ids = reportScope(staff, query.facilityId);
  const range: Range = {
    start: new Date(`${query.from}T00:00:00.000Z`),
    end: new Date(Date.parse(`${query.to}T00:00:00.000Z`) + DAY_MS),
    ids,
  };
  // Sessions of the last day may have joined or left since they were last copied.
  await syncCallRecords(deps);
  const [perDay, waits, visits, byProvider, paths, said, latest] = await Promise.all([
    visitsPerDay(deps, range, query),
    waitSeconds(deps, range),
    visitSeconds(deps, range),
    providers(deps, range),
    mediaPaths(deps, range),
    feedback(deps, range),
    comments(deps, range),
  ]);
  return {
    from: query.from,
    to: query.to,
    facilityIds: ids,
    visitsPerDay: perDay,
    waitSeconds: waits,
    visitSeconds: visits,
    providers: byProvider,
    mediaPaths: paths,
    feedback: said,
    comments: latest,
    comparison: compareProviders(byProvider, said),
  };
}
