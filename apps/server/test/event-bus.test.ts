// Push fan-out: with PostgreSQL, an event published by one server instance reaches the sockets of
// every other instance through LISTEN/NOTIFY; with the embedded database it stays in process.
import { afterAll, describe, expect, it } from 'vitest';
import { LocalEventBus, PostgresEventBus, type EventBus } from '../src/push/event-bus.ts';
import { backends, type TestDatabase } from './support/databases.ts';

const postgres = (await backends()).find((b) => b.name === 'postgres');

function nextEvent(bus: EventBus, topic: `facility:${string}`): Promise<unknown> {
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
    bus.subscribe('facility:b', (e) => other.push(e));
    const arrived = nextEvent(bus, 'facility:a');
    await bus.publish('facility:a', { type: 'visit', n: 1 });
    expect(await arrived).toEqual({ type: 'visit', n: 1 });
    expect(other).toEqual([]);
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
      const onB = nextEvent(b, 'facility:shared');
      const onA = nextEvent(a, 'facility:shared');
      await a.publish('facility:shared', { type: 'lobby', entry: { id: 'x' } });
      expect(await onB).toEqual({ type: 'lobby', entry: { id: 'x' } });
      expect(await onA).toEqual({ type: 'lobby', entry: { id: 'x' } });
    });
  });
});
