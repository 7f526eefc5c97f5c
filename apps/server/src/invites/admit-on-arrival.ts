// A person added to a call with "let in on arrival" does not wait for a click: their knock is
// admitted at once in the name of the staff member who created the invite (their standing
// decision, audited with the invite and again as that member's admission). A full call, or a
// creator who can no longer admit, leaves them waiting like anyone else; on a full call a message
// in their waiting-room thread says why, staff see them in the queue with their role, and
// "Let in" says the call is full until someone leaves.
import type { LobbyTicket } from '@openconnect/contracts';
import { loadStaffMember } from '../auth/sessions.ts';
import { AppError } from '../errors/app-error.ts';
import { admit } from '../lobby/lobby.ts';
import { sendStaffMessage } from '../lobby/lobby-messages.ts';
import type { Services } from '../services.ts';

/** What a person let in on arrival reads when the call is full as they come. */
export const FULL_ON_ARRIVAL =
  'The call is full right now, so you could not be let in straight away. Please keep this page open: staff will let you in as soon as someone leaves.';

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
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'ROOM_FULL') {
      // Said in the entry's thread, as the link's creator: the person reads it while they wait
      // (and after a reload), and staff see on the card why they were not let in.
      await sendStaffMessage(deps, creator, ticket.entryId, FULL_ON_ARRIVAL);
    }
    return ticket;
  }
}
