// The console's open visits with their people and recordings, as pure updates: a visit appears,
// changes status or ends (taking its queue with it), its people and recordings are replaced
// by what the server last said.
import type { Recording, Visit, VisitParticipant } from '@openconnect/contracts';
import type { ConsoleState } from './console-state.ts';

const newestFirst = (a: Visit, b: Visit) => Date.parse(b.createdAt) - Date.parse(a.createdAt);

/** The visits not ended, newest first. */
export function openVisits(visits: readonly Visit[]): Visit[] {
  return visits.filter((v) => v.status !== 'ended').sort(newestFirst);
}

/**
 * The state without an ended visit, its waiting entries and any announcement about it ("Ann was
 * let in." is no longer true news once the visit is over).
 */
export function withoutVisit(state: ConsoleState, visitId: string): ConsoleState {
  const stale = state.announcementVisitId === visitId;
  return {
    ...state,
    visits: state.visits.filter((v) => v.id !== visitId),
    queue: state.queue.filter((e) => e.visitId !== visitId),
    ...(stale ? { announcement: '', announcementVisitId: undefined } : {}),
  };
}

/** The state with a known visit's new status (an unknown visit is left to `withVisit`). */
export function withVisitStatus(
  state: ConsoleState,
  visitId: string,
  status: Visit['status'],
): ConsoleState {
  if (!state.visits.some((v) => v.id === visitId)) return state;
  return { ...state, visits: state.visits.map((v) => (v.id === visitId ? { ...v, status } : v)) };
}

/** The state with `visit` as the server sent it, added or replaced, newest first. */
export function withVisit(state: ConsoleState, visit: Visit): ConsoleState {
  const rest = state.visits.filter((v) => v.id !== visit.id);
  return { ...state, visits: [...rest, visit].sort(newestFirst) };
}

/** The state with a visit's people as the server listed them. */
export function withParticipants(
  state: ConsoleState,
  visitId: string,
  list: readonly VisitParticipant[],
): ConsoleState {
  return { ...state, participants: { ...state.participants, [visitId]: list } };
}

/** The state without one person of a visit (removed by staff, before the server's next list). */
export function withoutParticipant(
  state: ConsoleState,
  visitId: string,
  participantId: string,
): ConsoleState {
  const list = (state.participants[visitId] ?? []).filter((p) => p.id !== participantId);
  return withParticipants(state, visitId, list);
}

/** The state with a visit's recordings as the server listed them. */
export function withRecordings(
  state: ConsoleState,
  visitId: string,
  list: readonly Recording[],
): ConsoleState {
  return { ...state, recordings: { ...state.recordings, [visitId]: list } };
}

/** The state with one recording added or replaced by its newer self (pushed or returned). */
export function withRecording(state: ConsoleState, recording: Recording): ConsoleState {
  const rest = (state.recordings[recording.visitId] ?? []).filter((r) => r.id !== recording.id);
  return withRecordings(state, recording.visitId, [...rest, recording]);
}

/** The recording of a visit that is running or starting, if any. */
export function currentRecording(
  recordings: readonly Recording[] | undefined,
): Recording | undefined {
  return recordings?.find((r) => r.status === 'starting' || r.status === 'active');
}
