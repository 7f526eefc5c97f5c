// Adding someone to a call: a personal invite with a role (interpreter, relative, colleague) for
// an open visit, refused when the call has no room left by its provider's limit. Its flag
// `admit_on_arrival` lets the person in on their knock (admit-on-arrival.ts), which is why the
// flag is audited with the invite's creation.
import type { AddedPerson, AddPersonBody, StaffMember } from '@openconnect/contracts';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import { getVisitRow } from '../visits/visits.ts';
import { assertRoomToInvite, callCapacity } from './call-capacity.ts';
import { insertInvite } from './invites.ts';

/** Creates the invite of a person added to a visit's call, with how full the call is then. */
export async function addPerson(
  deps: Pick<Services, 'db' | 'providers'>,
  staff: StaffMember,
  visitId: string,
  body: AddPersonBody,
  publicUrl: string,
): Promise<AddedPerson> {
  const visit = await getVisitRow(deps, staff, visitId);
  if (visit.status === 'ended')
    throw new AppError('GONE', 'This visit has ended; nobody can be added to it.');
  const capacity = await callCapacity(deps, visit);
  assertRoomToInvite(capacity);
  const invite = await deps.db.transaction().execute((tx) =>
    insertInvite(
      tx,
      staff,
      visit,
      // For one person: removing them withdraws it, and it admits one request at a time.
      {
        kind: 'personal',
        role: body.role,
        admitOnArrival: body.admitOnArrival,
        expiresInMinutes: body.expiresInMinutes,
      },
      publicUrl,
    ),
  );
  return { invite, capacity: { ...capacity, pending: capacity.pending + 1 } };
}
