// Push fan-out: with PostgreSQL, an event published by one server instance reaches the sockets of
// every other instance through LISTEN/NOTIFY; with the embedded database it stays in process.
import { topics, type StaffEvent, type Topic } from '@openconnect/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalEventBus, PostgresEventBus, type EventBus } from '../src/push/event-bus.ts';
import { backends, type TestDatabase } from './support/databases.ts';

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
  });
});
