// The visitor's waiting room: knock with a name, wait (with position, time and staff messages
// pushed over /ws/lobby), then admitted with credentials, or denied, cancelled, expired or removed.
// The ticket is kept per tab so a reload resumes the same entry. React components render `store`
// and call the actions; nothing here touches the DOM. The parts: waiting-room-state.ts (pure
// state), visitor-events.ts (pushed frames), lobby-channel.ts (the socket), waiting-room-core.ts
// (store, channel, credentials wait) and waiting-room-actions.ts (what the visitor does).
import type { JoinCredentials } from '@openconnect/contracts';
import type { Store } from '../store/store.ts';
import * as actions from './waiting-room-actions.ts';
import { createWaitingRoomCore, type WaitingRoomOptions } from './waiting-room-core.ts';
import type { WaitingRoomState } from './waiting-room-state.ts';

export interface WaitingRoom {
  store: Store<WaitingRoomState>;
  /** Resumes this tab's entry for the invite, if there is one; else shows the form. */
  start(): Promise<void>;
  knock(displayName: string): Promise<void>;
  cancel(): Promise<void>;
  /** Fresh credentials for the admitted visitor (a reconnect with an expired token). */
  refreshCredentials(): Promise<JoinCredentials>;
  /** The visitor left the call (or closed it): tells the server, stops listening. */
  leaveCall(): Promise<void>;
  /** Forgets an ended entry so the visitor may ask again (after cancelling or expiring). */
  startOver(): void;
  dispose(): void;
}

/** Whole minutes a visitor has waited (0 in the first minute). */
export function minutesWaited(since: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
}

/** Creates the waiting room of one invite code. */
export function createWaitingRoom(options: WaitingRoomOptions): WaitingRoom {
  const room = createWaitingRoomCore(options);
  return {
    store: room.store,
    start: () => actions.resume(room),
    knock: (displayName) => actions.knock(room, displayName),
    cancel: () => actions.cancel(room),
    refreshCredentials: () => actions.refreshCredentials(room),
    leaveCall: () => actions.leaveCall(room),
    startOver: () => actions.startOver(room),
    dispose: room.dispose,
  };
}
