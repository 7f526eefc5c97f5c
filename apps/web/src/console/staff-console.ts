// The staff console of one facility: its live waiting-room queue across its visits, those visits
// with who is in them and their recordings, kept current by /ws/staff pushes (and a full refetch
// whenever the push channel comes back). Actions call the server, which decides and audits; the
// pushed result is what updates every staff page, this one included. This module only wires the
// parts together: state updates (console-state, queue-state, visit-state), fetching
// (console-sync), the push channel (staff-push) and the actions (console-actions).
import type { Capabilities, Facility, PublicConfig, Visit } from '@openconnect/contracts';
import { capabilitiesOf, getPublicConfig } from '../config/public-config.ts';
import { listFacilities } from '../facilities/facilitiesApi.ts';
import type { PushSocket, SocketFactory } from '../realtime/push-socket.ts';
import { createStore, type Store } from '../store/store.ts';
import { createConsoleActions, type ConsoleActions } from './console-actions.ts';
import { consoleApi, type ConsoleApi } from './console-api.ts';
import { initialConsoleState, reloading, type ConsoleState } from './console-state.ts';
import { createConsoleSync } from './console-sync.ts';
import { createSessionLoss } from '../auth/session-loss.ts';
import { applyStaffEvent, openStaffPush } from './staff-push.ts';
import { createEntryThreads, type EntryThreads } from './entry-threads.ts';

export interface StaffConsole extends ConsoleActions {
  store: Store<ConsoleState>;
  /** Waiting entries' message threads and the facility's canned messages. */
  threads: EntryThreads;
  /** Fetches everything, then listens for pushes; a failure shows on `store` as `failed`. */
  load(): Promise<void>;
  /** What a visit's provider can do (recording, screen share…). */
  capabilities(visit: Visit): Capabilities | undefined;
  /** Called with any 401, so the page can send staff back to sign in. */
  onUnauthenticated(listener: () => void): () => void;
  dispose(): void;
}

export interface StaffConsoleOptions {
  facilityId: string;
  api?: ConsoleApi;
  getConfig?: () => Promise<PublicConfig>;
  listFacilities?: () => Promise<Facility[]>;
  createSocket?: SocketFactory;
  url?: string;
  /** How long an announcement stays in the live region, in ms. */
  announcementMs?: number;
}

/** Clears each announcement `ms` after it was made, so the live region holds no old news. */
function expireAnnouncements(store: Store<ConsoleState>, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = store.get().announcement;
  const unsubscribe = store.subscribe(() => {
    const { announcement } = store.get();
    if (announcement === last) return;
    last = announcement;
    clearTimeout(timer);
    if (!announcement) return;
    timer = setTimeout(() => {
      store.set((s) =>
        s.announcement === announcement
          ? { ...s, announcement: '', announcementVisitId: undefined }
          : s,
      );
    }, ms);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

/** Creates the console of one facility; call `load()` to fetch and start listening. */
export function createStaffConsole(options: StaffConsoleOptions): StaffConsole {
  const store = createStore<ConsoleState>(initialConsoleState);
  const session = createSessionLoss();
  const api = options.api ?? consoleApi;
  const sync = createConsoleSync({
    facilityId: options.facilityId,
    store,
    api,
    session,
    getConfig: options.getConfig ?? getPublicConfig,
    listFacilities: options.listFacilities ?? listFacilities,
  });
  const threads = createEntryThreads(options.facilityId);
  let push: PushSocket | undefined;
  let disposed = false;
  const stopExpiring = expireAnnouncements(store, options.announcementMs ?? 10_000);

  function listen(): void {
    if (push || disposed) return;
    push = openStaffPush({
      facilityId: options.facilityId,
      url: options.url,
      createSocket: options.createSocket,
      onEvent: (event) => applyStaffEvent(event, store, sync, threads),
      onStatus: (connection, reopened) => {
        store.set((s) => ({ ...s, connection }));
        // Anything may have happened while we were away.
        if (reopened) void sync.loadAll().catch(() => undefined);
        if (reopened) void threads.reload().catch(() => undefined);
      },
      onSignedOut: session.lost,
    });
  }

  return {
    store,
    threads,
    ...createConsoleActions({ store, api, sync, session }),
    async load() {
      store.set(reloading);
      try {
        await sync.loadAll();
        listen();
      } catch (error) {
        store.set((s) => ({ ...s, status: 'failed', error }));
      }
    },
    capabilities(visit) {
      const { config } = store.get();
      return config ? capabilitiesOf(visit, config) : undefined;
    },
    onUnauthenticated: session.onLost,
    dispose() {
      disposed = true;
      stopExpiring();
      push?.close();
      push = undefined;
    },
  };
}
