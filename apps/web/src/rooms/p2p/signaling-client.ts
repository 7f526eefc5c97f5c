// SignalingClient: one WebSocket to the p2p signaling server. Sends the join on open, parses the
// server's messages, keeps the connection alive with pings and notices a server gone silent. It
// reports a lost connection once and then goes quiet; P2PRoom decides whether to try again (with
// a new client) and what the loss means for the call.
import {
  P2PServerMessage,
  P2P_PROTOCOL_VERSION,
  type P2PClientMessage,
} from '@openconnect/contracts';
import type { SocketFactory, SocketLike } from '../../realtime/push-socket.ts';

/** WebSocket readyState values (the global may be missing where tests run). */
const OPEN = 1;
const CLOSING = 2;

/** A server silent for this many heartbeat intervals counts as a lost connection. */
const SILENCE_INTERVALS = 2.5;

export interface SignalingClientOptions {
  url: string;
  roomId: string;
  token: string;
  /** A valid message from the server. */
  onMessage(message: P2PServerMessage): void;
  /** The server sent something that is not a valid message (ignored). */
  onMalformed(): void;
  /** The connection closed (with its close code) or went silent (1006). Called at most once. */
  onLost(code: number): void;
  createSocket?: SocketFactory;
  now?: () => number;
}

const browserSocket: SocketFactory = (url) => new WebSocket(url) as unknown as SocketLike;

export class SignalingClient {
  private readonly socket: SocketLike;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private lastHeardAt = 0;
  /** After a loss or close, nothing from this socket reaches the room any more. */
  private detached = false;
  private readonly now: () => number;

  /** Opens the connection; the join is sent as soon as it is open. */
  constructor(private readonly options: SignalingClientOptions) {
    this.now = options.now ?? Date.now;
    const socket = (options.createSocket ?? browserSocket)(options.url);
    this.socket = socket;
    socket.onopen = () => {
      this.lastHeardAt = this.now();
      const { roomId: room, token } = options;
      this.send({ type: 'join', version: P2P_PROTOCOL_VERSION, room, token });
    };
    socket.onmessage = (event) => {
      if (!this.detached) this.receive(event.data);
    };
    socket.onclose = (event) => {
      if (!this.detached) this.lost(event.code);
    };
  }

  /** Whether messages can be sent now. */
  get isOpen(): boolean {
    return this.socket.readyState === OPEN;
  }

  /** Sends a message if the connection is open; drops it otherwise. */
  send(message: P2PClientMessage): void {
    if (this.isOpen) this.socket.send(JSON.stringify(message));
  }

  /** Pings every `intervalMs`; a server silent for 2.5 intervals counts as lost (code 1006). */
  startHeartbeat(intervalMs: number): void {
    this.stopHeartbeat();
    this.heartbeat = setInterval(() => {
      if (this.detached) return;
      if (this.now() - this.lastHeardAt > intervalMs * SILENCE_INTERVALS) {
        this.lost(1006);
        this.socket.close();
        return;
      }
      this.send({ type: 'ping' });
    }, intervalMs);
  }

  /** Closes the connection without reporting it as lost. */
  close(code = 1000, reason?: string): void {
    this.detached = true;
    this.stopHeartbeat();
    if (this.socket.readyState < CLOSING) this.socket.close(code, reason);
  }

  private receive(raw: unknown): void {
    this.lastHeardAt = this.now();
    const parsed = typeof raw === 'string' ? P2PServerMessage.safeParse(safeJson(raw)) : undefined;
    if (parsed?.success) this.options.onMessage(parsed.data);
    else this.options.onMalformed();
  }

  private lost(code: number): void {
    this.detached = true;
    this.stopHeartbeat();
    this.options.onLost(code);
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
