// The staff console's state: the facility's live waiting-room queue across its visits, those
// visits with who is in them and their recordings, kept current by /ws/staff pushes (and a full
// refetch whenever the push channel comes back). Actions call the server, which decides and
// audits; the pushed result is what updates every staff page, this one included.
import type {
  Capabilities,
  Facility,
  LobbyEntry,
  PublicConfig,
  Recording,
  StaffEvent,
  Visit,
  VisitParticipant,
} from '@openconnect/contracts';
import { ApiError } from '../api/ApiError.ts';
import { capabilitiesOf, getPublicConfig } from '../config/public-config.ts';
import { listFacilities } from '../facilities/facilitiesApi.ts';
import { t } from '../i18n/t.ts';
import {
  openPushSocket,
  socketUrl,
  type PushSocket,
  type PushStatus,
  type SocketFactory,
} from '../realtime/push-socket.ts';
import { createStore, type Store } from '../store/store.ts';
import { consoleApi, type ConsoleApi } from './console-api.ts';

export interface ConsoleState {
  status: 'loading' | 'ready' | 'failed';
  error: unknown;
  connection: PushStatus | 'none';
  config: PublicConfig | null;
  facility: Facility | undefined;
  /** Waiting entries, oldest first. */
  queue: readonly LobbyEntry[];
  /** Visits not ended, newest first. */
  visits: readonly Visit[];
  participants: Readonly<Record<string, readonly VisitParticipant[]>>;
  recordings: Readonly<Record<string, readonly Recording[]>>;
  /** Actions in flight, as `action:id`. */
  busy: readonly string[];
  /** The latest change for the live region ("Ann is waiting to join …"). */
  announcement: string;
}

export interface StaffConsole {
  store: Store<ConsoleState>;
  load(): Promise<void>;
  admit(entryId: string): Promise<void>;
  deny(entryId: string, reason?: string): Promise<void>;
  message(entryId: string, text: string): Promise<void>;
  endVisit(visitId: string): Promise<void>;
  removeParticipant(visitId: string, participantId: string): Promise<void>;
  startRecording(visitId: string): Promise<void>;
  stopRecording(visitId: string, recordingId: string): Promise<void>;
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
}

const oldestFirst = (a: LobbyEntry, b: LobbyEntry) =>
  Date.parse(a.createdAt) - Date.parse(b.createdAt);
const newestFirst = (a: Visit, b: Visit) => Date.parse(b.createdAt) - Date.parse(a.createdAt);

/** Checks a pushed frame's shape enough to dispatch on it. */
export function parseStaffEvent(data: unknown): StaffEvent | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const e = data as Record<string, unknown>;
  switch (e.type) {
    case 'lobby':
      return typeof e.entry === 'object' && e.entry !== null ? (data as StaffEvent) : undefined;
    case 'visit':
    case 'participants':
      return typeof e.visitId === 'string' ? (data as StaffEvent) : undefined;
    case 'recording':
      return typeof e.recording === 'object' && e.recording !== null
        ? (data as StaffEvent)
        : undefined;
    default:
      return undefined;
  }
}

