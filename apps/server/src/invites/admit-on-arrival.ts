// A person added to a call with "let in on arrival" does not wait for a click: their knock is
// admitted at once in the name of the staff member who created the invite (their standing
// decision, audited with the invite and again as that member's admission). A full call, or a
// creator who can no longer admit, leaves them waiting like anyone else; staff then see them in
// the queue with their role, and "Let in" says the call is full until someone leaves.
import type { LobbyTicket } from '@openconnect/contracts';
import { loadStaffMember } from '../auth/sessions.ts';
import { AppError } from '../errors/app-error.ts';
import { admit } from '../lobby/lobby.ts';
import type { Services } from '../services.ts';

/** Lets a fresh knock in when its invite says so and the call has room; returns the ticket then. */
export async function admitOnArrival(deps: Services, ticket: LobbyTicket): Promise<LobbyTicket> {
  const invite = await deps.db
    .selectFrom('lobby_entries')
    .innerJoin('invites', 'invites.id', 'lobby_entries.invite_id')
    .select(['invites.admit_on_arrival', 'invites.created_by'])
    .where('lobby_entries.id', '=', ticket.entryId)
    .executeTakeFirst();
  if (!invite?.admit_on_arrival) return ticket;
  const creator = await loadStaffMember(deps, invite.created_by);
  if (!creator) return ticket;
  try {
    const entry = await admit(deps, creator, ticket.entryId);
    return { ...ticket, status: entry.status };
  } catch (error) {
    // Full, ended or no longer waiting: the person waits and staff decide.
    if (error instanceof AppError) return ticket;
    throw error;
  }
}
