import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PushCloseCode } from '@openconnect/contracts/push-close-codes';
import { loadMessages } from '../i18n/t.ts';
import { fakeSockets } from '../realtime/fake-socket.ts';
import { createStore } from '../store/store.ts';
import { entry, recording } from './console-fixtures.ts';
import { initialConsoleState } from './console-state.ts';
import { applyStaffEvent, openStaffPush, parseStaffEvent } from './staff-push.ts';

beforeAll(() => loadMessages('staff'));
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function open(url?: string) {
  const sockets = fakeSockets();
  const events: unknown[] = [];
  const statuses: string[] = [];
  const signedOut = vi.fn();
  const push = openStaffPush({
    facilityId: 'f 1',
    url,
    createSocket: sockets.create,
    onEvent: (event) => events.push(event),
    onStatus: (status, reopened) => statuses.push(reopened ? `${status} again` : status),
    onSignedOut: signedOut,
  });
  return { push, sockets, events, statuses, signedOut };
}

describe('staff push', () => {
  it('understands the four staff events and ignores anything else', () => {
    expect(parseStaffEvent({ type: 'participants', visitId: 'v1' })).toBeDefined();
    expect(parseStaffEvent({ type: 'visit', visitId: 'v1', status: 'live' })).toBeDefined();
    expect(parseStaffEvent({ type: 'lobby', entry: entry('e1') })).toBeDefined();
    expect(parseStaffEvent({ type: 'recording', recording: recording('active') })).toBeDefined();
    expect(parseStaffEvent({ type: 'participants' })).toBeUndefined();
    expect(parseStaffEvent({ type: 'lobby', entry: null })).toBeUndefined();
    expect(parseStaffEvent({ type: 'nope' })).toBeUndefined();
    expect(parseStaffEvent('lobby')).toBeUndefined();
  });

  it('applies a pushed entry or recording and asks for a changed visit or its people', () => {
    const store = createStore(initialConsoleState);
    const sync = {
      visitChanged: vi.fn(async () => {}),
      refreshParticipants: vi.fn(async () => {}),
    };
    applyStaffEvent({ type: 'lobby', entry: entry('e1') }, store, sync);
    applyStaffEvent({ type: 'recording', recording: recording('active') }, store, sync);
    applyStaffEvent({ type: 'participants', visitId: 'v1' }, store, sync);
    applyStaffEvent({ type: 'visit', visitId: 'v2', status: 'ended' }, store, sync);
    expect(store.get().queue.map((e) => e.id)).toEqual(['e1']);
    expect(store.get().recordings.v1).toEqual([recording('active')]);
    expect(sync.refreshParticipants).toHaveBeenCalledWith('v1');
    expect(sync.visitChanged).toHaveBeenCalledWith('v2', 'ended');
  });

  it('listens on the facility’s channel of this origin and passes events on', () => {
    vi.stubGlobal('window', { location: { protocol: 'https:', host: 'care.example' } });
    try {
      const { sockets, events } = open();
      expect(sockets.last().url).toBe('wss://care.example/ws/staff?facilityId=f%201');
      sockets.last().open();
      sockets.last().push({ type: 'participants', visitId: 'v1' });
      expect(events).toEqual([{ type: 'participants', visitId: 'v1' }]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('comes back after a dropped connection and says so', async () => {
    const { sockets, statuses } = open('ws://x/ws/staff');
    sockets.last().open();
    sockets.last().drop(PushCloseCode.GOING_AWAY);
    await vi.advanceTimersByTimeAsync(1000);
    sockets.last().open();
    expect(sockets.all).toHaveLength(2);
    expect(statuses).toEqual(['connecting', 'open', 'reconnecting', 'open again']);
  });

  it('stops for good on a final close code, and reports a sign-out', async () => {
    for (const code of [PushCloseCode.FORBIDDEN, PushCloseCode.UNAUTHENTICATED]) {
      const { sockets, statuses, signedOut } = open('ws://x/ws/staff');
      sockets.last().open();
      sockets.last().drop(code);
      await vi.advanceTimersByTimeAsync(30_000);
      expect(sockets.all).toHaveLength(1);
      expect(statuses.at(-1)).toBe('closed');
      expect(signedOut).toHaveBeenCalledTimes(code === PushCloseCode.UNAUTHENTICATED ? 1 : 0);
    }
  });
});
