// The push fan-out: domain modules publish events on topics (a facility's staff pages, one
// visitor's waiting room, a p2p room's signaling); sockets subscribe. With PostgreSQL, events
// cross server instances via LISTEN/NOTIFY; with the embedded database there is one instance and
// they stay in process.
//
// The LISTEN connection can be lost (a failover, a terminated backend, a network cut). Until it is
// back the instance hears nothing from anyone, itself included: the bus says so (`status`,
// `onStatus`, which /readyz, a metric and the log follow), reconnects with backoff, and then
// delivers `topics.resync()` so every subscriber re-reads what it may have missed.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { topics, type BusEvents, type Topic, type TopicKind } from '@openconnect/contracts';
import pg from 'pg';

/** Whether this instance hears the bus right now, and since when. */
export interface BusStatus {
  up: boolean;
  since: Date;
  /** Why it went down, when it is down. */
  error?: string;
}

export interface EventBus {
  /** Publishes `event` to every subscriber of `topic`, on every instance. */
  publish<K extends TopicKind>(topic: Topic<K>, event: BusEvents[K]): Promise<void>;
  /** Calls `handler` for every event on `topic`; returns the unsubscribe function. */
  subscribe<K extends TopicKind>(
    topic: Topic<K>,
    handler: (event: BusEvents[K]) => void,
  ): () => void;
  /** Whether events from other instances reach this one. */
  status(): BusStatus;
  /** Calls `listener` on every change of `status()`; returns the unsubscribe function. */
  onStatus(listener: (status: BusStatus) => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'openconnect_events';
/** NOTIFY refuses payloads of 8000 bytes or more; larger events travel in parts. */
const MAX_NOTIFY_BYTES = 7_900;
/** Base64 characters per part: with its envelope a part stays well under the limit. */
const PART_CHARS = 7_000;
/** Parts of one event are notified in one transaction; an event still incomplete this long is dropped. */
const PART_TIMEOUT_MS = 30_000;

/** An in-process bus, for a single instance. */
export class LocalEventBus implements EventBus {
  protected readonly emitter = new EventEmitter();
  private readonly statusListeners = new Set<(status: BusStatus) => void>();
  private current: BusStatus = { up: true, since: new Date() };

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  async publish<K extends TopicKind>(topic: Topic<K>, event: BusEvents[K]): Promise<void> {
    this.deliver(topic.name, event);
  }

  /** Hands an event to the subscribers of a topic name (events from other instances arrive here). */
  protected deliver(topicName: string, event: unknown): void {
    this.emitter.emit(topicName, event);
  }

  subscribe<K extends TopicKind>(
    topic: Topic<K>,
    handler: (event: BusEvents[K]) => void,
  ): () => void {
    // The emitter is keyed by topic name; only `publish`, typed by the same topic, puts events
    // under that name, so the event has the topic's type.
    const listener = handler as (event: unknown) => void;
    this.emitter.on(topic.name, listener);
    return () => this.emitter.off(topic.name, listener);
  }

  status(): BusStatus {
    return this.current;
  }

  onStatus(listener: (status: BusStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  protected setStatus(status: BusStatus): void {
    this.current = status;
    for (const listener of this.statusListeners) listener(status);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
    this.statusListeners.clear();
  }
}

export interface PostgresBusOptions {
  /** First reconnect delay; it doubles per failed attempt up to `maxReconnectMs`. */
  reconnectMs?: number;
  maxReconnectMs?: number;
}

interface Part {
  part: string;
  i: number;
  n: number;
  data: string;
}

/** A bus over PostgreSQL LISTEN/NOTIFY: every instance on the database sees every event. */
export class PostgresEventBus extends LocalEventBus {
  private listener: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;
  private sending: Promise<void> = Promise.resolve();
  private readonly parts = new Map<string, { chunks: string[]; got: number; at: number }>();
  private readonly reconnectMs: number;
  private readonly maxReconnectMs: number;

  private constructor(
    private readonly databaseUrl: string,
    private readonly pool: pg.Pool,
    options: PostgresBusOptions,
  ) {
    super();
    this.reconnectMs = options.reconnectMs ?? 250;
    this.maxReconnectMs = options.maxReconnectMs ?? 10_000;
  }

  static async connect(
    databaseUrl: string,
    options: PostgresBusOptions = {},
  ): Promise<PostgresEventBus> {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    // An idle pooled connection that dies is replaced on the next query; the query reports it.
    pool.on('error', () => undefined);
    const bus = new PostgresEventBus(databaseUrl, pool, options);
    try {
      await bus.listen();
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return bus;
  }

  /** The backend pid of the LISTEN connection (tests terminate it to prove the bus recovers). */
  listenerPid(): number | undefined {
    return (this.listener as unknown as { processID?: number } | undefined)?.processID;
  }

  override publish<K extends TopicKind>(topic: Topic<K>, event: BusEvents[K]): Promise<void> {
    // One after another: the pool has two connections, and events of one instance must arrive
    // in the order it published them (a p2p member's departure before its return).
    const sent = this.sending.then(() => this.notify(topic, event));
    this.sending = sent.catch(() => undefined);
    return sent;
  }

  private async notify<K extends TopicKind>(topic: Topic<K>, event: BusEvents[K]): Promise<void> {
    // Events carry ids and states, never credentials; p2p signals carry SDP, which can pass
    // NOTIFY's 8000-byte limit, so a large event goes as parts in one transaction.
    const payload = JSON.stringify({ topic: topic.name, event });
    if (Buffer.byteLength(payload, 'utf8') <= MAX_NOTIFY_BYTES) {
      await this.pool.query('select pg_notify($1, $2)', [CHANNEL, payload]);
      return;
    }
    const encoded = Buffer.from(payload, 'utf8').toString('base64');
    const n = Math.ceil(encoded.length / PART_CHARS);
    const id = randomUUID();
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      for (let i = 0; i < n; i += 1) {
        const part: Part = {
          part: id,
          i,
          n,
          data: encoded.slice(i * PART_CHARS, (i + 1) * PART_CHARS),
        };
        await client.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(part)]);
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  override async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await super.close();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }

  /** Opens a LISTEN connection and makes it the current one. */
  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      connectionTimeoutMillis: 5_000,
    });
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) this.received(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
  }

  /** The LISTEN connection failed: say so, and try again with backoff until it is back. */
  private lost(client: pg.Client, error?: Error): void {
    if (this.closed || this.listener !== client) return;
    this.listener = undefined;
    void client.end().catch(() => undefined);
    this.parts.clear();
    this.setStatus({
      up: false,
      since: new Date(),
      error: error?.message ?? 'the listening connection ended',
    });
    this.reconnect(0);
  }

  private reconnect(attempt: number): void {
    const delay = Math.min(this.maxReconnectMs, this.reconnectMs * 2 ** attempt);
    this.retry = setTimeout(() => {
      this.listen().then(
        () => {
          if (this.closed) return;
          const downForMs = Date.now() - this.status().since.getTime();
          this.setStatus({ up: true, since: new Date() });
          // Whatever was published while we were deaf is gone: everyone re-reads.
          this.deliver(topics.resync().name, { type: 'resync', downForMs });
        },
        () => {
          // Still down, as /readyz already says; the next attempt waits longer.
          if (this.closed) return;
          this.reconnect(attempt + 1);
        },
      );
    }, delay);
  }

  private received(payload: string): void {
    let message: { topic?: unknown; event?: unknown } & Partial<Part>;
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return; // A malformed payload cannot come from us; ignore it rather than crash the listener.
    }
    if (typeof message.part === 'string') return this.receivedPart(message as Part);
    if (typeof message.topic === 'string') this.deliver(message.topic, message.event);
  }

  private receivedPart(part: Part): void {
    const now = Date.now();
    for (const [id, pending] of this.parts)
      if (now - pending.at > PART_TIMEOUT_MS) this.parts.delete(id);
    const pending = this.parts.get(part.part) ?? {
      chunks: new Array<string>(part.n),
      got: 0,
      at: now,
    };
    this.parts.set(part.part, pending);
    if (pending.chunks[part.i] === undefined) pending.got += 1;
    pending.chunks[part.i] = part.data;
    if (pending.got < part.n) return;
    this.parts.delete(part.part);
    this.received(Buffer.from(pending.chunks.join(''), 'base64').toString('utf8'));
  }
}

/** The bus for this deployment: PostgreSQL NOTIFY when DATABASE_URL is set, else in-process. */
export async function createEventBus(databaseUrl: string | undefined): Promise<EventBus> {
  return databaseUrl ? PostgresEventBus.connect(databaseUrl) : new LocalEventBus();
}
