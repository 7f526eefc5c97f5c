import { describe, expect, it } from 'vitest';
import type { LobbyMessage } from '@openconnect/contracts';
import { createStore } from '../store/store.ts';
import { initialConsoleState } from './console-state.ts';
import { createEntryThreads } from './entry-threads.ts';
import { applyStaffEvent, parseStaffEvent } from './staff-push.ts';

const message = (
  id: string,
  entryId: string,
  at: string,
  from: LobbyMessage['from'] = 'staff',
) => ({
  id,
  entryId,
  from,
  author: from === 'staff' ? 'Sam' : 'Ann',
  text: `text ${id}`,
  at,
});

describe('entry threads', () => {
  it('reads a thread, then adds pushed messages once each, in order', async () => {
    const stored = [message('m1', 'e1', '2030-01-01T10:00:00.000Z')];
    const threads = createEntryThreads('f1', {
      list: async () => stored,
      canned: async () => ({ messages: ['Soon'], customised: false }),
    });
    await threads.load('e1');
    threads.received(message('m2', 'e1', '2030-01-01T10:01:00.000Z', 'visitor'));
    // The same message heard twice (sent here, then pushed) shows once.
    threads.received(message('m2', 'e1', '2030-01-01T10:01:00.000Z', 'visitor'));
    threads.received(message('m3', 'e2', '2030-01-01T10:02:00.000Z'));
    const { byEntry } = threads.store.get();
    expect(byEntry.e1?.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(byEntry.e2?.map((m) => m.id)).toEqual(['m3']);
  });

  it('reads again every thread already shown, and the canned messages', async () => {
    const asked: string[] = [];
    const threads = createEntryThreads('f1', {
      list: async (entryId) => (asked.push(entryId), []),
      canned: async (facilityId) => (
        asked.push(`canned ${facilityId}`),
        { messages: ['Soon'], customised: true }
      ),
    });
    await threads.load('e1');
    threads.received(message('m3', 'e2', '2030-01-01T10:02:00.000Z'));
    await threads.reload();
    await threads.loadCanned();
    expect(asked).toEqual(['e1', 'e1', 'e2', 'canned f1']);
    expect(threads.store.get().canned).toEqual(['Soon']);
  });
});

describe('lobbyMessage pushes', () => {
  it('are understood and go to the thread of their entry', () => {
    const pushed = message('m9', 'e1', '2030-01-01T10:05:00.000Z', 'visitor');
    const event = parseStaffEvent({ type: 'lobbyMessage', message: pushed });
    expect(event).toBeDefined();
    expect(parseStaffEvent({ type: 'lobbyMessage', message: null })).toBeUndefined();
    const threads = createEntryThreads('f1', {
      list: async () => [],
      canned: async () => ({ messages: [], customised: false }),
    });
    const store = createStore(initialConsoleState);
    const sync = {
      visitChanged: async () => undefined,
      refreshParticipants: async () => undefined,
    };
    applyStaffEvent(event!, store, sync, threads);
    expect(threads.store.get().byEntry.e1).toEqual([pushed]);
  });
});
