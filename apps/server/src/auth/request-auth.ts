// Reads the session cookie of a request and resolves the staff member, once per request.
import type { FastifyRequest } from 'fastify';
import type { Services } from '../services.ts';
import type { StaffMember } from '@openconnect/contracts';
import { AppError } from '../errors/app-error.ts';
import { SESSION_COOKIE, resolveSession } from './sessions.ts';

const cache = new WeakMap<FastifyRequest, StaffMember | null>();

/** The signed-in staff member, or null. */
export async function currentStaff(
  { db }: Pick<Services, 'db'>,
  request: FastifyRequest,
): Promise<StaffMember | null> {
  if (cache.has(request)) return cache.get(request) ?? null;
  const token = request.cookies[SESSION_COOKIE];
  const staff = token ? await resolveSession({ db }, token) : null;
  cache.set(request, staff);
  return staff;
}

/** The signed-in staff member; throws UNAUTHENTICATED otherwise. */
export async function requireStaff(
  { db }: Pick<Services, 'db'>,
  request: FastifyRequest,
): Promise<StaffMember> {
  const staff = await currentStaff({ db }, request);
  if (!staff) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  return staff;
}
