// What the visitor does in the waiting room, over its core: resume this tab's entry, knock, cancel,
// leave the call, start over. Each says what happens to the entry when the server cannot be asked.
import type { JoinCredentials } from '@openconnect/contracts';
import { ApiError } from '../api/ApiError.ts';
import type { WaitingRoomCore } from './waiting-room-core.ts';
import { initialWaitingRoomState, knocked, withLobby } from './waiting-room-state.ts';

/** Statuses of a lookup that mean this tab's ticket is no good any more. */
const STALE_TICKET = [401, 403, 404, 410];

/** Resumes this tab's entry for the invite, if there is one; else the form stays. */
export async function resume(room: WaitingRoomCore): Promise<void> {
  const ticket = room.tickets.load(room.code);
  if (!ticket) return;
  room.patch({ phase: 'resuming', ticket });
  try {
    const lobby = await room.api.state(ticket.entryId, ticket.visitorToken);
    if (room.isDisposed()) return;
    if (lobby.status === 'waiting' || lobby.status === 'admitted') {
      room.patch({ phase: 'waiting', lobby });
      room.listen(ticket);
      return;
    }
    room.apply(withLobby(room.store.get(), lobby));
  } catch (error) {
    if (error instanceof ApiError && STALE_TICKET.includes(error.status)) {
      room.tickets.forget(room.code);
      room.patch({ phase: 'form', ticket: null });
      return;
    }
    // The server is unreachable for now: the push channel keeps trying.
    room.patch({ phase: 'waiting' });
    room.listen(ticket);
  }
}

/** Asks to join under `displayName`, then waits; a refusal keeps the form with its error. */
export async function knock(room: WaitingRoomCore, displayName: string): Promise<void> {
  if (room.store.get().phase === 'knocking') return;
  room.patch({ phase: 'knocking', error: undefined });
  try {
    const ticket = await room.api.knock(room.code, displayName.trim());
    room.tickets.save(room.code, ticket);
    room.store.set((s) => knocked(s, ticket));
    room.listen(ticket);
  } catch (error) {
    room.patch({ phase: 'form', error });
  }
}

/** Stops waiting and forgets the ticket, whether or not the server could be told. */
export async function cancel(room: WaitingRoomCore): Promise<void> {
  const { ticket } = room.store.get();
  if (!ticket) return;
  room.stopListening();
  try {
    const lobby = await room.api.cancel(ticket.entryId, ticket.visitorToken);
    room.patch({ lobby });
  } catch (error) {
    // The entry may already be gone; the visitor asked to stop waiting either way.
    room.patch({ error });
  }
  room.tickets.forget(room.code);
  room.patch({ phase: 'cancelled', connection: 'none' });
}

/** Fresh credentials for the admitted visitor (a reconnect with an expired token). */
export async function refreshCredentials(room: WaitingRoomCore): Promise<JoinCredentials> {
  const { ticket } = room.store.get();
  if (!ticket) throw new Error('There is no lobby entry to join with.');
  return room.api.join(ticket.entryId, ticket.visitorToken);
}

/** The visitor left the call: stop listening and tell the server (best effort). */
export async function leaveCall(room: WaitingRoomCore): Promise<void> {
  const { ticket, phase } = room.store.get();
  if (phase === 'removed') return;
  room.patch({ phase: 'left' });
  room.stopListening();
  if (ticket) await room.api.leave(ticket.entryId, ticket.visitorToken).catch(() => undefined);
}

/** Forgets an ended entry so the visitor may ask again. */
export function startOver(room: WaitingRoomCore): void {
  room.stopListening();
  room.tickets.forget(room.code);
  room.store.set(initialWaitingRoomState);
}
