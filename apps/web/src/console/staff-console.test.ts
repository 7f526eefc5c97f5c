import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PushCloseCode } from '@openconnect/contracts/push-close-codes';
import { ApiError } from '../api/ApiError.ts';
import { fakeSockets } from '../realtime/fake-socket.ts';
import { config, entry, fakeConsoleApi, participant, recording } from './console-fixtures.ts';
import { createStaffConsole } from './staff-console.ts';
import { currentRecording } from './visit-state.ts';
import { loadMessages } from '../i18n/t.ts';

// The module under test speaks with the staff part of the catalogue, which the app loads lazily.
beforeAll(() => loadMessages('staff'));

function setup(api = fakeConsoleApi()) {
  const sockets = fakeSockets();
  const staffConsole = createStaffConsole({
    facilityId: 'f1',
    api: api.api,
    getConfig: async () => config,
    listFacilities: async () => [{ id: 'f1', name: 'Demo Care Home' } as never],
    createSocket: sockets.create,
    url: 'ws://x/ws/staff',
  });
  return { staffConsole, sockets, calls: api.calls, state: () => staffConsole.store.get() };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('staff console', () => {
  it('loads the queue oldest first and the visits not ended, with their people', async () => {
    const { staffConsole, state, calls } = setup();
    await staffConsole.load();
    expect(state().queue.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(state().visits.map((v) => v.id)).toEqual(['v1', 'v2']);
    expect(state().participants.v1).toEqual([participant]);
    // Only the visit whose provider records is asked for recordings.
    expect(calls.filter((c) => c.startsWith('recordings'))).toEqual(['recordings v1']);
  });

  it('shows a new waiting visitor pushed by the server and announces them', async () => {
    const { staffConsole, sockets, state } = setup();
    await staffConsole.load();
    sockets.last().open();
    sockets
      .last()
      .push({ type: 'lobby', entry: entry('e3', 'waiting', '2030-01-01T10:05:00.000Z') });
    expect(state().queue.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    expect(state().announcement).toBe('Person e3 is waiting to join “Visit v1”.');
    // Said, then cleared: the live region keeps no old news.
    vi.advanceTimersByTime(10_000);
    expect(state().announcement).toBe('');
  });

  it('drops an entry from the queue once another staff member decided it', async () => {
    const { staffConsole, sockets, state } = setup();
    await staffConsole.load();
    sockets.last().open();
    sockets.last().push({ type: 'lobby', entry: entry('e1', 'denied') });
    expect(state().queue.map((e) => e.id)).toEqual(['e2']);
    expect(state().announcement).toBe('Person e1 was turned away.');
  });

  it('admits and denies through the server', async () => {
    const { staffConsole, state, calls } = setup();
    await staffConsole.load();
    await staffConsole.admit('e1');
    await staffConsole.deny('e2', 'Too late today');
    expect(calls).toContain('admit e1');
    expect(calls).toContain('deny e2 Too late today');
    expect(state().queue).toEqual([]);
    expect(state().busy).toEqual([]);
  });

  it('shows an admitted visitor in their visit once the server says they joined', async () => {
    const { staffConsole, sockets, calls } = setup();
    await staffConsole.load();
    sockets.last().open();
    calls.length = 0;
    await staffConsole.admit('e1');
    // The join publishes `participants`; the console does not poll for it.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toEqual(['admit e1']);
    sockets.last().push({ type: 'participants', visitId: 'v1' });
    await vi.waitFor(() => expect(calls).toEqual(['admit e1', 'participants v1']));
  });

  it('refetches a visit’s people when the server says they changed', async () => {
    const { staffConsole, sockets, calls } = setup();
    await staffConsole.load();
    sockets.last().open();
    calls.length = 0;
    sockets.last().push({ type: 'participants', visitId: 'v2' });
    await vi.waitFor(() => expect(calls).toEqual(['participants v2']));
  });

  it('refetches everything when the push channel comes back', async () => {
    const { staffConsole, sockets, calls } = setup();
    await staffConsole.load();
    sockets.last().open();
    sockets.last().drop();
    calls.length = 0;
    await vi.advanceTimersByTimeAsync(1000);
    sockets.last().open();
    await vi.waitFor(() => expect(calls).toContain('participants v1'));
  });

  it('removes a participant and forgets an ended visit with its queue', async () => {
    const { staffConsole, state, calls } = setup();
    await staffConsole.load();
    await staffConsole.removeParticipant('v1', 'p1');
    expect(calls).toContain('remove v1 p1');
    expect(state().announcement).toBe('Ann was removed from the visit.');
    await staffConsole.endVisit('v1');
    expect(state().visits.map((v) => v.id)).toEqual(['v2']);
    expect(state().queue).toEqual([]);
  });

  it('tracks a recording from start to its pushed updates', async () => {
    const { staffConsole, sockets, state } = setup();
    await staffConsole.load();
    sockets.last().open();
    await staffConsole.startRecording('v1');
    expect(currentRecording(state().recordings.v1)?.status).toBe('starting');
    sockets.last().push({ type: 'recording', recording: recording('active') });
    expect(currentRecording(state().recordings.v1)?.status).toBe('active');
    await staffConsole.stopRecording('v1', 'r1');
    expect(currentRecording(state().recordings.v1)).toBeUndefined();
  });

  it('knows which visits can record from their provider', async () => {
    const { staffConsole, state } = setup();
    await staffConsole.load();
    const [lk, p2p] = state().visits;
    expect(staffConsole.capabilities(lk!)?.recording).toBe(true);
    expect(staffConsole.capabilities(p2p!)?.recording).toBe(false);
  });

  it('reports a lost session to the page', async () => {
    const api = fakeConsoleApi({
      listLobby: async () => Promise.reject(new ApiError('UNAUTHENTICATED', 'no', { status: 401 })),
    });
    const { staffConsole, state } = setup(api);
    const lost = vi.fn();
    staffConsole.onUnauthenticated(lost);
    await staffConsole.load();
    expect(lost).toHaveBeenCalled();
    expect(state().status).toBe('failed');
  });

  it('stops listening and sends staff to sign in when the push channel says they are signed out', async () => {
    const { staffConsole, sockets, state } = setup();
    const lost = vi.fn();
    staffConsole.onUnauthenticated(lost);
    await staffConsole.load();
    sockets.last().open();
    sockets.last().drop(PushCloseCode.UNAUTHENTICATED);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sockets.all).toHaveLength(1);
    expect(state().connection).toBe('closed');
    expect(lost).toHaveBeenCalledOnce();
  });

  it('stops listening for good when the server says this is not their facility', async () => {
    const { staffConsole, sockets, state } = setup();
    const lost = vi.fn();
    staffConsole.onUnauthenticated(lost);
    await staffConsole.load();
    sockets.last().open();
    sockets.last().drop(PushCloseCode.FORBIDDEN);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sockets.all).toHaveLength(1);
    expect(state().connection).toBe('closed');
    expect(lost).not.toHaveBeenCalled();
  });
});
