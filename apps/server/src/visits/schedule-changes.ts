// What staff change about a schedule: a visit's start and end, an extension of a visit under way,
// a facility's schedule settings, and the day plan the dashboard shows. Each change is audited
// and pushed: staff pages re-read the visit, admitted visitors re-read their entry (which carries
// the end), so every countdown in the call moves with it.
import {
  MAX_EXTENSION_MINUTES,
  topics,
  type Facility,
  type FacilitySchedule,
  type FacilitySettingsBody,
  type StaffEvent,
  type StaffMember,
  type UpdateVisitBody,
  type Visit,
} from '@openconnect/contracts';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit-log.ts';
import { assertAdmin, assertFacilityAccess } from '../auth/access.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { toFacility } from '../facilities/facilities.ts';
import type { Services } from '../services.ts';
import type { RoomRow } from '../storage/tables.ts';
import { assertBookable, startOfDay } from './schedule.ts';
import { getVisitRow, toVisit } from './visits.ts';

type Deps = Pick<Services, 'db' | 'bus'>;

/** Tells staff pages to re-read the visit, and admitted visitors to re-read their entry. */
async function announceScheduleChange(deps: Deps, room: RoomRow): Promise<void> {
  const event: StaffEvent = { type: 'visit', visitId: room.id, status: room.status };
  await deps.bus.publish(topics.facility(room.facility_id), event);
  const admitted = await deps.db
    .selectFrom('lobby_entries')
    .select('id')
    .where('room_id', '=', room.id)
    .where('status', '=', 'admitted')
    .execute();
  for (const entry of admitted) await deps.bus.publish(topics.lobby(entry.id), { type: 'changed' });
}

/** Changes a visit's title, start or end (null clears them); not once it has ended. */
export async function updateVisit(
  deps: Deps,
  staff: StaffMember,
  id: string,
  input: UpdateVisitBody,
  now = new Date(),
): Promise<Visit> {
  const current = await getVisitRow(deps, staff, id);
  if (current.status === 'ended') throw new AppError('CONFLICT', 'This visit has ended.');
  const given = (value: string | null | undefined, was: Date | null) =>
    value === undefined ? was : value === null ? null : new Date(value);
  const start = given(input.scheduledStart, current.scheduled_start);
  const end = given(input.scheduledEnd, current.scheduled_end);
  assertBookable(start, end, now);
  const row = await deps.db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('rooms')
      .set({
        title: input.title ?? current.title,
        scheduled_start: start,
        scheduled_end: end,
        // A new end is booked as it is: earlier extensions belong to the old one.
        ...(input.scheduledEnd !== undefined ? { extended_minutes: 0 } : {}),
      })
      .where('id', '=', id)
      .where('status', '<>', 'ended')
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new AppError('CONFLICT', 'This visit has ended.');
    await recordAudit(
      { db: tx },
      {
        actor: staff,
        action: 'visit.update',
        targetType: 'visit',
        targetId: id,
        facilityId: updated.facility_id,
        details: {
          ...(input.title !== undefined ? { title: updated.title } : {}),
          scheduledStart: updated.scheduled_start?.toISOString() ?? null,
          scheduledEnd: updated.scheduled_end?.toISOString() ?? null,
        },
      },
    );
    return updated;
  });
  await announceScheduleChange(deps, row);
  return toVisit(row);
}

/**
 * Adds 5 or 15 minutes to a scheduled visit's end, where the facility allows it and the end has
 * not come yet. One conditional update, so two staff pressing at once add twice, never lose one,
 * and an extension never revives a visit the end job has ended.
 */
