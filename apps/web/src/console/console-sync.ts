// Keeps the console's state in step with the server: a whole load (on start and whenever the push
// channel comes back), and the refetches a push asks for (a visit, its people, its recordings).
// A failed refetch keeps what the page shows; the next push or reconnect fetches again.
import type { Facility, PublicConfig, Visit } from '@openconnect/contracts';
import { capabilitiesOf } from '../config/public-config.ts';
import type { Store } from '../store/store.ts';
import type { ConsoleApi } from './console-api.ts';
import type { ConsoleState } from './console-state.ts';
import { waitingQueue } from './queue-state.ts';
import { isUnauthenticated, type SessionLoss } from '../auth/session-loss.ts';
import {
  openVisits,
  withParticipants,
  withRecordings,
  withVisit,
  withVisitStatus,
  withoutVisit,
} from './visit-state.ts';

export interface ConsoleSyncOptions {
  facilityId: string;
  store: Store<ConsoleState>;
  api: ConsoleApi;
  session: SessionLoss;
  getConfig: () => Promise<PublicConfig>;
  listFacilities: () => Promise<Facility[]>;
}

export interface ConsoleSync {
  /** Fetches everything the console shows; rejects (after telling `session`) if it cannot. */
  loadAll(): Promise<void>;
  /** Refetches a visit's people; rejects only when the session is gone. */
  refreshParticipants(visitId: string): Promise<void>;
  /** Refetches a visit's recordings, if its provider records. */
  refreshRecordings(visit: Visit): Promise<void>;
  /** Applies a visit's new status: an ended one goes, any other is refetched whole. */
  visitChanged(visitId: string, status: Visit['status']): Promise<void>;
}

/** What one load fetched from the server. */
export interface ConsoleSnapshot {
  facilityId: string;
  config: PublicConfig;
  facilities: readonly Facility[];
  visits: readonly Visit[];
  queue: ConsoleState['queue'];
}

/** The state after a (re)load: the facility, its open visits and its waiting entries. */
export function withSnapshot(state: ConsoleState, snapshot: ConsoleSnapshot): ConsoleState {
  return {
    ...state,
    status: 'ready',
    error: undefined,
    config: snapshot.config,
    facility: snapshot.facilities.find((f) => f.id === snapshot.facilityId),
    visits: openVisits(snapshot.visits),
    queue: waitingQueue(snapshot.queue),
  };
}

/** The server-to-state half of a facility's console. */
export function createConsoleSync(options: ConsoleSyncOptions): ConsoleSync {
  const { facilityId, store, api, session } = options;

  async function refreshParticipants(visitId: string): Promise<void> {
    try {
      const list = await api.listParticipants(visitId);
      store.set((s) => withParticipants(s, visitId, list));
    } catch (error) {
      // Only a lost session is worth failing for; anything else keeps the last list.
      if (isUnauthenticated(error)) session.rethrow(error);
    }
  }

  async function refreshRecordings(visit: Visit): Promise<void> {
    const { config } = store.get();
    if (!config || !capabilitiesOf(visit, config)?.recording) return;
    try {
      const list = await api.listRecordings(visit.id);
      store.set((s) => withRecordings(s, visit.id, list));
    } catch {
      // Keep what we have, as above.
    }
  }

  async function visitChanged(visitId: string, status: Visit['status']): Promise<void> {
    if (status === 'ended') {
      store.set((s) => withoutVisit(s, visitId));
      return;
    }
    store.set((s) => withVisitStatus(s, visitId, status));
    void refreshParticipants(visitId);
    // A new visit, or one whose provider was just pinned: fetch it whole.
    try {
      const visit = await api.getVisit(visitId);
      if (visit.facilityId !== facilityId) return;
      store.set((s) => withVisit(s, visit));
      void refreshRecordings(visit);
    } catch {
      // Keep the local status update.
    }
  }

  async function loadAll(): Promise<void> {
    const [config, facilities, visits, queue] = await Promise.all([
      options.getConfig(),
      options.listFacilities(),
      api.listVisits(facilityId),
      api.listLobby(facilityId),
    ]).catch(session.rethrow);
    store.set((s) => withSnapshot(s, { facilityId, config, facilities, visits, queue }));
    const open = openVisits(visits);
    await Promise.all(open.flatMap((v) => [refreshParticipants(v.id), refreshRecordings(v)]));
  }

  return { loadAll, refreshParticipants, refreshRecordings, visitChanged };
}
