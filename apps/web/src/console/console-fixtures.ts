// Sample data for the console's unit tests: a facility's visits, queue entries, people and
// recordings, and a scripted console API that records its calls. Not used by the app itself.
import type {
  Capabilities,
  LobbyEntry,
  PublicConfig,
  Recording,
  Visit,
  VisitParticipant,
} from '@openconnect/contracts';
import type { ConsoleApi } from './console-api.ts';

const caps = (recording: boolean): Capabilities => ({
  recording,
  screenShare: true,
  reactions: true,
  chat: true,
  maxParticipants: 4,
});

/** LiveKit records, p2p does not; new visits get p2p. */
export const config: PublicConfig = {
  featureLiveKit: true,
  defaultProvider: 'p2p',
  providers: { p2p: caps(false), livekit: caps(true) },
};

/** A visit of facility f1, live unless `status` says otherwise. */
export const visit = (
  id: string,
  provider: Visit['provider'],
  status: Visit['status'] = 'live',
  createdAt = '2030-01-01T09:00:00.000Z',
): Visit => ({
  id,
  facilityId: 'f1',
  title: `Visit ${id}`,
  status,
  provider,
  scheduledStart: null,
  scheduledEnd: null,
  createdBy: 's1',
  createdAt,
  endedAt: null,
});

/** A queue entry for visit v1, by “Person <id>”. */
export const entry = (
  id: string,
  status: LobbyEntry['status'] = 'waiting',
  createdAt = '2030-01-01T10:00:00.000Z',
): LobbyEntry => ({
  id,
  visitId: 'v1',
  visitTitle: 'Visit v1',
  displayName: `Person ${id}`,
  status,
  createdAt,
  decidedAt: null,
  decidedBy: null,
  online: true,
});

/** Ann, a visitor connected to v1. */
export const participant: VisitParticipant = {
  id: 'p1',
  identity: 'visitor-1',
  displayName: 'Ann',
  role: 'visitor',
  provider: 'livekit',
  issuedAt: '2030-01-01T10:00:00.000Z',
  joinedAt: '2030-01-01T10:00:01.000Z',
  leftAt: null,
  leftReason: null,
};

/** A recording of v1 in `status`. */
export const recording = (status: Recording['status'], id = 'r1'): Recording => ({
  id,
  visitId: 'v1',
  status,
  startedBy: 's1',
  consentNotice: 'told',
  error: null,
  location: null,
  startedAt: '2030-01-01T10:05:00.000Z',
  endedAt: null,
  deletedAt: null,
  deletedReason: null,
});

/**
 * A console API over the samples: visits v1 (LiveKit), v2 (p2p) and v3 (ended), entries e1 and
 * e2 waiting for v1, Ann in v1. `calls` lists what was asked, in order.
 */
export function fakeConsoleApi(overrides: Partial<ConsoleApi> = {}) {
  const calls: string[] = [];
  const api: ConsoleApi = {
    listLobby: async () => [entry('e2', 'waiting', '2030-01-01T10:02:00.000Z'), entry('e1')],
    admit: async (id) => (calls.push(`admit ${id}`), entry(id, 'admitted')),
    deny: async (id, reason) => (calls.push(`deny ${id} ${reason ?? ''}`), entry(id, 'denied')),
    message: async (id, text) => (
      calls.push(`message ${id} ${text}`),
      { id: 'm1', entryId: id, from: 'staff', author: 'Sam', text, at: '2030-01-01T10:03:00.000Z' }
    ),
    listVisits: async () => [
      visit('v1', 'livekit'),
      visit('v2', 'p2p'),
      visit('v3', null, 'ended'),
    ],
    getVisit: async (id) => visit(id, 'livekit'),
    joinVisit: async () => Promise.reject(new Error('not used')),
    endVisit: async (id) => (calls.push(`end ${id}`), visit(id, 'livekit', 'ended')),
    listParticipants: async (id) => (
      calls.push(`participants ${id}`),
      id === 'v1' ? [participant] : []
    ),
    removeParticipant: async (v, p, withdraw) =>
      void calls.push(`remove ${v} ${p}${withdraw ? ' and withdraw its link' : ''}`),
    listRecordings: async (id) => (calls.push(`recordings ${id}`), []),
    startRecording: async (id) => (calls.push(`record ${id}`), recording('starting')),
    stopRecording: async (id) => (calls.push(`stop ${id}`), recording('ended')),
    ...overrides,
  };
  return { api, calls };
}
