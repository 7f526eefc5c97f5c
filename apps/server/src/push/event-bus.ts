// The push fan-out: domain modules publish events on topics (a facility's staff pages, one
// visitor's waiting room); sockets subscribe. With PostgreSQL, events cross server instances via
// LISTEN/NOTIFY; with the embedded database there is one instance and they stay in process.
import { EventEmitter } from 'node:events';
import pg from 'pg';

export type Topic = `facility:${string}` | `lobby:${string}` | 'rollout';

export interface EventBus {
  publish(topic: Topic, event: unknown): Promise<void>;
  /** Calls `handler` for every event on `topic`; returns the unsubscribe function. */
  subscribe(topic: Topic, handler: (event: unknown) => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'openconnect_events';

/** An in-process bus, for a single instance. */
export class LocalEventBus implements EventBus {
  protected readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  async publish(topic: Topic, event: unknown): Promise<void> {
    this.deliver(topic, event);
  }

  protected deliver(topic: string, event: unknown): void {
    this.emitter.emit(topic, event);
  }

  subscribe(topic: Topic, handler: (event: unknown) => void): () => void {
    this.emitter.on(topic, handler);
    return () => this.emitter.off(topic, handler);
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

  override async publish(topic: Topic, event: unknown): Promise<void> {
    // NOTIFY payloads are limited to 8000 bytes: events carry ids and states, never credentials.
    await this.pool.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify({ topic, event })]);
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
