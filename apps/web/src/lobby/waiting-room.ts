// The visitor's waiting room as a state machine: knock with a name, wait (with position, time and
// staff messages pushed over /ws/lobby), then admitted with credentials, or denied, cancelled,
// expired or removed. The ticket is kept per tab so a reload resumes the same entry. React
// components render `store` and call the actions; nothing here touches the DOM.
import type {
  JoinCredentials,
  LobbyState,
  LobbyStatus,
  LobbyTicket,
  VisitorEvent,
} from '@openconnect/contracts';
import { ApiError } from '../api/ApiError.ts';
import {
  openPushSocket,
  socketUrl,
  type PushSocket,
  type PushStatus,
  type SocketFactory,
} from '../realtime/push-socket.ts';
import { createStore, type Store } from '../store/store.ts';
import { createLobbyApi, type LobbyApi } from './lobby-api.ts';
import { createTicketStorage, type TicketStorage } from './ticket-storage.ts';

export type WaitingPhase =
  /** Not knocked yet: preview devices and give a name. */
  | 'form'
  /** Looking up an entry this tab knocked with before. */
  | 'resuming'
  | 'knocking'
  | 'waiting'
  | 'admitted'
  | 'denied'
  | 'cancelled'
  | 'expired'
  | 'removed'
  /** The visitor left the call. */
  | 'left';

export interface StaffMessage {
  text: string;
  from: string;
  at: string;
}

export interface WaitingRoomState {
  phase: WaitingPhase;
  ticket: LobbyTicket | null;
  lobby: LobbyState | null;
  connection: PushStatus | 'none';
  messages: readonly StaffMessage[];
  credentials: JoinCredentials | null;
  /** When the credentials arrived (the admission), on the `now` clock: the call's timings start here. */
  admittedAt: number | null;
  /** Why staff said no, when they gave a reason. */
  reason: string | null;
  /** The last knock or cancel failure, for the page to explain. */
  error: unknown;
}

export interface WaitingRoom {
  store: Store<WaitingRoomState>;
  /** Resumes this tab's entry for the invite, if there is one; else shows the form. */
  start(): Promise<void>;
  knock(displayName: string): Promise<void>;
  cancel(): Promise<void>;
  /** Fresh credentials for the admitted visitor (a reconnect with an expired token). */
  refreshCredentials(): Promise<JoinCredentials>;
  /** The visitor left the call (or closed it): tells the server, stops listening. */
  leaveCall(): Promise<void>;
  /** Forgets an ended entry so the visitor may ask again (after cancelling or expiring). */
  startOver(): void;
  dispose(): void;
}

export interface WaitingRoomOptions {
  code: string;
  api?: LobbyApi;
  tickets?: TicketStorage;
  createSocket?: SocketFactory;
  url?: string;
  /** How long to wait for pushed credentials after an `admitted` state before asking for them. */
  credentialsGraceMs?: number;
  /** A monotonic clock in milliseconds; `performance.now()` by default. */
  now?: () => number;
}

/** Close code the server uses for a bad visitor token. */
export const LOBBY_BAD_TOKEN = 4401;

const phaseOf: Record<LobbyStatus, WaitingPhase> = {
  waiting: 'waiting',
  admitted: 'admitted',
  denied: 'denied',
  cancelled: 'cancelled',
  expired: 'expired',
  removed: 'removed',
};

/** Whole minutes a visitor has waited (0 in the first minute). */
export function minutesWaited(since: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
}

/** Checks a pushed frame's shape just enough to dispatch on it (zod stays out of this bundle). */
export function parseVisitorEvent(data: unknown): VisitorEvent | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const event = data as { type?: unknown } & Record<string, unknown>;
  switch (event.type) {
    case 'state':
      return typeof event.state === 'object' && event.state !== null
        ? (event as VisitorEvent)
        : undefined;
    case 'message':
      return typeof event.text === 'string' ? (event as VisitorEvent) : undefined;
    case 'admitted':
      return typeof event.credentials === 'object' && event.credentials !== null
        ? (event as VisitorEvent)
        : undefined;
    case 'error':
      return event as VisitorEvent;
    default:
      return undefined;
  }
}

