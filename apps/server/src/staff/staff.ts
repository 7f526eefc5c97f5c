// Staff accounts: admins add staff to the facilities they administer.
import { randomUUID } from 'node:crypto';
import type { Services } from '../services.ts';
import type { CreateStaffBody, StaffMember } from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { assertAdmin, assertFacilityAccess } from '../auth/access.ts';
import { hashPassword } from '../auth/passwords.ts';
import { loadStaffMember } from '../auth/sessions.ts';
import { AppError } from '../errors/app-error.ts';

/** Creates a staff account in facilities the admin belongs to. */
export async function createStaff(
  { db }: Pick<Services, 'db'>,
  admin: StaffMember,
  input: CreateStaffBody,
): Promise<StaffMember> {
  assertAdmin(admin);
  if (input.facilityIds.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'Give the new account at least one facility.');
  }
  for (const facilityId of input.facilityIds) assertFacilityAccess(admin, facilityId);
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    const taken = await tx
      .selectFrom('staff')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()))
      .executeTakeFirst();
    if (taken) throw new AppError('CONFLICT', 'An account with this email already exists.');
    await tx
      .insertInto('staff')
      .values({
        id,
        email: input.email,
        display_name: input.displayName,
        password_hash: passwordHash,
        role: input.role,
        disabled_at: null,
      })
      .execute();
    await tx
      .insertInto('staff_facilities')
      .values([...new Set(input.facilityIds)].map((facility_id) => ({ staff_id: id, facility_id })))
      .execute();
    for (const facilityId of new Set(input.facilityIds)) {
      await recordAudit(
        { db: tx },
        {
          actor: admin,
          action: 'staff.create',
          targetType: 'staff',
          targetId: id,
          facilityId,
          details: { email: input.email, role: input.role },
        },
      );
    }
  });
  const member = await loadStaffMember({ db }, id);
  if (!member) throw new AppError('INTERNAL', 'The new account could not be read back.');
  return member;
}