/** Creates the console of one facility; call `load()` to fetch and start listening. */
export function createStaffConsole(options: StaffConsoleOptions): StaffConsole {
  const { facilityId } = options;
  const api = options.api ?? consoleApi;
  const store = createStore<ConsoleState>({
    status: 'loading',
    error: undefined,
    connection: 'none',
    config: null,
    facility: undefined,
    queue: [],
    visits: [],
    participants: {},
    recordings: {},
    busy: [],
    announcement: '',
  });
  const unauthenticated = new Set<() => void>();
  let push: PushSocket | undefined;
  let disposed = false;
  const timers = new Set<ReturnType<typeof setTimeout>>();

  /**
   * An admitted visitor appears in the visit once their credentials are issued, which follows the
   * admission by a moment; not every provider reports the join, so look again shortly.
   */
  function refreshSoon(visitId: string): void {
    for (const delay of [1000, 4000]) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!disposed) void refreshParticipants(visitId);
      }, delay);
      timers.add(timer);
    }
  }

  function watch(error: unknown): never {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
      for (const listener of unauthenticated) listener();
    }
    throw error;
  }

  const announce = (announcement: string) => store.set((s) => ({ ...s, announcement }));

  async function busy<T>(key: string, action: () => Promise<T>): Promise<T> {
    store.set((s) => ({ ...s, busy: [...s.busy, key] }));
    try {
      return await action().catch(watch);
    } finally {
      store.set((s) => ({ ...s, busy: s.busy.filter((k) => k !== key) }));
    }
  }

  function upsertEntry(entry: LobbyEntry): void {
    const before = store.get().queue.find((e) => e.id === entry.id);
    store.set((s) => {
      const rest = s.queue.filter((e) => e.id !== entry.id);
      return {
        ...s,
        queue: entry.status === 'waiting' ? [...rest, entry].sort(oldestFirst) : rest,
      };
    });
    const name = entry.displayName;
    if (entry.status === 'admitted') refreshSoon(entry.visitId);
    if (!before && entry.status === 'waiting') {
      announce(t('console.announce.waiting', { name, title: entry.visitTitle }));
    } else if (before && entry.status === 'admitted')
      announce(t('console.announce.admitted', { name }));
    else if (before && entry.status === 'denied') announce(t('console.announce.denied', { name }));
    else if (before && (entry.status === 'cancelled' || entry.status === 'expired')) {
      announce(t('console.announce.left', { name }));
    }
  }

  async function refreshParticipants(visitId: string): Promise<void> {
    try {
      const list = await api.listParticipants(visitId);
      store.set((s) => ({ ...s, participants: { ...s.participants, [visitId]: list } }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') watch(error);
      // A failed refresh keeps the last list; the next push or reconnect refreshes again.
    }
  }

  async function refreshRecordings(visit: Visit): Promise<void> {
    const { config } = store.get();
    if (!config || !capabilitiesOf(visit, config)?.recording) return;
    try {
      const list = await api.listRecordings(visit.id);
      store.set((s) => ({ ...s, recordings: { ...s.recordings, [visit.id]: list } }));
    } catch {
      // As above: keep what we have.
    }
  }

  function upsertRecording(recording: Recording): void {
    store.set((s) => {
      const list = (s.recordings[recording.visitId] ?? []).filter((r) => r.id !== recording.id);
      return { ...s, recordings: { ...s.recordings, [recording.visitId]: [...list, recording] } };
    });
  }

  async function onVisit(visitId: string, status: Visit['status']): Promise<void> {
    const known = store.get().visits.find((v) => v.id === visitId);
    if (status === 'ended') {
      store.set((s) => ({
        ...s,
        visits: s.visits.filter((v) => v.id !== visitId),
        queue: s.queue.filter((e) => e.visitId !== visitId),
      }));
      return;
    }
    if (known) {
      store.set((s) => ({
        ...s,
        visits: s.visits.map((v) => (v.id === visitId ? { ...v, status } : v)),
      }));
    }
    void refreshParticipants(visitId);
    // A new visit, or one whose provider was just pinned: fetch it whole.
    try {
      const visit = await api.getVisit(visitId);
      if (visit.facilityId !== facilityId) return;
      store.set((s) => ({
        ...s,
        visits: [...s.visits.filter((v) => v.id !== visitId), visit].sort(newestFirst),
      }));
      void refreshRecordings(visit);
    } catch {
      // Keep the local status update.
    }
  }

  function onEvent(event: StaffEvent): void {
    switch (event.type) {
      case 'lobby':
        upsertEntry(event.entry);
        return;
      case 'visit':
        void onVisit(event.visitId, event.status);
        return;
      case 'participants':
        void refreshParticipants(event.visitId);
        return;
      case 'recording':
        upsertRecording(event.recording);
        return;
    }
  }

  async function fetchAll(): Promise<void> {
    const [config, facilities, visits, queue] = await Promise.all([
      (options.getConfig ?? getPublicConfig)(),
      (options.listFacilities ?? listFacilities)(),
      api.listVisits(facilityId),
      api.listLobby(facilityId),
    ]).catch(watch);
    const open = visits.filter((v) => v.status !== 'ended').sort(newestFirst);
    store.set((s) => ({
      ...s,
      status: 'ready',
      error: undefined,
      config,
      facility: facilities.find((f) => f.id === facilityId),
      visits: open,
      queue: queue.filter((e) => e.status === 'waiting').sort(oldestFirst),
    }));
    await Promise.all(open.flatMap((v) => [refreshParticipants(v.id), refreshRecordings(v)]));
  }

  function listen(): void {
    if (push || disposed) return;
    push = openPushSocket<StaffEvent>({
      url: options.url ?? socketUrl(`/ws/staff?facilityId=${encodeURIComponent(facilityId)}`),
      createSocket: options.createSocket,
      parse: parseStaffEvent,
      onEvent,
      // 4401/4403: not signed in or not staff of this facility; reconnecting will not help.
      isFinal: (code) => code === 4401 || code === 4403,
      onStatus: (connection, info) => {
        store.set((s) => ({ ...s, connection }));
        // Anything may have happened while we were away.
        if (info.reopened) void fetchAll().catch(() => undefined);
      },
    });
  }

  const console: StaffConsole = {
    store,
    async load() {
      store.set((s) => ({
        ...s,
        status: s.status === 'ready' ? 'ready' : 'loading',
        error: undefined,
      }));
      try {
        await fetchAll();
        listen();
      } catch (error) {
        store.set((s) => ({ ...s, status: 'failed', error }));
      }
    },
    async admit(entryId) {
      const entry = await busy(`admit:${entryId}`, () => api.admit(entryId));
      upsertEntry(entry);
    },
    async deny(entryId, reason) {
      const entry = await busy(`deny:${entryId}`, () => api.deny(entryId, reason));
      upsertEntry(entry);
    },
    async message(entryId, text) {
      await busy(`message:${entryId}`, () => api.message(entryId, text));
    },
    async endVisit(visitId) {
      await busy(`end:${visitId}`, () => api.endVisit(visitId));
      await onVisit(visitId, 'ended');
    },
    async removeParticipant(visitId, participantId) {
      const name = store
        .get()
        .participants[visitId]?.find((p) => p.id === participantId)?.displayName;
      await busy(`remove:${participantId}`, () => api.removeParticipant(visitId, participantId));
      store.set((s) => ({
        ...s,
        participants: {
          ...s.participants,
          [visitId]: (s.participants[visitId] ?? []).filter((p) => p.id !== participantId),
        },
      }));
      if (name) announce(t('console.participant.removed', { name }));
      void refreshParticipants(visitId);
    },
    async startRecording(visitId) {
      const recording = await busy(`record:${visitId}`, () => api.startRecording(visitId));
      upsertRecording(recording);
    },
    async stopRecording(visitId, recordingId) {
      const recording = await busy(`record:${visitId}`, () => api.stopRecording(recordingId));
      upsertRecording(recording);
    },
    capabilities(visit) {
      const { config } = store.get();
      return config ? capabilitiesOf(visit, config) : undefined;
    },
    onUnauthenticated(listener) {
      unauthenticated.add(listener);
      return () => unauthenticated.delete(listener);
    },
    dispose() {
      disposed = true;
      timers.forEach(clearTimeout);
      timers.clear();
      push?.close();
      push = undefined;
    },
  };
  return console;
}

/** The recording of a visit that is running or starting, if any. */
export function currentRecording(
  recordings: readonly Recording[] | undefined,
): Recording | undefined {
  return recordings?.find((r) => r.status === 'starting' || r.status === 'active');
}
