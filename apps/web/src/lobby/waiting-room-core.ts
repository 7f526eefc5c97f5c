// What the waiting room's actions work with: the state store, the lobby API, this tab's tickets,
// the /ws/lobby push channel of the current ticket, and the short wait for credentials after an
// admission. `apply` takes an update from waiting-room-state.ts or visitor-events.ts and does its
// follow-up.
import type { LobbyTicket, VisitorEvent } from '@openconnect/contracts';
import type { PushCloseCode } from '@openconnect/contracts/push-close-codes';
import {
  openPushSocket,
  socketUrl,
  type PushSocket,
  type SocketFactory,
} from '../realtime/push-socket.ts';
import { createStore, type Store } from '../store/store.ts';
import { createLobbyApi, type LobbyApi } from './lobby-api.ts';
import { createTicketStorage, type TicketStorage } from './ticket-storage.ts';
import { applyVisitorEvent, parseVisitorEvent } from './visitor-events.ts';
import {
  initialWaitingRoomState,
  withCredentials,
  type Update,
  type WaitingRoomState,
} from './waiting-room-state.ts';

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

export interface WaitingRoomCore {
  /** The invite code. */
  code: string;
  store: Store<WaitingRoomState>;
  api: LobbyApi;
  tickets: TicketStorage;
  /** True once the page let go of the room: nothing may start listening again. */
  isDisposed(): boolean;
  patch(next: Partial<WaitingRoomState>): void;
  /** Shows an update's state and does its follow-up. */
  apply(update: Update): void;
  /** Listens for the entry of `ticket`, instead of any entry listened to before. */
  listen(ticket: LobbyTicket): void;
  stopListening(): void;
  dispose(): void;
}

/**
 * The close code of a refused entry token, `PushCloseCode.UNAUTHENTICATED`: typed from the contracts
 * (a change there fails the build here) but not imported from them, because that module would be a
 * chunk of its own on the visitor's first load, which has no bytes left for it.
 */
const TOKEN_REFUSED: (typeof PushCloseCode)['UNAUTHENTICATED'] = 4401;

/**
 * The moving parts of the waiting room of one invite code. One closure, longer than most, on
 * purpose: its socket and timer stay private to it, and each further split costs bytes on the
 * visitor's first load, which is at its budget (scripts/check-size.ts).
 */
export function createWaitingRoomCore(options: WaitingRoomOptions): WaitingRoomCore {
  const store = createStore(initialWaitingRoomState);
  const api = options.api ?? createLobbyApi();
  const tickets = options.tickets ?? createTicketStorage();
  const now = options.now ?? (() => performance.now());
  let push: PushSocket | undefined;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const patch = (next: Partial<WaitingRoomState>) => store.set((s) => ({ ...s, ...next }));

  function stopListening(): void {
    clearTimeout(graceTimer);
    push?.close();
    push = undefined;
  }

  /** Credentials normally arrive pushed with the admission; ask for them if they do not. */
  function awaitCredentials(): void {
    clearTimeout(graceTimer);
    graceTimer = setTimeout(() => {
      const { ticket, credentials } = store.get();
      if (!ticket || credentials) return;
      api.join(ticket.entryId, ticket.visitorToken).then(
        (fresh) => apply(withCredentials(store.get(), fresh, now)),
        (error: unknown) => patch({ error }),
      );
    }, options.credentialsGraceMs ?? 1500);
  }

  function apply([state, followUp]: Update): void {
    store.set(state);
    if (followUp === 'awaitCredentials') awaitCredentials();
    else if (followUp === 'credentialsArrived') clearTimeout(graceTimer);
    else if (followUp === 'stopListening') stopListening();
  }

  function listen(ticket: LobbyTicket): void {
    stopListening();
    if (disposed) return;
    // The channel says hello with the ticket on every (re)connect; a refused token means the
    // server no longer knows the entry, and no reconnect will change that.
    push = openPushSocket<VisitorEvent>({
      url: options.url ?? socketUrl('/ws/lobby'),
      createSocket: options.createSocket,
      greeting: () => ({ type: 'hello', entryId: ticket.entryId, token: ticket.visitorToken }),
      parse: parseVisitorEvent,
      isFinal: (code) => code === TOKEN_REFUSED,
      onEvent: (event) => apply(applyVisitorEvent(store.get(), event, now)),
      onStatus: (connection, info) => {
        patch({ connection });
        if (connection === 'closed' && info.code === TOKEN_REFUSED) {
          tickets.forget(options.code);
          patch({ phase: 'expired' });
        }
      },
    });
  }

  const dispose = () => {
    disposed = true;
    stopListening();
  };
  return {
    code: options.code,
    store,
    api,
    tickets,
    patch,
    apply,
    listen,
    stopListening,
    dispose,
    isDisposed: () => disposed,
  };
}
