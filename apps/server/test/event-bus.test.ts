// Push fan-out: with PostgreSQL, an event published by one server instance reaches the sockets of
// every other instance through LISTEN/NOTIFY; with the embedded database it stays in process.
import { topics, type StaffEvent, type Topic } from '@openconnect/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { LocalEventBus, PostgresEventBus, type EventBus } from '../src/push/event-bus.ts';
import { backends, type TestDatabase } from './support/databases.ts';
import { eventually } from './support/eventually.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config/load.ts';
import { closeServerContext, createServerContext } from '../src/server-context.ts';

const postgres = (await backends()).find((b) => b.name === 'postgres');

function nextEvent(bus: EventBus, topic: Topic<'facility'>): Promise<StaffEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no event arrived')), 5_000);
    const stop = bus.subscribe(topic, (event) => {
      clearTimeout(timer);
      stop();
      resolve(event);
    });
  });
}

describe('event bus', () => {
  it('delivers in process to subscribers of the topic only', async () => {
    const bus = new LocalEventBus();
    const other: unknown[] = [];
    bus.subscribe(topics.facility('b'), (e) => other.push(e));
    const lobbyOfA: unknown[] = [];
    bus.subscribe(topics.lobby('a'), (e) => lobbyOfA.push(e));
    const arrived = nextEvent(bus, topics.facility('a'));
    const event: StaffEvent = { type: 'participants', visitId: 'v1' };
    await bus.publish(topics.facility('a'), event);
    expect(await arrived).toEqual(event);
    expect(other).toEqual([]);
    // Topics of different kinds never share a name, even for the same id.
    expect(lobbyOfA).toEqual([]);
    await bus.close();
  });

  describe.runIf(postgres)('across instances over PostgreSQL', () => {
    let database: TestDatabase;
    const buses: EventBus[] = [];
    afterAll(async () => {
      await Promise.all(buses.map((b) => b.close()));
      await database?.drop();
    });

    it('carries an event published on one instance to another', async () => {
      database = await postgres!.create();
      const url = database.env.DATABASE_URL!;
      const [a, b] = await Promise.all([
        PostgresEventBus.connect(url),
        PostgresEventBus.connect(url),
      ]);
      buses.push(a, b);
      const onB = nextEvent(b, topics.facility('shared'));
      const onA = nextEvent(a, topics.facility('shared'));
      const event: StaffEvent = { type: 'visit', visitId: 'v1', status: 'live' };
      await a.publish(topics.facility('shared'), event);
      expect(await onB).toEqual(event);
      expect(await onA).toEqual(event);
    });

    it('carries an event larger than NOTIFY allows, in parts', async () => {
      const url = database.env.DATABASE_URL!;
      const [a, b] = await Promise.all([
        PostgresEventBus.connect(url),
        PostgresEventBus.connect(url),
      ]);
      buses.push(a, b);
      const topic = topics.p2p('big-room');
      // An SDP offer with many candidates: over 8000 bytes, with characters JSON must escape.
      const sdp = `v=0\r\n${'a=candidate:"ü" 1 udp 2122260223 192.0.2.1 54400 typ host\r\n'.repeat(400)}`;
      const arrived = new Promise((resolve) => b.subscribe(topic, resolve));
      const event = {
        instance: 'a',
        type: 'signal' as const,
        from: 'x',
        to: 'y',
        data: { description: { type: 'offer' as const, sdp } },
      };
      await a.publish(topic, event);
      expect(await arrived).toEqual(event);
    });

    it('reconnects after losing its LISTEN connection and tells subscribers to resync', async () => {
      const url = database.env.DATABASE_URL!;
      const [a, b] = await Promise.all([
        PostgresEventBus.connect(url, { reconnectMs: 50 }),
        PostgresEventBus.connect(url),
      ]);
      buses.push(a, b);
      const statuses: boolean[] = [];
      a.onStatus((s) => statuses.push(s.up));
      const resynced = new Promise((resolve) => a.subscribe(topics.resync(), resolve));
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const pid = a.listenerPid();
        expect(pid).toBeTypeOf('number');
        await admin.query('select pg_terminate_backend($1)', [pid]);
      } finally {
        await admin.end();
      }
      await eventually(
        async () => statuses,
        (s) => s.includes(false),
        'the bus to say it is down',
      );
      expect(await resynced).toMatchObject({ type: 'resync' });
      expect(a.status().up).toBe(true);
      expect(statuses).toEqual([false, true]);
      // It hears the other instance again.
      const onA = nextEvent(a, topics.facility('after'));
      const event: StaffEvent = { type: 'participants', visitId: 'v2' };
      await b.publish(topics.facility('after'), event);
      expect(await onA).toEqual(event);
    });

    it('answers /readyz 503 while deaf, and 200 with events flowing once it is back', async () => {
      const url = database.env.DATABASE_URL!;
      const bus = await PostgresEventBus.connect(url, { reconnectMs: 400 });
      const other = await PostgresEventBus.connect(url);
      buses.push(bus, other);
      const config = loadConfig({ LOG_LEVEL: 'silent', FEATURE_LIVEKIT: 'false', ...database.env });
      const ctx = await createServerContext({ config, database: database.handle, bus });
      const app = await buildApp(ctx);
      try {
        expect((await app.inject('/readyz')).statusCode).toBe(200);
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin
          .query('select pg_terminate_backend($1)', [bus.listenerPid()])
          .finally(() => admin.end());
        const down = await eventually(
          () => app.inject('/readyz'),
          (r) => r.statusCode === 503,
          '/readyz to fail',
        );
        expect(down.json()).toMatchObject({
          checks: expect.arrayContaining([
            expect.objectContaining({ name: 'event-bus', ok: false }),
          ]),
        });
        const scraped = await app.inject('/metrics');
        expect(scraped.body).toMatch(/openconnect_event_bus_up 0/);
        expect(scraped.body).toMatch(/openconnect_event_bus_disconnects_total 1/);
        await eventually(
          () => app.inject('/readyz'),
          (r) => r.statusCode === 200,
          '/readyz to recover',
        );
        const onBus = nextEvent(bus, topics.facility('recovered'));
        const event: StaffEvent = { type: 'participants', visitId: 'v3' };
        await other.publish(topics.facility('recovered'), event);
        expect(await onBus).toEqual(event);
      } finally {
        await app.close();
        await closeServerContext(ctx);
      }
    });
  });
});
