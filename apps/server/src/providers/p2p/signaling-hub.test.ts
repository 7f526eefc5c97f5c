import type { P2PServerMessage } from '@openconnect/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { P2PCloseCode } from './protocol.ts';
import { SignalingHub, type SignalingConnection, type SignalingSession } from './signaling-hub.ts';
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
}

const hubs: SignalingHub[] = [];
afterEach(() => hubs.splice(0).forEach((h) => h.close()));

function setup(options: { max?: number } = {}) {
  const hub = new SignalingHub({ tokens, heartbeatIntervalMs: 60_000 });
  hubs.push(hub);
  hub.createRoom('room-1', options.max ?? 4);
  const connect = (identity: string, room = 'room-1', role: 'host' | 'visitor' = 'visitor') => {
    const issued = tokens.issue({ room, identity, role, name: identity.toUpperCase() });
    hub.reserve(room, issued.claims);
    const conn = new FakeConnection();
    conn.session = hub.attach(conn);
    conn.say({ type: 'join', version: 1, room, token: issued.token });
    return conn;
  };
  return { hub, connect };
}

describe('SignalingHub', () => {
  it('welcomes a member with the peers already there and tells them about the newcomer', () => {
    const { connect } = setup();
    const a = connect('a');
    const b = connect('b');
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

  it('relays a signal only to the member it is addressed to, naming the sender', () => {
    const { connect } = setup();
    const a = connect('a');
    const b = connect('b');
    const c = connect('c');
    const before = c.received.length;
    a.say({ type: 'signal', to: 'b', data: { description: { type: 'offer', sdp: 'v=0' } } });
    expect(b.last()).toEqual({
      type: 'signal',
      from: 'a',
      data: { description: { type: 'offer', sdp: 'v=0' } },
    });
    expect(c.received.length).toBe(before);
  });

  it('answers a signal to someone outside the room with an error and keeps the socket', () => {
    const { hub, connect } = setup();
    hub.createRoom('room-2', 4);
    const a = connect('a');
    connect('z', 'room-2');
    a.say({ type: 'signal', to: 'z', data: { candidate: null } });
    expect(a.last()).toMatchObject({ type: 'error', code: 'PEER_NOT_FOUND' });
    expect(a.closedWith).toBeUndefined();
  });

  it('closes a socket that sends garbage, and only that one', () => {
    const { connect } = setup();
    const a = connect('a');
    const b = connect('b');
    a.say('not json at all');
    expect(a.closedWith?.code).toBe(P2PCloseCode.PROTOCOL_ERROR);
    expect(b.closedWith).toBeUndefined();
    expect(b.last()).toEqual({ type: 'peer-left', identity: 'a', reason: 'disconnected' });
  });

  it('requires join as the first message', () => {
    const { hub } = setup();
    const conn = new FakeConnection();
    conn.session = hub.attach(conn);
    conn.say({ type: 'ping' });
    expect(conn.closedWith?.code).toBe(P2PCloseCode.PROTOCOL_ERROR);
  });

  it('refuses a token for another room with WRONG_ROOM', () => {
    const { hub } = setup();
    hub.createRoom('room-2', 4);
    const { token } = tokens.issue({ room: 'room-2', identity: 'a', role: 'visitor', name: 'A' });
    const conn = new FakeConnection();
    conn.session = hub.attach(conn);
    conn.say({ type: 'join', version: 1, room: 'room-1', token });
    expect(conn.closedWith?.code).toBe(P2PCloseCode.WRONG_ROOM);
  });

  it('refuses a socket beyond the room capacity', () => {
    const { connect } = setup({ max: 2 });
    connect('a');
    connect('b');
    const c = connect('c');
    expect(c.closedWith?.code).toBe(P2PCloseCode.ROOM_FULL);
  });

  it('counts outstanding reservations against capacity', () => {
    const { hub, connect } = setup({ max: 2 });
    connect('a');
    const reserve = (identity: string) =>
      hub.reserve(
        'room-1',
        tokens.issue({ room: 'room-1', identity, role: 'visitor', name: identity }).claims,
      );
    expect(reserve('b')).toBe('reserved');
    expect(reserve('b')).toBe('reserved');
    expect(reserve('c')).toBe('room-full');
  });

  it('kicks at once, tells the others, and refuses the kicked token afterwards', () => {
    const { hub } = setup();
    const issued = tokens.issue({ room: 'room-1', identity: 'a', role: 'visitor', name: 'A' });
    hub.reserve('room-1', issued.claims);
    const a = new FakeConnection();
    a.session = hub.attach(a);
    a.say({ type: 'join', version: 1, room: 'room-1', token: issued.token });
    const b = new FakeConnection();
    b.session = hub.attach(b);
    const forB = tokens.issue({ room: 'room-1', identity: 'b', role: 'host', name: 'B' });
    hub.reserve('room-1', forB.claims);
    b.say({ type: 'join', version: 1, room: 'room-1', token: forB.token });

    expect(hub.kick('room-1', 'a')).toBe(true);
    expect(a.closedWith?.code).toBe(P2PCloseCode.KICKED);
    expect(b.last()).toEqual({ type: 'peer-left', identity: 'a', reason: 'kicked' });

    const again = new FakeConnection();
    again.session = hub.attach(again);
    again.say({ type: 'join', version: 1, room: 'room-1', token: issued.token });
    expect(again.closedWith?.code).toBe(P2PCloseCode.KICKED);
    expect(hub.kick('room-1', 'a')).toBe(false);
  });

  it('replaces an older socket of the same identity and announces the reconnection', () => {
    const { connect } = setup();
    const a1 = connect('a');
    const b = connect('b');
    const a2 = connect('a');
    expect(a1.closedWith?.code).toBe(P2PCloseCode.REPLACED);
    expect(a2.last()).toMatchObject({ type: 'welcome', peers: [{ identity: 'b' }] });
    expect(b.received.slice(-2)).toEqual([
      { type: 'peer-left', identity: 'a', reason: 'reconnected' },
      { type: 'peer-joined', peer: { identity: 'a', name: 'A', role: 'visitor' } },
    ]);
  });

  it('closes a socket that floods messages with RATE_LIMITED', () => {
    const { connect } = setup();
    const a = connect('a');
    for (let i = 0; i < 150 && !a.closedWith; i += 1) a.say({ type: 'ping' });
    expect(a.closedWith?.code).toBe(P2PCloseCode.RATE_LIMITED);
  });

  it('closes everyone with ROOM_CLOSED when the room closes and forgets the room', () => {
    const { hub, connect } = setup();
    const a = connect('a');
    hub.closeRoom('room-1');
    expect(a.closedWith?.code).toBe(P2PCloseCode.ROOM_CLOSED);
    expect(hub.hasRoom('room-1')).toBe(false);
    expect(connect('b').closedWith?.code).toBe(P2PCloseCode.ROOM_NOT_FOUND);
  });

  it('drops a member that missed a heartbeat and tells the others', async () => {
    const hub = new SignalingHub({ tokens, heartbeatIntervalMs: 20 });
    hubs.push(hub);
    hub.createRoom('room-1', 4);
    const join = (identity: string) => {
      const issued = tokens.issue({ room: 'room-1', identity, role: 'visitor', name: identity });
      hub.reserve('room-1', issued.claims);
      const conn = new FakeConnection();
      conn.session = hub.attach(conn);
      conn.say({ type: 'join', version: 1, room: 'room-1', token: issued.token });
      return conn;
    };
    const silent = join('silent');
    const lively = join('lively');
    const answering = setInterval(() => lively.session.pong(), 5);
    try {
      await new Promise((r) => setTimeout(r, 120));
    } finally {
      clearInterval(answering);
    }
    expect(silent.terminated).toBe(true);
    expect(lively.terminated).toBe(false);
    expect(lively.received).toContainEqual({
      type: 'peer-left',
      identity: 'silent',
      reason: 'disconnected',
    });
  });
});
