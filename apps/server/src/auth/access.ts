// Who may do what: facility scoping and roles, decided in one place.
import type { StaffMember } from '@openconnect/contracts';
import { AppError, notFound } from '../errors/app-error.ts';

/**
 * Throws unless the staff member belongs to the facility. Answers "not found" rather than
 * "forbidden" so that staff of one facility cannot probe another's ids.
 */
export function assertFacilityAccess(
  staff: StaffMember,
  facilityId: string,
  what = 'Facility',
): void {
  if (!staff.facilityIds.includes(facilityId)) throw notFound(what);
}

/** Throws FORBIDDEN unless the staff member is an admin. */
export function assertAdmin(staff: StaffMember): void {
  if (staff.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'Only facility administrators can do this.');
  }
}
