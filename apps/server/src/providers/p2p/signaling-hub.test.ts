// The hub over a real embedded database and the in-process bus: one instance's behaviour.
// (Several instances over PostgreSQL: apps/server/test/multi-instance.test.ts.)
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { P2PServerMessage } from '@openconnect/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { topics } from '@openconnect/contracts';
import { LocalEventBus } from '../../push/event-bus.ts';
import { openDatabase, type DatabaseHandle } from '../../storage/db.ts';
import { P2PCloseCode } from './protocol.ts';
import { SignalingHub, type SignalingConnection, type SignalingSession } from './signaling-hub.ts';
import { P2PRoomStore } from './room-store.ts';
import { SignalingTokens } from './tokens.ts';

const tokens = new SignalingTokens('a-test-secret-that-is-long-enough-0123', 600);

class FakeConnection implements SignalingConnection {
  readonly received: P2PServerMessage[] = [];
  closedWith: { code: number; reason: string } | undefined;
  terminated = false;
  pings = 0;
  session!: SignalingSession;
  send(text: string) {
    this.received.push(JSON.parse(text) as P2PServerMessage);
  }
  close(code: number, reason: string) {
    this.closedWith = { code, reason };
  }
  ping() {
    this.pings += 1;
  }
  terminate() {
    this.terminated = true;
  }
  say(message: unknown) {
    this.session.message(typeof message === 'string' ? message : JSON.stringify(message), false);
  }
  last() {
    return this.received.at(-1);
  }
  /** Waits (boundedly) until the join was answered: welcomed or closed. */
  async settled(): Promise<this> {
    for (
      let i = 0;
      i < 200 && !this.closedWith && !this.received.some((m) => m.type === 'welcome');
      i += 1
    )
      await new Promise((r) => setTimeout(r, 5));
    return this;
  }
}

let dir: string;
let database: DatabaseHandle;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'openconnect-hub-'));
  database = await openDatabase({ dataDir: dir });
}, 60_000);
afterAll(async () => {
  await database.close();
  await fs.rm(dir, { recursive: true, force: true });
});

const hubs: SignalingHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((h) => h.close()));
});

function newHub(heartbeatIntervalMs = 60_000, bus = new LocalEventBus()) {
  const hub = new SignalingHub({
    tokens,
    store: new P2PRoomStore(database.db, 60_000),
    bus,
    heartbeatIntervalMs,
  });
  hubs.push(hub);
  return hub;
}

/** A hub with one fresh room (rooms are unique per test: the database is shared). */
async function setup(options: { max?: number; bus?: LocalEventBus } = {}) {
  const hub = newHub(60_000, options.bus);
  const room = `room-${randomUUID()}`;
  await hub.createRoom(room, options.max ?? 4);
  const connect = async (identity: string, inRoom = room, role: 'host' | 'visitor' = 'visitor') => {
    const issued = tokens.issue({ room: inRoom, identity, role, name: identity.toUpperCase() });
    await hub.reserve(inRoom, issued.claims.identity);
    return joinWith(hub, inRoom, issued.token);
  };
  return { hub, room, connect };
}

async function joinWith(hub: SignalingHub, room: string, token: string) {
  const conn = new FakeConnection();
  conn.session = hub.attach(conn);
  conn.say({ type: 'join', version: 1, room, token });
  return conn.settled();
}