/** Creates the waiting room of one invite code. */
export function createWaitingRoom(options: WaitingRoomOptions): WaitingRoom {
  const api = options.api ?? createLobbyApi();
  const tickets = options.tickets ?? createTicketStorage();
  const graceMs = options.credentialsGraceMs ?? 1500;
  const now = options.now ?? (() => performance.now());
  const store = createStore<WaitingRoomState>({
    phase: 'form',
    ticket: null,
    lobby: null,
    connection: 'none',
    messages: [],
    credentials: null,
    admittedAt: null,
    reason: null,
    error: undefined,
  });
  let push: PushSocket | undefined;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const patch = (next: Partial<WaitingRoomState>) => store.set((s) => ({ ...s, ...next }));

  function stopListening(): void {
    clearTimeout(graceTimer);
    push?.close();
    push = undefined;
  }

  function applyLobby(lobby: LobbyState): void {
    const phase = phaseOf[lobby.status];
    const current = store.get();
    // Once in the call, only the end of the entry changes the page.
    if (current.phase === 'left') return;
    patch({ lobby, reason: lobby.reason });
    if (phase === 'admitted') {
      if (!current.credentials) awaitCredentials();
      return;
    }
    patch({ phase });
    if (phase === 'cancelled' || phase === 'expired' || phase === 'denied' || phase === 'removed') {
      stopListening();
    }
  }

  /** Credentials normally arrive pushed with the admission; ask for them if they do not. */
  function awaitCredentials(): void {
    clearTimeout(graceTimer);
    graceTimer = setTimeout(() => {
      const { ticket, credentials } = store.get();
      if (!ticket || credentials) return;
      api.join(ticket.entryId, ticket.visitorToken).then(
        (fresh) => admit(fresh),
        (error: unknown) => patch({ error }),
      );
    }, graceMs);
  }

  function admit(credentials: JoinCredentials): void {
    clearTimeout(graceTimer);
    const current = store.get();
    // Credentials of a call already under way stay: replacing them would restart the call.
    if (current.credentials || current.phase === 'left' || current.phase === 'removed') return;
    patch({ phase: 'admitted', credentials, admittedAt: now() });
  }

  function onEvent(event: VisitorEvent): void {
    switch (event.type) {
      case 'state':
        applyLobby(event.state);
        return;
      case 'message':
        store.set((s) => ({
          ...s,
          messages: [...s.messages, { text: event.text, from: event.from, at: event.at }],
        }));
        return;
      case 'admitted':
        admit(event.credentials);
        return;
      case 'error':
        patch({ error: new ApiError('UNEXPECTED_RESPONSE', `${event.code}: ${event.message}`) });
        return;
    }
  }

  function listen(ticket: LobbyTicket): void {
    stopListening();
    if (disposed) return;
    push = openPushSocket<VisitorEvent>({
      url: options.url ?? socketUrl('/ws/lobby'),
      createSocket: options.createSocket,
      greeting: () => ({ type: 'hello', entryId: ticket.entryId, token: ticket.visitorToken }),
      parse: parseVisitorEvent,
      onEvent,
      isFinal: (code) => code === LOBBY_BAD_TOKEN,
      onStatus: (connection, info) => {
        patch({ connection });
        if (connection === 'closed' && info.code === LOBBY_BAD_TOKEN) {
          // The server no longer knows this entry: it expired while we were away.
          tickets.forget(options.code);
          patch({ phase: 'expired' });
        }
      },
    });
  }

  return {
    store,
    async start() {
      const ticket = tickets.load(options.code);
      if (!ticket) return;
      patch({ phase: 'resuming', ticket });
      try {
        const lobby = await api.state(ticket.entryId, ticket.visitorToken);
        if (disposed) return;
        if (lobby.status === 'waiting' || lobby.status === 'admitted') {
          patch({ phase: 'waiting', lobby });
          listen(ticket);
          return;
        }
        applyLobby(lobby);
      } catch (error) {
        if (error instanceof ApiError && [401, 403, 404, 410].includes(error.status)) {
          tickets.forget(options.code);
          patch({ phase: 'form', ticket: null });
          return;
        }
        // The server is unreachable for now: the push channel keeps trying.
        patch({ phase: 'waiting' });
        listen(ticket);
      }
    },
    async knock(displayName) {
      if (store.get().phase === 'knocking') return;
      patch({ phase: 'knocking', error: undefined });
      try {
        const ticket = await api.knock(options.code, displayName.trim());
        tickets.save(options.code, ticket);
        patch({
          phase: 'waiting',
          ticket,
          messages: [],
          lobby: {
            entryId: ticket.entryId,
            status: ticket.status,
            position: null,
            waitingSince: ticket.createdAt,
            reason: null,
          },
        });
        listen(ticket);
      } catch (error) {
        patch({ phase: 'form', error });
      }
    },
    async cancel() {
      const { ticket } = store.get();
      if (!ticket) return;
      stopListening();
      try {
        const lobby = await api.cancel(ticket.entryId, ticket.visitorToken);
        patch({ lobby });
      } catch (error) {
        // The entry may already be gone; the visitor asked to stop waiting either way.
        patch({ error });
      }
      tickets.forget(options.code);
      patch({ phase: 'cancelled', connection: 'none' });
    },
    async refreshCredentials() {
      const { ticket } = store.get();
      if (!ticket) throw new Error('There is no lobby entry to join with.');
      return api.join(ticket.entryId, ticket.visitorToken);
    },
    async leaveCall() {
      const { ticket, phase } = store.get();
      if (phase === 'removed') return;
      patch({ phase: 'left' });
      stopListening();
      if (ticket) await api.leave(ticket.entryId, ticket.visitorToken).catch(() => undefined);
    },
    startOver() {
      stopListening();
      tickets.forget(options.code);
      store.set({
        phase: 'form',
        ticket: null,
        lobby: null,
        connection: 'none',
        messages: [],
        credentials: null,
        admittedAt: null,
        reason: null,
        error: undefined,
      });
    },
    dispose() {
      disposed = true;
      stopListening();
    },
  };
}
