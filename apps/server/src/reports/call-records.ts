// Call records: one row per participant session, for reports. The server's own events fill it
// from the participants table (issued, joined, left: duration, and credentials that never
// joined, a failed join); the browser adds what only it knows from the call's end screen (time to
// connected and to the first remote frame, reconnects, a lost call, the media path).
import type { CallRecordBody, StaffMember } from '@openconnect/contracts';
import { sql } from 'kysely';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import type { LobbyEntryRow } from '../storage/tables.ts';
import { reportsDb } from './report-tables.ts';
import { getVisitRow } from '../visits/visits.ts';

/** Sessions issued within this long are copied again on every sync: they may still join or leave. */
export const SYNC_WINDOW_MS = 24 * 60 * 60_000;
/** Open records (never left) younger than this are refreshed from participants on every sync. */
export const OPEN_WINDOW_MS = 7 * 24 * 60 * 60_000;

/**
 * Where copying starts: just after the newest session already copied, or a day ago if that is
 * earlier (recent sessions may have joined or left since); the whole history only while nothing
 * was copied. The newest row comes off the issue-time index, so finding it costs the same at any
 * size, and the window read is new sessions plus one day, never the history.
 */
async function syncStart(deps: Pick<Services, 'db'>): Promise<Date> {
  const newest = await reportsDb(deps.db)
    .selectFrom('call_records')
    .select('issued_at')
    .orderBy('issued_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!newest) return new Date(0);
  // One millisecond on: the newest copied instant is copied already (timestamps here are ms).
  return new Date(Math.min(newest.issued_at.getTime() + 1, Date.now() - SYNC_WINDOW_MS));
}

const DURATION = sql`case when p.joined_at is not null and p.left_at is not null
  then greatest(0, floor(extract(epoch from (p.left_at - p.joined_at)) * 1000))::integer end`;

/**
 * Copies the sessions issued since `since` (by default: see syncStart) from participants into
 * call_records, and refreshes the records of the last week still open (joined or left since they
 * were copied). Both read a bounded window by an issue-time index, so the cost follows recent
 * activity, not history. Idempotent: any instance may run it.
 */
export async function syncCallRecords(
  deps: Pick<Services, 'db'>,
  since?: Date,
  visitId?: string,
): Promise<void> {
  const from = since ?? (await syncStart(deps));
  const visitFilter = visitId ? sql`and p.room_id = ${visitId}` : sql``;
  await sql`
    insert into call_records (
      participant_id, room_id, facility_id, provider, role, issued_at, joined_at, left_at,
      left_reason, duration_ms
    )
    -- The facility by a lookup per session, not a join: without table statistics (PGlite) the
    -- planner would hash-join the whole rooms table.
    select p.id, p.room_id, (select r.facility_id from rooms r where r.id = p.room_id),
      p.provider, p.role, p.issued_at, p.joined_at, p.left_at, p.left_reason, ${DURATION}
    from participants p
    -- Naming both providers lets the (provider, issued_at) index find the window.
    where p.provider in ('p2p', 'livekit') and p.issued_at >= ${from} ${visitFilter}
    on conflict (participant_id) do update set
      joined_at = excluded.joined_at,
      left_at = excluded.left_at,
      left_reason = excluded.left_reason,
      duration_ms = excluded.duration_ms
    where call_records.joined_at is distinct from excluded.joined_at
      or call_records.left_at is distinct from excluded.left_at
  `.execute(deps.db);
  const openSince = new Date(Date.now() - OPEN_WINDOW_MS);
  await sql`
    update call_records c set (joined_at, left_at, left_reason, duration_ms) = (
      select p.joined_at, p.left_at, p.left_reason, ${DURATION}
      from participants p where p.id = c.participant_id
    )
    where c.left_at is null and c.issued_at >= ${openSince}
      and exists (
        select 1 from participants p where p.id = c.participant_id
          and (p.joined_at is distinct from c.joined_at or p.left_at is distinct from c.left_at)
      )
  `.execute(deps.db);
}

/** Adds the browser's figures to the person's latest session in the visit. */
async function record(
  deps: Pick<Services, 'db'>,
  visitId: string,
  identity: string,
  body: CallRecordBody,
): Promise<void> {
  const session = await deps.db
    .selectFrom('participants')
    .select(['id', 'issued_at'])
    .where('room_id', '=', visitId)
    .where('identity', '=', identity)
    .orderBy('issued_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!session) throw new AppError('CONFLICT', 'You were not in this visit’s call.');
  await syncCallRecords(deps, session.issued_at, visitId);
  const db = reportsDb(deps.db);
  // Timings are kept as first reported (a second end screen of the same session adds nothing).
  await db
    .updateTable('call_records')
    .set((eb) => ({
      connect_ms: eb.fn.coalesce('connect_ms', eb.val(body.connectMs)),
      first_frame_ms: eb.fn.coalesce('first_frame_ms', eb.val(body.firstFrameMs)),
      reconnects: sql<number>`greatest(reconnects, ${body.reconnects})`,
      drops: body.dropped ? sql<number>`greatest(drops, 1)` : sql<number>`drops`,
      candidate_type: eb.fn.coalesce('candidate_type', eb.val(body.candidateType)),
      transport: eb.fn.coalesce('transport', eb.val(body.transport)),
    }))
    .where('participant_id', '=', session.id)
    .execute();
}

/** A visitor's figures for the visit their waiting-room entry was for. */
export function recordVisitorCall(
  deps: Pick<Services, 'db'>,
  entry: LobbyEntryRow,
  body: CallRecordBody,
): Promise<void> {
  return record(deps, entry.room_id, entry.identity, body);
}

/** A host's figures for a visit of their facility. */
export async function recordStaffCall(
  deps: Pick<Services, 'db'>,
  staff: StaffMember,
  visitId: string,
  body: CallRecordBody,
): Promise<void> {
  await getVisitRow(deps, staff, visitId);
  return record(deps, visitId, `staff-${staff.id}`, body);
}