describe('SignalingHub', () => {
  it('welcomes a member with the peers already there and tells them about the newcomer', async () => {
    const { connect } = await setup();
    const a = await connect('a');
    const b = await connect('b');
    expect(a.received[0]).toMatchObject({
      type: 'welcome',
      self: { identity: 'a', name: 'A' },
      peers: [],
    });
    expect(b.last()).toMatchObject({ type: 'welcome', peers: [{ identity: 'a' }] });
    expect(a.last()).toEqual({
      type: 'peer-joined',
      peer: { identity: 'b', name: 'B', role: 'visitor' },
    });
  });

  it('relays a signal only to the member it is addressed to, naming the sender', async () => {
    const { connect } = await setup();
    const a = await connect('a');
    const b = await connect('b');
    const c = await connect('c');
    const before = c.received.length;
    a.say({ type: 'signal', to: 'b', data: { description: { type: 'offer', sdp: 'v=0' } } });
    expect(b.last()).toEqual({
      type: 'signal',
      from: 'a',
      data: { description: { type: 'offer', sdp: 'v=0' } },
    });
    expect(c.received.length).toBe(before);
  });

  it('answers a signal to someone outside the room with an error and keeps the socket', async () => {
    const { hub, connect } = await setup();
    const other = `room-${randomUUID()}`;
    await hub.createRoom(other, 4);
    const a = await connect('a');
    await connect('z', other);
    a.say({ type: 'signal', to: 'z', data: { candidate: null } });
    expect(a.last()).toMatchObject({ type: 'error', code: 'PEER_NOT_FOUND' });
    expect(a.closedWith).toBeUndefined();
  });

  it('closes a socket that sends garbage, and only that one', async () => {
    const { connect } = await setup();
    const a = await connect('a');
    const b = await connect('b');
    a.say('not json at all');
    expect(a.closedWith?.code).toBe(P2PCloseCode.PROTOCOL_ERROR);
    expect(b.closedWith).toBeUndefined();
    expect(b.last()).toEqual({ type: 'peer-left', identity: 'a', reason: 'disconnected' });
  });

  it('requires join as the first message', async () => {
    const { hub } = await setup();
    const conn = new FakeConnection();
    conn.session = hub.attach(conn);
    conn.say({ type: 'ping' });
    expect(conn.closedWith?.code).toBe(P2PCloseCode.PROTOCOL_ERROR);
  });

  it('refuses a token for another room with WRONG_ROOM', async () => {
    const { hub, room } = await setup();
    const { token } = tokens.issue({ room: 'room-2', identity: 'a', role: 'visitor', name: 'A' });
    const conn = await joinWith(hub, room, token);
    expect(conn.closedWith?.code).toBe(P2PCloseCode.WRONG_ROOM);
  });

  it('refuses a token whose name holds control or text-direction characters, before welcome', async () => {
    // Room for everyone: each refused join still holds its reservation until it runs out.
    const { hub, room, connect } = await setup({ max: 10 });
    const a = await connect('a');
    const names = ['Ann\u0000', 'Ann\u0085', '\u202eevil', 'x\u2066y', '\u200b\u200b', 'Ann\nB'];
    for (const [i, name] of names.entries()) {
      const identity = `bad-${i}`;
      const issued = tokens.issue({ room, identity, role: 'visitor', name });
      await hub.reserve(room, issued.claims.identity);
      const conn = await joinWith(hub, room, issued.token);
      expect(conn.closedWith, JSON.stringify(name)).toMatchObject({
        code: P2PCloseCode.TOKEN_INVALID,
        reason: 'name is not displayable',
      });
      expect(conn.received.some((m) => m.type === 'welcome')).toBe(false);
    }
    // Nobody already in the room heard of them.
    expect(a.received.filter((m) => m.type === 'peer-joined')).toEqual([]);
    // A readable name in any script still gets in.
    const issued = tokens.issue({ room, identity: 'ok', role: 'visitor', name: 'Zoë علي' });
    await hub.reserve(room, issued.claims.identity);
    expect((await joinWith(hub, room, issued.token)).received[0]).toMatchObject({
      type: 'welcome',
      self: { name: 'Zoë علي' },
    });
  });

  it('refuses a socket beyond the room capacity', async () => {
    const { hub, room, connect } = await setup({ max: 2 });
    await connect('a');
    await connect('b');
    // Signed, but issued past the seat check (as a stale token would be): the join checks again.
    const { token } = tokens.issue({ room, identity: 'c', role: 'visitor', name: 'C' });
    await database.db
      .withTables<{
        p2p_seats: { room_id: string; identity: string; generation: number };
      }>()
      .insertInto('p2p_seats')
      .values({ room_id: room, identity: 'c', generation: 0 })
      .execute();
    const c = await joinWith(hub, room, token);
    expect(c.closedWith?.code).toBe(P2PCloseCode.ROOM_FULL);
  });

  it('counts outstanding reservations against capacity', async () => {
    const { hub, room, connect } = await setup({ max: 2 });
    await connect('a');
    const reserve = (identity: string) => hub.reserve(room, identity);
    expect(await reserve('b')).toEqual({ ok: true, seat: 0 });
    expect(await reserve('b')).toEqual({ ok: true, seat: 0 });
    expect(await reserve('c')).toEqual({ ok: false, reason: 'room-full' });
  });

  it('kicks at once, tells the others, and refuses the kicked token afterwards, also after a restart', async () => {
    const { hub, room } = await setup();
    const issued = tokens.issue({ room, identity: 'a', role: 'visitor', name: 'A' });
    await hub.reserve(room, issued.claims.identity);
    const a = await joinWith(hub, room, issued.token);
    const forB = tokens.issue({ room, identity: 'b', role: 'host', name: 'B' });
    await hub.reserve(room, forB.claims.identity);
    const b = await joinWith(hub, room, forB.token);

    expect(await hub.kick(room, 'a')).toBe(true);
    expect(a.closedWith?.code).toBe(P2PCloseCode.KICKED);
    expect(b.last()).toEqual({ type: 'peer-left', identity: 'a', reason: 'kicked' });

    const again = await joinWith(hub, room, issued.token);
    expect(again.closedWith?.code).toBe(P2PCloseCode.KICKED);
    expect(await hub.kick(room, 'a')).toBe(false);

    // The revocation is in the database, not in this hub's memory.
    await hub.close();
    const restarted = newHub();
    const afterRestart = await joinWith(restarted, room, issued.token);
    expect(afterRestart.closedWith?.code).toBe(P2PCloseCode.KICKED);
    // Refused before welcome: the removed visitor never learns who is in the room.
    expect(afterRestart.received).toEqual([]);
  });

  it('answers credentials asked again from the seat it reserved, until a removal anywhere', async () => {
    const bus = new LocalEventBus();
    const { hub, room } = await setup({ bus });
    const store = new P2PRoomStore(database.db, 60_000);
    const other = new SignalingHub({ tokens, store, bus, heartbeatIntervalMs: 60_000 });
    hubs.push(other);
    await other.createRoom(room, 4);
    const reads = vi.spyOn(store, 'reserve');
    expect(await other.reserve(room, 'a')).toEqual({ ok: true, seat: 0 });
    expect(await other.reserve(room, 'a')).toEqual({ ok: true, seat: 0 });
    expect(reads).toHaveBeenCalledTimes(1);
    // Removed on the first instance: every instance hears it and asks the database again, which
    // holds the seat's next generation (tokens of the old one are refused at admission).
    expect(await hub.kick(room, 'a')).toBe(true);
    expect(await other.reserve(room, 'a')).toEqual({ ok: true, seat: 1 });
    expect(reads).toHaveBeenCalledTimes(2);
    // A closure forgets the room's seats too.
    await hub.closeRoom(room);
    expect(await other.reserve(room, 'a')).toEqual({ ok: false, reason: 'room-not-found' });
    expect(reads).toHaveBeenCalledTimes(3);
  });

  it('reads the seat again once its reservation has lapsed', async () => {
    let now = Date.now();
    const store = new P2PRoomStore(database.db, 60_000);
    const hub = new SignalingHub({
      tokens,
      store,
      bus: new LocalEventBus(),
      heartbeatIntervalMs: 60_000,
      reservationMs: 1_000,
      now: () => now,
    });
    hubs.push(hub);
    const room = `room-${randomUUID()}`;
    await hub.createRoom(room, 4);
    const reads = vi.spyOn(store, 'reserve');
    await hub.reserve(room, 'a');
    now += 500;
    await hub.reserve(room, 'a');
    expect(reads).toHaveBeenCalledTimes(1);
    now += 600;
    await hub.reserve(room, 'a');
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('removes a member kicked on another instance while its bus was down, once it resyncs', async () => {
    const bus = new LocalEventBus();
    const { room, connect } = await setup({ bus });
    const a = await connect('a');
    const b = await connect('b');
    // Another instance with a bus of its own: this hub never hears its kick event.
    const elsewhere = newHub();
    expect(await elsewhere.kick(room, 'a')).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(a.closedWith).toBeUndefined();

    // The bus is back and says events may have been missed.
    await bus.publish(topics.resync(), { type: 'resync', downForMs: 5_000 });
    for (let i = 0; i < 200 && !a.closedWith; i += 1) await new Promise((r) => setTimeout(r, 5));
    expect(a.closedWith?.code).toBe(P2PCloseCode.KICKED);
    expect(b.last()).toEqual({ type: 'peer-left', identity: 'a', reason: 'kicked' });
    expect(b.closedWith).toBeUndefined();
  });

  it('replaces an older socket of the same identity and announces the reconnection', async () => {
    const { connect } = await setup();
    const a1 = await connect('a');
    const b = await connect('b');
    const a2 = await connect('a');
    expect(a1.closedWith?.code).toBe(P2PCloseCode.REPLACED);
    expect(a2.last()).toMatchObject({ type: 'welcome', peers: [{ identity: 'b' }] });
    expect(b.received.slice(-2)).toEqual([
      { type: 'peer-left', identity: 'a', reason: 'reconnected' },
      { type: 'peer-joined', peer: { identity: 'a', name: 'A', role: 'visitor' } },
    ]);
  });

  it('closes a socket that floods messages with RATE_LIMITED', async () => {
    const { connect } = await setup();
    const a = await connect('a');
    for (let i = 0; i < 150 && !a.closedWith; i += 1) a.say({ type: 'ping' });
    expect(a.closedWith?.code).toBe(P2PCloseCode.RATE_LIMITED);
  });

  it('closes everyone with ROOM_CLOSED when the room closes and forgets the room', async () => {
    const { hub, room, connect } = await setup();
    const a = await connect('a');
    await hub.closeRoom(room);
    expect(a.closedWith?.code).toBe(P2PCloseCode.ROOM_CLOSED);
    expect(await hub.hasRoom(room)).toBe(false);
    const b = new FakeConnection();
    b.session = hub.attach(b);
    const { token } = tokens.issue({ room, identity: 'b', role: 'visitor', name: 'B' });
    b.say({ type: 'join', version: 1, room, token });
    expect((await b.settled()).closedWith?.code).toBe(P2PCloseCode.ROOM_NOT_FOUND);
  });

  it('drops a member that missed a heartbeat and tells the others', async () => {
    // The heartbeat's clock is the test's: one member answers every ping, the other never does.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const hub = newHub(1_000);
      const room = `room-${randomUUID()}`;
      await hub.createRoom(room, 4);
      const join = async (identity: string) => {
        const issued = tokens.issue({ room, identity, role: 'visitor', name: identity });
        await hub.reserve(room, issued.claims.identity);
        return joinWith(hub, room, issued.token);
      };
      const silent = await join('silent');
      const lively = await join('lively');
      vi.advanceTimersByTime(1_000); // a ping to each
      expect([silent.pings, lively.pings]).toEqual([1, 1]);
      lively.session.pong();
      vi.advanceTimersByTime(1_000); // the silent one missed its pong
      expect(silent.terminated).toBe(true);
      expect(lively.terminated).toBe(false);
      await expect
        .poll(() => lively.received)
        .toContainEqual({ type: 'peer-left', identity: 'silent', reason: 'disconnected' });
    } finally {
      vi.useRealTimers();
    }
  });
});
