// The facility's /ws/staff push channel as the console hears it: which frames it understands,
// what each one does to the console, and the socket, which stops for good on the close codes the
// contracts call final.
import type { StaffEvent } from '@openconnect/contracts';
import { PUSH_FINAL_CLOSE_CODES, PushCloseCode } from '@openconnect/contracts/push-close-codes';
import {
  openPushSocket,
  socketUrl,
  type PushSocket,
  type PushStatus,
  type SocketFactory,
} from '../realtime/push-socket.ts';
import type { Store } from '../store/store.ts';
import type { ConsoleState } from './console-state.ts';
import type { ConsoleSync } from './console-sync.ts';
import type { EntryThreads } from './entry-threads.ts';
import { withQueueEntry } from './queue-state.ts';
import { withRecording } from './visit-state.ts';
import { consentChanged } from '../recordings/consent-state.ts';

/** Checks a pushed frame's shape enough to dispatch on it. */
export function parseStaffEvent(data: unknown): StaffEvent | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const e = data as Record<string, unknown>;
  switch (e.type) {
    case 'lobby':
      return typeof e.entry === 'object' && e.entry !== null ? (data as StaffEvent) : undefined;
    case 'visit':
    case 'participants':
    case 'consent':
      return typeof e.visitId === 'string' ? (data as StaffEvent) : undefined;
    case 'recording':
      return typeof e.recording === 'object' && e.recording !== null
        ? (data as StaffEvent)
        : undefined;
    case 'lobbyMessage':
      return typeof e.message === 'object' && e.message !== null ? (data as StaffEvent) : undefined;
    default:
      return undefined;
  }
}

/**
 * Applies a pushed event: a queue entry or a recording comes whole and is applied as is; a visit
 * or its people changed, and are fetched again. The server publishes `participants` on every join
 * and leave, so this is also how an admitted visitor shows up in their visit.
 */
export function applyStaffEvent(
  event: StaffEvent,
  store: Store<ConsoleState>,
  sync: Pick<ConsoleSync, 'visitChanged' | 'refreshParticipants'>,
  threads?: Pick<EntryThreads, 'received'>,
): void {
  switch (event.type) {
    case 'lobby':
      store.set((s) => withQueueEntry(s, event.entry));
      return;
    case 'visit':
      void sync.visitChanged(event.visitId, event.status);
      return;
    case 'participants':
      void sync.refreshParticipants(event.visitId);
      consentChanged(event.visitId);
      return;
    case 'consent':
      consentChanged(event.visitId);
      return;
    case 'recording':
      store.set((s) => withRecording(s, event.recording));
      return;
    case 'lobbyMessage':
      threads?.received(event.message);
      return;
  }
}

export interface StaffPushOptions {
  facilityId: string;
  /** Absolute URL; `/ws/staff` on this page's origin by default. */
  url?: string;
  createSocket?: SocketFactory;
  onEvent(event: StaffEvent): void;
  /** Every status change; `reopened` when a lost connection came back. */
  onStatus(status: PushStatus, reopened: boolean): void;
  /** The server closed the channel because the staff member is no longer signed in. */
  onSignedOut(): void;
}

/** Opens the facility's staff channel; it reconnects until closed or told not to come back. */
export function openStaffPush(options: StaffPushOptions): PushSocket {
  const path = `/ws/staff?facilityId=${encodeURIComponent(options.facilityId)}`;
  return openPushSocket<StaffEvent>({
    url: options.url ?? socketUrl(path),
    createSocket: options.createSocket,
    parse: parseStaffEvent,
    onEvent: options.onEvent,
    isFinal: (code) => PUSH_FINAL_CLOSE_CODES.has(code),
    onStatus: (status, info) => {
      options.onStatus(status, info.reopened);
      if (status === 'closed' && info.code === PushCloseCode.UNAUTHENTICATED) options.onSignedOut();
    },
  });
}
