// The push fan-out: domain modules publish events on topics (a facility's staff pages, one
// visitor's waiting room); sockets subscribe. With PostgreSQL, events cross server instances via
// LISTEN/NOTIFY; with the embedded database there is one instance and they stay in process.
import { EventEmitter } from 'node:events';
import type { BusEvents, Topic, TopicKind } from '@openconnect/contracts';
import pg from 'pg';

export interface EventBus {
  /** Publishes `event` to every subscriber of `topic`, on every instance. */
  publish<K extends TopicKind>(topic: Topic<K>, event: BusEvents[K]): Promise<void>;
  /** Calls `handler` for every event on `topic`; returns the unsubscribe function. */
  subscribe<K extends TopicKind>(
    topic: Topic<K>,
    handler: (event: BusEvents[K]) => void,
  ): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'openconnect_events';

/** An in-process bus, for a single instance. */
export class LocalEventBus implements EventBus {
  protected readonly emitter = new EventEmitter();

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

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/** A bus over PostgreSQL LISTEN/NOTIFY: every instance on the database sees every event. */
export class PostgresEventBus extends LocalEventBus {
  private constructor(
    private readonly listener: pg.Client,
    private readonly pool: pg.Pool,
  ) {
    super();
  }

  static async connect(databaseUrl: string): Promise<PostgresEventBus> {
    const listener = new pg.Client({ connectionString: databaseUrl });
    await listener.connect();
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    pool.on('error', () => undefined);
    const bus = new PostgresEventBus(listener, pool);
    listener.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        const { topic, event } = JSON.parse(message.payload) as { topic: string; event: unknown };
        bus.deliver(topic, event);
      } catch {
        // A malformed payload cannot come from us; ignore it rather than crash the listener.
      }
    });
    listener.on('error', () => undefined);
    await listener.query(`listen ${CHANNEL}`);
    return bus;
  }

  override async publish<K extends TopicKind>(topic: Topic<K>, event: BusEvents[K]): Promise<void> {
    // NOTIFY payloads are limited to 8000 bytes: events carry ids and states, never credentials.
    const payload = JSON.stringify({ topic: topic.name, event });
    await this.pool.query('select pg_notify($1, $2)', [CHANNEL, payload]);
  }

  override async close(): Promise<void> {
    await super.close();
    await this.listener.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }
}

/** The bus for this deployment: PostgreSQL NOTIFY when DATABASE_URL is set, else in-process. */
export async function createEventBus(databaseUrl: string | undefined): Promise<EventBus> {
  return databaseUrl ? PostgresEventBus.connect(databaseUrl) : new LocalEventBus();
}
