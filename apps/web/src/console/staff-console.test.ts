import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  Capabilities,
  LobbyEntry,
  PublicConfig,
  Recording,
  Visit,
  VisitParticipant,
} from '@openconnect/contracts';
import { ApiError } from '../api/ApiError.ts';
import { fakeSockets } from '../realtime/fake-socket.ts';
import type { ConsoleApi } from './console-api.ts';
import { createStaffConsole, currentRecording } from './staff-console.ts';
import { loadMessages } from '../i18n/t.ts';

// The module under test speaks with the staff part of the catalogue, which the app loads lazily.
beforeAll(() => loadMessages('staff'));

const caps = (recording: boolean): Capabilities => ({
  recording,
  screenShare: true,
  reactions: true,
  chat: true,
  maxParticipants: 4,
});
const config: PublicConfig = {
  featureLiveKit: true,
  defaultProvider: 'p2p',
  providers: { p2p: caps(false), livekit: caps(true) },
};
const visit = (
  id: string,
  provider: Visit['provider'],
  status: Visit['status'] = 'live',
): Visit => ({
  id,
  facilityId: 'f1',
  title: `Visit ${id}`,
  status,
  provider,
  scheduledStart: null,
  scheduledEnd: null,
  createdBy: 's1',
  createdAt: '2030-01-01T09:00:00.000Z',
  endedAt: null,
});
const entry = (
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
const participant: VisitParticipant = {
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
const recording = (status: Recording['status']): Recording => ({
  id: 'r1',
  visitId: 'v1',
  status,
  startedBy: 's1',
  consentNotice: 'told',
  error: null,
  location: null,
  startedAt: '2030-01-01T10:05:00.000Z',
  endedAt: null,
});

function fakeApi(overrides: Partial<ConsoleApi> = {}) {
  const calls: string[] = [];
  const api: ConsoleApi = {
    listLobby: async () => [entry('e2', 'waiting', '2030-01-01T10:02:00.000Z'), entry('e1')],
    admit: async (id) => (calls.push(`admit ${id}`), entry(id, 'admitted')),
    deny: async (id, reason) => (calls.push(`deny ${id} ${reason ?? ''}`), entry(id, 'denied')),
    message: async (id, text) => void calls.push(`message ${id} ${text}`),
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
    removeParticipant: async (v, p) => void calls.push(`remove ${v} ${p}`),
    listRecordings: async (id) => (calls.push(`recordings ${id}`), []),
    startRecording: async (id) => (calls.push(`record ${id}`), recording('starting')),
    stopRecording: async (id) => (calls.push(`stop ${id}`), recording('ended')),
    ...overrides,
  };
  return { api, calls };
}

function setup(api = fakeApi()) {
  const sockets = fakeSockets();
  const console = createStaffConsole({
    facilityId: 'f1',
    api: api.api,
    getConfig: async () => config,
    listFacilities: async () => [{ id: 'f1', name: 'Demo Care Home' } as never],
    createSocket: sockets.create,
    url: 'ws://x/ws/staff',
  });
  return { console, sockets, calls: api.calls, state: () => console.store.get() };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('staff console', () => {
  it('loads the queue oldest first and the visits not ended, with their people', async () => {
    const { console, state, calls } = setup();
    await console.load();
    expect(state().queue.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(state().visits.map((v) => v.id)).toEqual(['v1', 'v2']);
    expect(state().participants.v1).toEqual([participant]);
    // Only the visit whose provider records is asked for recordings.
    expect(calls.filter((c) => c.startsWith('recordings'))).toEqual(['recordings v1']);
  });

  it('shows a new waiting visitor pushed by the server and announces them', async () => {
    const { console, sockets, state } = setup();
    await console.load();
    sockets.last().open();
    sockets
      .last()
      .push({ type: 'lobby', entry: entry('e3', 'waiting', '2030-01-01T10:05:00.000Z') });
    expect(state().queue.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    expect(state().announcement).toBe('Person e3 is waiting to join “Visit v1”.');
  });

  it('drops an entry from the queue once another staff member decided it', async () => {
    const { console, sockets, state } = setup();
    await console.load();
    sockets.last().open();
    sockets.last().push({ type: 'lobby', entry: entry('e1', 'denied') });
    expect(state().queue.map((e) => e.id)).toEqual(['e2']);
    expect(state().announcement).toBe('Person e1 was turned away.');
  });

  it('admits and denies through the server', async () => {
    const { console, state, calls } = setup();
    await console.load();
    await console.admit('e1');
    await console.deny('e2', 'Too late today');
    expect(calls).toContain('admit e1');
    expect(calls).toContain('deny e2 Too late today');
    expect(state().queue).toEqual([]);
    expect(state().busy).toEqual([]);
  });

  it('looks for an admitted visitor among the visit’s people shortly after admitting', async () => {
    const { console, calls } = setup();
    await console.load();
    calls.length = 0;
    await console.admit('e1');
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual(['admit e1', 'participants v1']);
    await vi.advanceTimersByTimeAsync(3000);
    expect(calls.filter((c) => c === 'participants v1')).toHaveLength(2);
  });

  it('refetches a visit’s people when the server says they changed', async () => {
    const { console, sockets, calls } = setup();
    await console.load();
    sockets.last().open();
    calls.length = 0;
    sockets.last().push({ type: 'participants', visitId: 'v2' });
    await vi.waitFor(() => expect(calls).toEqual(['participants v2']));
  });

  it('refetches everything when the push channel comes back', async () => {
    const { console, sockets, calls } = setup();
    await console.load();
    sockets.last().open();
    sockets.last().drop();
    calls.length = 0;
    await vi.advanceTimersByTimeAsync(1000);
    sockets.last().open();
    await vi.waitFor(() => expect(calls).toContain('participants v1'));
  });

  it('removes a participant and forgets an ended visit with its queue', async () => {
    const { console, state, calls } = setup();
    await console.load();
    await console.removeParticipant('v1', 'p1');
    expect(calls).toContain('remove v1 p1');
    expect(state().announcement).toBe('Ann was removed from the visit.');
    await console.endVisit('v1');
    expect(state().visits.map((v) => v.id)).toEqual(['v2']);
    expect(state().queue).toEqual([]);
  });

  it('tracks a recording from start to its pushed updates', async () => {
    const { console, sockets, state } = setup();
    await console.load();
    sockets.last().open();
    await console.startRecording('v1');
    expect(currentRecording(state().recordings.v1)?.status).toBe('starting');
    sockets.last().push({ type: 'recording', recording: recording('active') });
    expect(currentRecording(state().recordings.v1)?.status).toBe('active');
    await console.stopRecording('v1', 'r1');
    expect(currentRecording(state().recordings.v1)).toBeUndefined();
  });

  it('knows which visits can record from their provider', async () => {
    const { console, state } = setup();
    await console.load();
    const [lk, p2p] = state().visits;
    expect(console.capabilities(lk!)?.recording).toBe(true);
    expect(console.capabilities(p2p!)?.recording).toBe(false);
  });

  it('reports a lost session to the page', async () => {
    const api = fakeApi({
      listLobby: async () => Promise.reject(new ApiError('UNAUTHENTICATED', 'no', { status: 401 })),
    });
    const { console, state } = setup(api);
    const lost = vi.fn();
    console.onUnauthenticated(lost);
    await console.load();
    expect(lost).toHaveBeenCalled();
    expect(state().status).toBe('failed');
  });
});
