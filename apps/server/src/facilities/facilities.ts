// Facilities: reading those a staff member belongs to, and creating new ones.
import { randomUUID } from 'node:crypto';
import type { Services } from '../services.ts';
import type { Facility, StaffMember } from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { assertAdmin, assertFacilityAccess } from '../auth/access.ts';
import { notFound } from '../errors/app-error.ts';
import type { FacilityRow } from '../storage/tables.ts';

export function toFacility(row: FacilityRow): Facility {
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    createdAt: row.created_at.toISOString(),
    waitingRoomOpensMinutes: row.waiting_room_opens_minutes,
    endPolicy: row.end_policy,
  };
}

/** The facilities a staff member belongs to, by name. */
export async function listFacilities(
  { db }: Pick<Services, 'db'>,
  staff: StaffMember,
): Promise<Facility[]> {
  if (staff.facilityIds.length === 0) return [];
  const rows = await db
    .selectFrom('facilities')
    .selectAll()
    .where('id', 'in', staff.facilityIds)
    .orderBy('name')
    .execute();
  return rows.map(toFacility);
}

/** One facility the staff member belongs to. */
export async function getFacility(
  { db }: Pick<Services, 'db'>,
  staff: StaffMember,
  id: string,
): Promise<Facility> {
  assertFacilityAccess(staff, id);
  const row = await db.selectFrom('facilities').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Facility');
  return toFacility(row);
}

/** Creates a facility (admins only); its creator becomes a member. */
export async function createFacility(
  { db }: Pick<Services, 'db'>,
  staff: StaffMember,
  input: { name: string; timezone: string },
): Promise<Facility> {
  assertAdmin(staff);
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('facilities')
      .values({ id: randomUUID(), name: input.name, timezone: input.timezone })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('staff_facilities')
      .values({ staff_id: staff.id, facility_id: row.id })
      .execute();
    await recordAudit(
      { db: tx },
      {
        actor: staff,
        action: 'facility.create',
        targetType: 'facility',
        targetId: row.id,
        facilityId: row.id,
        details: { name: row.name },
      },
    );
    return toFacility(row);
  });
}
