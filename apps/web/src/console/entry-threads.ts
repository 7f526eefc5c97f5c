// The console's side of the waiting room's conversation: each waiting entry's thread (read when
// its card first shows, then kept current by `lobbyMessage` pushes) and the facility's canned
// messages offered to staff. Sending goes through the console's `message` action.
import type { CannedMessages, LobbyMessage } from '@openconnect/contracts';
import { apiFetch } from '../api/client.ts';
import { cannedMessagesApi } from '../facilities/canned-messages-api.ts';
import { mergeMessages } from '../lobby-thread/thread-state.ts';
import { createStore, type Store } from '../store/store.ts';

export interface ThreadsState {
  /** Threads read so far, by entry id, oldest message first. */
  byEntry: Readonly<Record<string, readonly LobbyMessage[]>>;
  /** The facility's canned messages, once read. */
  canned: readonly string[];
}

export interface ThreadsApi {
  list(entryId: string): Promise<LobbyMessage[]>;
  canned(facilityId: string): Promise<CannedMessages>;
}

const defaultApi: ThreadsApi = {
  list: (entryId) => apiFetch<LobbyMessage[]>(`/lobby/${encodeURIComponent(entryId)}/messages`),
  canned: cannedMessagesApi.get,
};

export interface EntryThreads {
  store: Store<ThreadsState>;
  /** Reads an entry's thread from the server (a card showing it, or a reconnect). */
  load(entryId: string): Promise<void>;
  /** Reads the facility's canned messages. */
  loadCanned(): Promise<void>;
  /** A message pushed or just sent joins its thread. */
  received(message: LobbyMessage): void;
  /** Reads every thread already shown again: pushes may have been missed while away. */
  reload(): Promise<void>;
}

/** The pure update: `messages` merged into their entry's thread. */
export function withThreadMessages(
  state: ThreadsState,
  entryId: string,
  messages: readonly LobbyMessage[],
): ThreadsState {
  const known = state.byEntry[entryId] ?? [];
  return { ...state, byEntry: { ...state.byEntry, [entryId]: mergeMessages(known, messages) } };
}

/** The threads of one facility's console. */
export function createEntryThreads(facilityId: string, api: ThreadsApi = defaultApi): EntryThreads {
  const store = createStore<ThreadsState>({ byEntry: {}, canned: [] });
  const load = async (entryId: string) => {
    const messages = await api.list(entryId);
    store.set((s) => withThreadMessages(s, entryId, messages));
  };
  return {
    store,
    load,
    async loadCanned() {
      const { messages } = await api.canned(facilityId);
      store.set((s) => ({ ...s, canned: messages }));
    },
    received(message) {
      store.set((s) => withThreadMessages(s, message.entryId, [message]));
    },
    async reload() {
      await Promise.all(Object.keys(store.get().byEntry).map(load));
    },
  };
}
