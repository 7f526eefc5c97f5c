// The console's waiting-room queue as pure updates: an entry pushed or returned by the server
// joins, moves or leaves the queue, and what changed is announced for screen readers.
import type { LobbyEntry } from '@openconnect/contracts';
import { t } from '../i18n/t.ts';
import type { ConsoleState } from './console-state.ts';

const oldestFirst = (a: LobbyEntry, b: LobbyEntry) =>
  Date.parse(a.createdAt) - Date.parse(b.createdAt);

/** The entries still waiting, oldest first. */
export function waitingQueue(entries: readonly LobbyEntry[]): LobbyEntry[] {
  return entries.filter((e) => e.status === 'waiting').sort(oldestFirst);
}

/**
 * What to announce when `entry` arrives: a newcomer, or the decision on one already queued.
 * `known` is whether the queue held it (a decision on an entry this page never showed is news to
 * nobody here).
 */
export function queueAnnouncement(entry: LobbyEntry, known: boolean): string | undefined {
  const name = entry.displayName;
  if (!known) {
    return entry.status === 'waiting'
      ? t('console.announce.waiting', { name, title: entry.visitTitle })
      : undefined;
  }
  switch (entry.status) {
    case 'admitted':
      return t('console.announce.admitted', { name });
    case 'denied':
      return t('console.announce.denied', { name });
    case 'cancelled':
    case 'expired':
      return t('console.announce.left', { name });
    default:
      return undefined;
  }
}

/** The state with `entry` in the queue while it waits, out of it once decided, and announced. */
export function withQueueEntry(state: ConsoleState, entry: LobbyEntry): ConsoleState {
  const known = state.queue.some((e) => e.id === entry.id);
  const rest = state.queue.filter((e) => e.id !== entry.id);
  const queue = entry.status === 'waiting' ? [...rest, entry].sort(oldestFirst) : rest;
  const announcement = queueAnnouncement(entry, known);
  if (!announcement) return { ...state, queue };
  return { ...state, queue, announcement, announcementVisitId: entry.visitId };
}
