// The facility dashboard's state and actions: the facility's visits, creating a visit, and the
// invite link of each visit. React components render this state and call these actions only.
import type {
  CreateVisitBody,
  Facility,
  FacilityDetail,
  FacilityVideo,
  Invite,
  InviteKind,
  Visit,
} from '@openconnect/contracts';
import { apiFetch } from '../api/client.ts';
import { createSessionLoss } from '../auth/session-loss.ts';
import { listFacilities } from '../facilities/facilitiesApi.ts';
import { pickActiveInvite } from '../invites/activeInvite.ts';
import { createInvite, listInvites } from '../invites/invitesApi.ts';
import { createStore, type Store } from '../store/store.ts';
import { createVisit, endVisit, listVisits } from './visitsApi.ts';

export interface DashboardApi {
  listFacilities(): Promise<Facility[]>;
  /** One facility with the video provider its new visits use and why. */
  getFacility(facilityId: string): Promise<FacilityDetail>;
  listVisits(facilityId: string): Promise<Visit[]>;
  createVisit(body: CreateVisitBody): Promise<Visit>;
  endVisit(visitId: string): Promise<Visit>;
  listInvites(visitId: string): Promise<Invite[]>;
  createInvite(visitId: string, kind?: InviteKind): Promise<Invite>;
}

export type InviteState =
  | { status: 'loading' }
  | { status: 'ready'; invite: Invite }
  | { status: 'failed'; error: unknown };

export interface DashboardState {
  facilityId: string;
  status: 'loading' | 'ready' | 'failed';
  error: unknown;
  facility: Facility | undefined;
  facilities: Facility[];
  /** The provider new visits use and the rule that chose it; undefined until known. */
  video: FacilityVideo | undefined;
  /** Newest first. */
  visits: Visit[];
  invites: Readonly<Record<string, InviteState>>;
  /** Visits with an end request in flight. */
  ending: readonly string[];
}

export interface Dashboard {
  store: Store<DashboardState>;
  load(): Promise<void>;
  /** Creates a visit and its invite link; resolves to the visit, rejects with the ApiError. */
  createVisit(body: CreateVisitBody): Promise<Visit>;
  /** Shows a visit's working invite link, making one if it has none. */
  showInvite(visitId: string): Promise<void>;
  /**
   * Makes a fresh invite link for a visit, for one person or shared (the old ones keep working
   * until they expire).
   */
  newInvite(visitId: string, kind?: InviteKind): Promise<void>;
  endVisit(visitId: string): Promise<void>;
  /** Called with any 401, so the page can send staff back to sign in. */
  onUnauthenticated(listener: () => void): () => void;
}

const defaultApi: DashboardApi = {
  listFacilities: () => listFacilities(),
  getFacility: (facilityId) =>
    apiFetch<FacilityDetail>(`/facilities/${encodeURIComponent(facilityId)}`),
  listVisits: (facilityId) => listVisits(facilityId),
  createVisit,
  endVisit,
  listInvites,
  createInvite: (visitId, kind) => createInvite(visitId, kind),
};

function newestFirst(visits: Visit[]): Visit[] {
  return [...visits].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/** The dashboard before its first load. */
function initialState(facilityId: string): DashboardState {
  return {
    facilityId,
    status: 'loading',
    error: undefined,
    facility: undefined,
    facilities: [],
    video: undefined,
    visits: [],
    invites: {},
    ending: [],
  };
}

/**
 * Runs one invite request for a visit, keeping its loading, ready or failed state in `store`;
 * `watch` sees each failure first.
 */
function inviteRunner(store: Store<DashboardState>, watch: (error: unknown) => never) {
  function setInvite(visitId: string, invite: InviteState): void {
    store.set((s) => ({ ...s, invites: { ...s.invites, [visitId]: invite } }));
  }
  return async (visitId: string, fetchInvite: () => Promise<Invite>): Promise<void> => {
    setInvite(visitId, { status: 'loading' });
    try {
      setInvite(visitId, { status: 'ready', invite: await fetchInvite().catch(watch) });
    } catch (error) {
      setInvite(visitId, { status: 'failed', error });
    }
  };
}

/** Creates the dashboard of one facility. */
export function createDashboard(facilityId: string, api: DashboardApi = defaultApi): Dashboard {
  const store = createStore<DashboardState>(initialState(facilityId));
  const session = createSessionLoss();
  /** Reports a 401 to the page, then rethrows so each action can record its own failure. */
  const watch = (error: unknown) => session.rethrow(error);
  const runInvite = inviteRunner(store, watch);

  const dashboard: Dashboard = {
    store,
    async load() {
      store.set((s) => ({ ...s, status: 'loading', error: undefined }));
      try {
        const [facilities, visits] = await Promise.all([
          api.listFacilities(),
          api.listVisits(facilityId),
        ]).catch(watch);
        store.set((s) => ({
          ...s,
          status: 'ready',
          facilities,
          facility: facilities.find((f) => f.id === facilityId),
          visits: newestFirst(visits),
        }));
      } catch (error) {
        store.set((s) => ({ ...s, status: 'failed', error }));
        return;
      }
      // Which video provider, and why: a line on the page, not worth failing the page for.
      try {
        const { video } = await api.getFacility(facilityId);
        store.set((s) => ({ ...s, video }));
      } catch {
        store.set((s) => ({ ...s, video: undefined }));
      }
    },
    async createVisit(body) {
      const visit = await api.createVisit(body).catch(watch);
      store.set((s) => ({ ...s, visits: newestFirst([visit, ...s.visits]) }));
      // Staff create a visit to invite someone: have the link ready straight away.
      await runInvite(visit.id, () => api.createInvite(visit.id));
      return visit;
    },
    showInvite(visitId) {
      return runInvite(visitId, async () => {
        const existing = pickActiveInvite(await api.listInvites(visitId));
        return existing ?? api.createInvite(visitId);
      });
    },
    newInvite(visitId, kind) {
      return runInvite(visitId, () => api.createInvite(visitId, kind));
    },
    async endVisit(visitId) {
      store.set((s) => ({ ...s, ending: [...s.ending, visitId] }));
      try {
        const ended = await api.endVisit(visitId).catch(watch);
        store.set((s) => ({ ...s, visits: s.visits.map((v) => (v.id === visitId ? ended : v)) }));
      } finally {
        store.set((s) => ({ ...s, ending: s.ending.filter((id) => id !== visitId) }));
      }
    },
    onUnauthenticated: (listener) => session.onLost(listener),
  };
  return dashboard;
}
