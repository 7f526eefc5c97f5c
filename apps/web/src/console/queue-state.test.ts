import { beforeAll, describe, expect, it } from 'vitest';
import { loadMessages } from '../i18n/t.ts';
import { entry } from './console-fixtures.ts';
import { initialConsoleState, type ConsoleState } from './console-state.ts';
import { queueAnnouncement, waitingQueue, withQueueEntry } from './queue-state.ts';

beforeAll(() => loadMessages('staff'));

const queued = (...ids: string[]): ConsoleState => ({
  ...initialConsoleState,
  queue: ids.map((id, i) => entry(id, 'waiting', `2030-01-01T10:0${i}:00.000Z`)),
  announcement: 'before',
});

describe('queue state', () => {
  it('keeps only the waiting entries, oldest first', () => {
    const later = entry('late', 'waiting', '2030-01-01T11:00:00.000Z');
    const list = waitingQueue([later, entry('gone', 'denied'), entry('early')]);
    expect(list.map((e) => e.id)).toEqual(['early', 'late']);
  });

  it('adds a newcomer in order of arrival and announces them', () => {
    const next = withQueueEntry(queued('e1'), entry('e0', 'waiting', '2030-01-01T09:00:00.000Z'));
    expect(next.queue.map((e) => e.id)).toEqual(['e0', 'e1']);
    expect(next.announcement).toBe('Person e0 is waiting to join “Visit v1”.');
  });

  it('replaces a waiting entry that changed without announcing it again', () => {
    const next = withQueueEntry(queued('e1'), { ...entry('e1'), online: false });
    expect(next.queue).toEqual([
      { ...entry('e1', 'waiting', '2030-01-01T10:00:00.000Z'), online: false },
    ]);
    expect(next.announcement).toBe('before');
  });

  it('drops a decided entry and says what was decided', () => {
    expect(withQueueEntry(queued('e1', 'e2'), entry('e1', 'admitted'))).toMatchObject({
      queue: [{ id: 'e2' }],
      announcement: 'Person e1 was let in.',
    });
    expect(withQueueEntry(queued('e1'), entry('e1', 'denied')).announcement).toBe(
      'Person e1 was turned away.',
    );
    expect(withQueueEntry(queued('e1'), entry('e1', 'expired')).announcement).toBe(
      'Person e1 stopped waiting.',
    );
    expect(withQueueEntry(queued('e1'), entry('e1', 'cancelled')).announcement).toBe(
      'Person e1 stopped waiting.',
    );
  });

  it('says nothing about a decision on an entry this page never showed', () => {
    expect(queueAnnouncement(entry('e9', 'admitted'), false)).toBeUndefined();
    const next = withQueueEntry(queued('e1'), entry('e9', 'denied'));
    expect(next.queue.map((e) => e.id)).toEqual(['e1']);
    expect(next.announcement).toBe('before');
  });
});
