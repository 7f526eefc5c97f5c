// Staff sessions: a random token in an HttpOnly cookie; only its SHA-256 is stored, so a database
// leak does not leak live sessions.
import { createHash, randomBytes } from 'node:crypto';
import type { Services } from '../services.ts';
import type { StaffMember } from '@openconnect/contracts';

export const SESSION_COOKIE = 'oc_session';

const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** The stored id of a session token, or null when the token cannot be one. */
export function sessionIdOf(token: string): string | null {
  return /^[A-Za-z0-9_-]{43}$/.test(token) ? hashToken(token) : null;
}

/** Starts a session for a staff member; returns the token for the cookie. */
export async function createSession(
  { db }: Pick<Services, 'db'>,
  staffId: string,
  ttlMs: number,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({ id: hashToken(token), staff_id: staffId, expires_at: new Date(Date.now() + ttlMs) })
    .execute();
  return token;
}

/** The signed-in staff member for a session token, or null when unknown, expired or disabled. */
export async function resolveSession(
  { db }: Pick<Services, 'db'>,
  token: string,
): Promise<StaffMember | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staff_id')
    .select([
      'staff.id',
      'staff.email',
      'staff.display_name',
      'staff.role',
      'staff.disabled_at',
      'sessions.expires_at',
    ])
    .where('sessions.id', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.disabled_at !== null || row.expires_at.getTime() <= Date.now()) return null;
  return loadStaffMember({ db }, row.id);
}

/** Ends a session (sign-out). Unknown tokens are ignored. */
export async function deleteSession({ db }: Pick<Services, 'db'>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}

/** Loads a staff member with the facilities they may act in. */
export async function loadStaffMember(
  { db }: Pick<Services, 'db'>,
  staffId: string,
): Promise<StaffMember | null> {
  const staff = await db
    .selectFrom('staff')
    .select(['id', 'email', 'display_name', 'role', 'is_operator'])
    .where('id', '=', staffId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!staff) return null;
  const facilities = await db
    .selectFrom('staff_facilities')
    .select('facility_id')
    .where('staff_id', '=', staffId)
    .execute();
  return {
    id: staff.id,
    email: staff.email,
    displayName: staff.display_name,
    role: staff.role,
    facilityIds: facilities.map((f) => f.facility_id),
    isOperator: staff.is_operator,
  };
}
