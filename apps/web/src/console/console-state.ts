// The staff console's state, and the pure updates to it that are about the page rather than the
// queue or a visit (those are in queue-state.ts and visit-state.ts): its initial state, a reload,
// and the actions in flight. Nothing here calls the server.
import type {
  Facility,
  LobbyEntry,
  PublicConfig,
  Recording,
  Visit,
  VisitParticipant,
} from '@openconnect/contracts';
import type { PushStatus } from '../realtime/push-socket.ts';

export interface ConsoleState {
  status: 'loading' | 'ready' | 'failed';
  error: unknown;
  connection: PushStatus | 'none';
  config: PublicConfig | null;
  facility: Facility | undefined;
  /** Waiting entries, oldest first. */
  queue: readonly LobbyEntry[];
  /** Visits not ended, newest first. */
  visits: readonly Visit[];
  participants: Readonly<Record<string, readonly VisitParticipant[]>>;
  recordings: Readonly<Record<string, readonly Recording[]>>;
  /** Actions in flight, as `action:id`. */
  busy: readonly string[];
  /** The latest change for the live region ("Ann is waiting to join …"); cleared after a while. */
  announcement: string;
  /** The visit the announcement is about: it goes when that visit ends. */
  announcementVisitId?: string;
}

/** The console before its first load. */
export const initialConsoleState: ConsoleState = {
  status: 'loading',
  error: undefined,
  connection: 'none',
  config: null,
  facility: undefined,
  queue: [],
  visits: [],
  participants: {},
  recordings: {},
  busy: [],
  announcement: '',
};

/** The state while a (re)load runs: a console already shown stays shown. */
export function reloading(state: ConsoleState): ConsoleState {
  return { ...state, status: state.status === 'ready' ? 'ready' : 'loading', error: undefined };
}

/** Marks the action `key` (`action:id`) as in flight. */
export function withBusy(state: ConsoleState, key: string): ConsoleState {
  return { ...state, busy: [...state.busy, key] };
}

/** Marks the action `key` as done. */
export function withoutBusy(state: ConsoleState, key: string): ConsoleState {
  return { ...state, busy: state.busy.filter((k) => k !== key) };
}