export async function extendVisit(
  deps: Deps,
  staff: StaffMember,
  id: string,
  minutes: 5 | 15,
): Promise<Visit> {
  const current = await getVisitRow(deps, staff, id);
  const facility = await deps.db
    .selectFrom('facilities')
    .select('end_policy')
    .where('id', '=', current.facility_id)
    .executeTakeFirstOrThrow();
  if (facility.end_policy !== 'extendable')
    throw new AppError(
      'CONFLICT',
      'This facility ends visits at their set time. An administrator can allow extensions in the facility settings.',
    );
  if (current.status === 'ended') throw new AppError('GONE', 'This visit has ended.');
  if (!current.scheduled_end) throw new AppError('CONFLICT', 'This visit has no end to extend.');
  if (current.extended_minutes + minutes > MAX_EXTENSION_MINUTES)
    throw new AppError(
      'CONFLICT',
      `A visit can be extended by ${MAX_EXTENSION_MINUTES} minutes at most; it has ${current.extended_minutes} already.`,
    );
  const row = await deps.db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('rooms')
      .set({
        scheduled_end: sql<Date>`scheduled_end + ${minutes} * interval '1 minute'`,
        extended_minutes: sql<number>`extended_minutes + ${minutes}`,
      })
      .where('id', '=', id)
      .where('status', '<>', 'ended')
      .where('scheduled_end', '>', new Date())
      .where('extended_minutes', '<=', MAX_EXTENSION_MINUTES - minutes)
      .returningAll()
      .executeTakeFirst();
    if (!updated) return undefined;
    await recordAudit(
      { db: tx },
      {
        actor: staff,
        action: 'visit.extend',
        targetType: 'visit',
        targetId: id,
        facilityId: updated.facility_id,
        details: {
          minutes,
          scheduledEnd: updated.scheduled_end?.toISOString() ?? null,
          extendedMinutes: updated.extended_minutes,
        },
      },
    );
    return updated;
  });
  if (!row)
    throw new AppError('GONE', 'This visit has reached its end and can no longer be extended.');
  await announceScheduleChange(deps, row);
  return toVisit(row);
}

/** Changes a facility's time zone, waiting-room opening and end policy (admins only). */
export async function updateFacilitySettings(
  deps: Pick<Services, 'db'>,
  staff: StaffMember,
  facilityId: string,
  input: FacilitySettingsBody,
): Promise<Facility> {
  assertAdmin(staff);
  assertFacilityAccess(staff, facilityId);
  return deps.db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('facilities')
      .set({
        ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
        ...(input.waitingRoomOpensMinutes !== undefined
          ? { waiting_room_opens_minutes: input.waitingRoomOpensMinutes }
          : {}),
        ...(input.endPolicy !== undefined ? { end_policy: input.endPolicy } : {}),
      })
      .where('id', '=', facilityId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('Facility');
    await recordAudit(
      { db: tx },
      {
        actor: staff,
        action: 'facility.settings',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        details: { ...input },
      },
    );
    return toFacility(row);
  });
}

/** The calendar date of `at` in `zone`, YYYY-MM-DD. */
function dateIn(zone: string, at: Date): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(at);
}

/** Today's and tomorrow's visits of a facility, in its time zone, each day earliest first. */
export async function facilitySchedule(
  deps: Pick<Services, 'db'>,
  staff: StaffMember,
  facilityId: string,
  now = new Date(),
): Promise<FacilitySchedule> {
  assertFacilityAccess(staff, facilityId);
  const facility = await deps.db
    .selectFrom('facilities')
    .select('timezone')
    .where('id', '=', facilityId)
    .executeTakeFirst();
  if (!facility) throw notFound('Facility');
  const zone = facility.timezone;
  const today = startOfDay(zone, now);
  const tomorrow = startOfDay(zone, now, 1);
  const after = startOfDay(zone, now, 2);
  const rows = await deps.db
    .selectFrom('rooms')
    .selectAll()
    .where('facility_id', '=', facilityId)
    .where('scheduled_start', '>=', today)
    .where('scheduled_start', '<', after)
    .orderBy('scheduled_start')
    .orderBy('created_at')
    .execute();
  const on = (from: Date, to: Date) =>
    rows
      .filter((r) => r.scheduled_start && r.scheduled_start >= from && r.scheduled_start < to)
      .map(toVisit);
  return {
    timeZone: zone,
    today: { date: dateIn(zone, today), visits: on(today, tomorrow) },
    tomorrow: { date: dateIn(zone, tomorrow), visits: on(tomorrow, after) },
  };
}
