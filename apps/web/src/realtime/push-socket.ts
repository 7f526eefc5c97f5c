// A push channel over WebSocket that survives network blips: it reconnects with capped,
// jittered exponential backoff, sends a greeting on every (re)open, parses each frame, and stops
// for good on close codes the server uses to say "do not come back". The waiting room and the
// staff console both listen to the server through it.

export type PushStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** The part of the browser's WebSocket this module uses; tests pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;

export interface PushSocketOptions<In> {
  /** Absolute ws:// or wss:// URL. */
  url: string;
  /** Sent as JSON as soon as each connection opens (e.g. a hello with a token). */
  greeting?: () => unknown;
  /** Turns a frame into an event, or undefined to ignore it. */
  parse: (data: unknown) => In | undefined;
  onEvent: (event: In) => void;
  /** Told about every status change; `reopened` is true when a lost connection came back. */
  onStatus?: (status: PushStatus, info: { code?: number; reopened: boolean }) => void;
  /** Close codes after which reconnecting cannot help (`PushCloseCode` in the contracts). */
  isFinal?: (code: number) => boolean;
  initialDelayMs?: number;
  maxDelayMs?: number;
  createSocket?: SocketFactory;
  random?: () => number;
}

export interface PushSocket {
  readonly status: PushStatus;
  /** Sends a JSON frame if the connection is open; returns whether it was sent. */
  send(message: unknown): boolean;
  /** Closes for good. */
  close(): void;
}

/** The wait before reconnect attempt `attempt` (0-based): doubling, capped, with 50–100 % jitter. */
export function backoffDelay(
  attempt: number,
  initialMs = 500,
  maxMs = 15_000,
  random: () => number = Math.random,
): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 20));
  return Math.round(base * (0.5 + random() / 2));
}

/** A ws:// or wss:// URL for a path on this page's origin. */
export function socketUrl(
  path: string,
  location: { protocol: string; host: string } = window.location,
): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
}

const browserSocket: SocketFactory = (url) => new WebSocket(url) as unknown as SocketLike;

// Whole on purpose: split, it cost 10 bytes gzip on the visitor's budgeted path.
/** Opens a push channel; it keeps itself connected until `close()` or a final close code. */
export function openPushSocket<In>(options: PushSocketOptions<In>): PushSocket {
  const create = options.createSocket ?? browserSocket;
  let status: PushStatus = 'connecting';
  let socket: SocketLike | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let everOpened = false;

  function setStatus(next: PushStatus, code?: number): void {
    const reopened = next === 'open' && everOpened;
    if (next === 'open') everOpened = true;
    status = next;
    options.onStatus?.(next, { code, reopened });
  }

  function connect(): void {
    const current = create(options.url);
    socket = current;
    current.onopen = () => {
      if (socket !== current) return;
      attempt = 0;
      const greeting = options.greeting?.();
      if (greeting !== undefined) current.send(JSON.stringify(greeting));
      setStatus('open');
    };
    current.onmessage = (event) => {
      if (socket !== current || typeof event.data !== 'string') return;
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      const parsed = options.parse(data);
      if (parsed !== undefined) options.onEvent(parsed);
    };
    current.onerror = () => undefined; // A close event always follows; it decides what to do.
    current.onclose = (event) => {
      if (socket !== current) return;
      socket = undefined;
      if (status === 'closed') return;
      if (options.isFinal?.(event.code)) {
        setStatus('closed', event.code);
        return;
      }
      setStatus('reconnecting', event.code);
      const delay = backoffDelay(
        attempt++,
        options.initialDelayMs,
        options.maxDelayMs,
        options.random,
      );
      timer = setTimeout(connect, delay);
    };
  }

  connect();
  options.onStatus?.('connecting', { reopened: false });

  return {
    get status() {
      return status;
    },
    send(message) {
      if (!socket || socket.readyState !== 1) return false;
      socket.send(JSON.stringify(message));
      return true;
    },
    close() {
      if (status === 'closed') return;
      clearTimeout(timer);
      status = 'closed';
      const current = socket;
      socket = undefined;
      current?.close(1000, 'done');
      options.onStatus?.('closed', { reopened: false });
    },
  };
}
