// Visits (rooms in the database): create, read, list and end, scoped to the staff's facilities.
import { randomUUID } from 'node:crypto';
import {
  topics,
  type CreateVisitBody,
  type ListVisitsQuery,
  type StaffEvent,
  type StaffMember,
  type Visit,
} from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { assertFacilityAccess } from '../auth/access.ts';
import { notFound } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import { chooseProvider, recordDecision } from '../rollout/provider-policy.ts';
import type { RoomRow } from '../storage/tables.ts';
import { assertBookable } from './schedule.ts';

export function toVisit(row: RoomRow): Visit {
  return {
    id: row.id,
    facilityId: row.facility_id,
    title: row.title,
    status: row.status,
    provider: row.provider,
    scheduledStart: row.scheduled_start?.toISOString() ?? null,
    scheduledEnd: row.scheduled_end?.toISOString() ?? null,
    extendedMinutes: row.extended_minutes,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    endedAt: row.ended_at?.toISOString() ?? null,
  };
}

/** Creates a visit in one of the staff member's facilities, pinned to the provider chosen now. */
export async function createVisit(
  deps: Pick<Services, 'config' | 'db' | 'providers' | 'health' | 'metrics' | 'rollout'>,
  staff: StaffMember,
  input: CreateVisitBody,
): Promise<Visit> {
  assertFacilityAccess(staff, input.facilityId);
  assertBookable(
    input.scheduledStart ? new Date(input.scheduledStart) : null,
    input.scheduledEnd ? new Date(input.scheduledEnd) : null,
    new Date(),
  );
  const decision = await chooseProvider(deps, input.facilityId);
  return deps.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('rooms')
      .values({
        id: randomUUID(),
        facility_id: input.facilityId,
        title: input.title,
        status: 'scheduled',
        provider: decision.provider,
        scheduled_start: input.scheduledStart ?? null,
        scheduled_end: input.scheduledEnd ?? null,
        created_by: staff.id,
        started_at: null,
        ended_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(
      { db: tx },
      {
        actor: staff,
        action: 'visit.create',
        targetType: 'visit',
        targetId: row.id,
        facilityId: row.facility_id,
        details: { title: row.title, provider: decision.provider },
      },
    );
    await recordDecision({ metrics: deps.metrics, db: tx }, row, decision, 'created');
    return toVisit(row);
  });
}

/** Loads a visit row the staff member may see; NOT_FOUND otherwise. */
export async function getVisitRow(
  { db }: Pick<Services, 'db'>,
  staff: StaffMember,
  id: string,
): Promise<RoomRow> {
  const row = await db.selectFrom('rooms').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !staff.facilityIds.includes(row.facility_id)) throw notFound('Visit');
  return row;
}

/** Lists a facility's visits, newest first. */
export async function listVisits(
  { db }: Pick<Services, 'db'>,
  staff: StaffMember,
  query: ListVisitsQuery,
): Promise<Visit[]> {
  assertFacilityAccess(staff, query.facilityId);
  let q = db
    .selectFrom('rooms')
    .selectAll()
    .where('facility_id', '=', query.facilityId)
    .orderBy('created_at', 'desc')
    .limit(query.limit);
  if (query.status) q = q.where('status', '=', query.status);
  return (await q.execute()).map(toVisit);
}

/** Ends a visit and closes its provider room; ending an ended visit returns it unchanged. */
export async function endVisit(
  deps: Pick<Services, 'db' | 'bus' | 'providers'>,
  staff: StaffMember,
  id: string,
): Promise<Visit> {
  const current = await getVisitRow(deps, staff, id);
  if (current.status === 'ended') return toVisit(current);
  const ended = await closeVisit(deps, current, staff, 'visit.end');
  return ended ?? toVisit(await getVisitRow(deps, staff, id));
}

/**
 * Closes a visit's provider room, then ends the visit in one conditional update: of several
 * callers (staff, the end job on several instances) exactly one ends it, audits it and tells the
 * pages; the others get undefined. The provider room is closed first, and closing is idempotent,
 * so a provider failure leaves the visit open for a retry.
 */
export async function closeVisit(
  deps: Pick<Services, 'db' | 'bus' | 'providers'>,
  current: RoomRow,
  actor: StaffMember | null,
  action: 'visit.end' | 'visit.end_on_time',
  /** Only end it while this still holds (the end job: its end has come). */
  onlyIfDueBy?: Date,
): Promise<Visit | undefined> {
  const { db } = deps;
  const id = current.id;
  const provider = current.provider ? deps.providers.get(current.provider) : undefined;
  // Close the room first: if the provider fails, the visit stays open and the caller can retry.
  await provider?.closeRoom(current.id);
  const ended = await db.transaction().execute(async (tx) => {
    let update = tx
      .updateTable('rooms')
      .set({ status: 'ended', ended_at: new Date() })
      .where('id', '=', id)
      .where('status', '!=', 'ended');
    if (onlyIfDueBy) update = update.where('scheduled_end', '<=', onlyIfDueBy);
    const row = await update.returningAll().executeTakeFirst();
    if (!row) return undefined;
    await recordAudit(
      { db: tx },
      {
        actor,
        action,
        targetType: 'visit',
        targetId: id,
        facilityId: row.facility_id,
        ...(row.scheduled_end
          ? { details: { scheduledEnd: row.scheduled_end.toISOString() } }
          : {}),
      },
    );
    await tx
      .updateTable('participants')
      .set({ left_at: new Date(), left_reason: 'visit_ended' })
      .where('room_id', '=', id)
      .where('left_at', 'is', null)
      .execute();
    // Nobody waits for a visit that is over.
    const expired = await tx
      .updateTable('lobby_entries')
      .set({ status: 'expired', reason: 'visit ended' })
      .where('room_id', '=', id)
      .where('status', '=', 'waiting')
      .returning('id')
      .execute();
    return { visit: toVisit(row), expired };
  });
  if (!ended) return undefined;
  const event: StaffEvent = { type: 'visit', visitId: id, status: 'ended' };
  await deps.bus.publish(topics.facility(ended.visit.facilityId), event);
  for (const entry of ended.expired)
    await deps.bus.publish(topics.lobby(entry.id), { type: 'changed' });
  return ended.visit;
}
