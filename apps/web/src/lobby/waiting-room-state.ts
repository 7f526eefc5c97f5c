// The visitor's waiting room as pure state: its phases (`form → knocking → waiting → admitted`,
// or `denied`, `cancelled`, `expired`, `removed`, `left`) and what a lobby state or credentials
// from the server do to them. An update may ask the room to do something more (listen no longer,
// wait for credentials); waiting-room-core.ts does it. Nothing here touches the network or clock.
import type { JoinCredentials, LobbyState, LobbyTicket } from '@openconnect/contracts';
import type { PushStatus } from '../realtime/push-socket.ts';

export type WaitingPhase =
  /** Not knocked yet: preview devices and give a name. */
  | 'form'
  /** Looking up an entry this tab knocked with before. */
  | 'resuming'
  | 'knocking'
  | 'waiting'
  | 'admitted'
  | 'denied'
  | 'cancelled'
  | 'expired'
  | 'removed'
  /** The visitor left the call. */
  | 'left';

export interface StaffMessage {
  text: string;
  from: string;
  at: string;
}

export interface WaitingRoomState {
  phase: WaitingPhase;
  ticket: LobbyTicket | null;
  lobby: LobbyState | null;
  connection: PushStatus | 'none';
  messages: readonly StaffMessage[];
  credentials: JoinCredentials | null;
  /** When the credentials arrived (the admission), on the `now` clock: the call's timings start here. */
  admittedAt: number | null;
  /** Why staff said no, when they gave a reason. */
  reason: string | null;
  /** The last knock or cancel failure, for the page to explain. */
  error: unknown;
}

/** The room before a knock, and again after "start over". */
export const initialWaitingRoomState: WaitingRoomState = {
  phase: 'form',
  ticket: null,
  lobby: null,
  connection: 'none',
  messages: [],
  credentials: null,
  admittedAt: null,
  reason: null,
  error: undefined,
};

/** What the room must do after an update, besides showing it. */
export type FollowUp =
  /** Admitted without credentials yet: give the push a moment, then ask for them. */
  | 'awaitCredentials'
  /** Credentials came: stop waiting for them. */
  | 'credentialsArrived'
  /** The entry is over: close the push channel. */
  | 'stopListening'
  | undefined;

/** A new state and what to do about it. */
export type Update = readonly [WaitingRoomState, FollowUp?];

/**
 * The room after the server said where the entry stands. An admission waits for its credentials
 * before the page moves on (the call needs them); once the visitor left the call, nothing changes.
 */
export function withLobby(state: WaitingRoomState, lobby: LobbyState): Update {
  if (state.phase === 'left') return [state];
  const next = { ...state, lobby, reason: lobby.reason };
  // Every entry status is also a phase of the page.
  const phase: WaitingPhase = lobby.status;
  if (phase === 'admitted') return [next, state.credentials ? undefined : 'awaitCredentials'];
  const over = phase !== 'waiting';
  return [{ ...next, phase }, over ? 'stopListening' : undefined];
}

/**
 * The room with the credentials of its admission, taken at `at`. Credentials of a call already
 * under way stay (replacing them would restart the call), and a visitor out of the call stays out.
 */
export function withCredentials(
  state: WaitingRoomState,
  credentials: JoinCredentials,
  at: () => number,
): Update {
  const keep = state.credentials || state.phase === 'left' || state.phase === 'removed';
  const next = keep
    ? state
    : { ...state, phase: 'admitted' as const, credentials, admittedAt: at() };
  return [next, 'credentialsArrived'];
}

/** The room right after a knock was accepted: waiting, with no position yet. */
export function knocked(state: WaitingRoomState, ticket: LobbyTicket): WaitingRoomState {
  const lobby: LobbyState = {
    entryId: ticket.entryId,
    status: ticket.status,
    position: null,
    waitingSince: ticket.createdAt,
    reason: null,
  };
  return { ...state, phase: 'waiting', ticket, messages: [], lobby };
}
