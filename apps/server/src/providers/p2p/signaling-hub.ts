// SignalingHub: p2p signaling for the sockets on this server instance — joins, the relay of
// offers, answers and ICE candidates, heartbeats — over state shared by every instance: rooms,
// seats, tokens and members live in the database (P2PRoomStore), and what happens on one
// instance reaches the others on the room's bus topic (`topics.p2p(roomId)`): joins, departures,
// kicks, the room's end, and signals for a member whose socket is elsewhere. Pure logic over an
// abstract connection, no HTTP: the Fastify route adapts WebSockets to it.
import { randomUUID } from 'node:crypto';
import {
  DisplayName,
  topics,
  type P2PLeaveReason,
  type P2PPeer,
  type P2PRoomEvent,
  type P2PServerMessage,
} from '@openconnect/contracts';
import type { EventBus } from '../../push/event-bus.ts';
import {
  P2PCloseCode,
  P2P_MAX_MESSAGE_BYTES,
  encodeServerMessage,
  parseClientFrame,
  signalingLimits,
} from './protocol.ts';
import type { P2PRoomStore, ReserveResult, StoredMember } from './room-store.ts';
import {
  Session,
  type HubMember,
  type SessionOwner,
  type SignalingConnection,
  type SignalingSession,
} from './session.ts';
import type { SignalingTokens } from './tokens.ts';

export type { HubMember, ReserveResult, SignalingConnection, SignalingSession };

export interface SignalingHubOptions {
  tokens: SignalingTokens;
  store: P2PRoomStore;
  bus: Pick<EventBus, 'publish' | 'subscribe'>;
  heartbeatIntervalMs: number;
  authTimeoutMs?: number;
  reservationMs?: number;
  maxMessagesPerSecond?: number;
  now?: () => number;
  /** Told when a member is seated and when one leaves for good (not when replaced by itself). */
  onPresence?: (event: {
    roomId: string;
    identity: string;
    kind: 'joined' | 'left';
    at: Date;
  }) => void;
  /** Told when shared state or the bus failed in the background (the hub carries on). */
  onError?: (error: unknown) => void;
}

interface Member extends HubMember {
  session: Session;
}

/** A room as this instance follows it: while it has local members or joins under way. */
interface LocalRoom {
  readonly roomId: string;
  readonly members: Map<string, Member>;
  /** Members connected to other instances: identity → their session and who they are. */
  readonly remote: Map<string, { session: string; peer: P2PPeer }>;
  joining: number;
  readonly unsubscribe: () => void;
}

/** A member's name as peers will see it: the display-name rule of the HTTP edge. */
const SignalingName = DisplayName({ max: 120 });
/** How many rooms an instance remembers as existing (createRoom). */
const KNOWN_ROOMS = 10_000;

export class SignalingHub implements SessionOwner {
  /** This instance's name on the room topics and in the member rows. */
  readonly instance = randomUUID();
  private readonly rooms = new Map<string, LocalRoom>();
  private readonly sessions = new Set<Session>();
  /** Sessions whose join was under way when a kick or the room's end arrived. */
  private readonly refused = new WeakMap<Session, P2PCloseCode>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly stopResync: () => void;
  private readonly stopClosures: () => void;
  /** Rooms known to exist, with their capacity (see createRoom). */
  private readonly knownRooms = new Map<string, number>();
  /** Seats this instance knows reserved, by room and identity, with the reservation's end. */
  private readonly reservedSeats = new Map<string, Map<string, { seat: number; until: number }>>();
  private readonly now: () => number;
  private readonly authTimeoutMs: number;
  private readonly reservationMs: number;
  private readonly maxMessagesPerSecond: number;
  private closing = false;

  constructor(private readonly options: SignalingHubOptions) {
    this.now = options.now ?? Date.now;
    this.authTimeoutMs = options.authTimeoutMs ?? signalingLimits.authTimeoutMs;
    this.reservationMs = options.reservationMs ?? signalingLimits.reservationMs;
    this.maxMessagesPerSecond =
      options.maxMessagesPerSecond ?? signalingLimits.maxMessagesPerSecond;
    this.heartbeat = setInterval(() => this.tick(), options.heartbeatIntervalMs);
    this.heartbeat.unref();
    // After the bus was deaf, the picture of who is connected elsewhere is re-read.
    this.stopResync = options.bus.subscribe(topics.resync(), () => {
      // A closure or a removal may have been missed: rooms and seats are read again next time.
      this.knownRooms.clear();
      this.reservedSeats.clear();
      for (const room of this.rooms.values()) this.run(this.resyncRoom(room));
    });
    this.stopClosures = options.bus.subscribe(topics.p2pRooms(), (event) => {
      if (event.type === 'kicked') {
        this.reservedSeats.get(event.roomId)?.delete(event.identity);
        return;
      }
      this.knownRooms.delete(event.roomId);
      this.reservedSeats.delete(event.roomId);
    });
  }

  /**
   * Records a room (idempotent); returns its capacity. A room this instance made or found already
   * costs no statement: every instance forgets a room when it is closed anywhere (and forgets
   * them all after the bus missed events).
   */
  async createRoom(roomId: string, maxParticipants: number): Promise<{ maxParticipants: number }> {
    const known = this.knownRooms.get(roomId);
    if (known !== undefined) return { maxParticipants: known };
    const capacity = await this.options.store.createRoom(roomId, maxParticipants);
    // Bounded: the oldest go first (a Map iterates in insertion order).
    if (this.knownRooms.size >= KNOWN_ROOMS) {
      const oldest = this.knownRooms.keys().next();
      if (!oldest.done) this.knownRooms.delete(oldest.value);
    }
    this.knownRooms.set(roomId, capacity);
    return { maxParticipants: capacity };
  }

  hasRoom(roomId: string): Promise<boolean> {
    return this.options.store.hasRoom(roomId);
  }

  /**
   * Holds a seat for `identity` until it connects (or the reservation lapses); the seat's
   * generation goes into the tokens issued for it.
   */
  async reserve(roomId: string, identity: string): Promise<ReserveResult> {
    // Credentials asked again while this instance's reservation lasts cost no statement. Should
    // the seat have been taken back elsewhere meanwhile (its removal reaches every instance over
    // the bus, a closure too), admission still checks the seat's generation and the room's
    // capacity in the database: a token from a stale answer seats no one.
    const known = this.reservedSeats.get(roomId)?.get(identity);
    if (known && known.until > this.now()) return { ok: true, seat: known.seat };
    const result = await this.options.store.reserve(
      roomId,
      identity,
      new Date(this.now() + this.reservationMs),
    );
    if (!result.ok) return result;
    if (result.reservedUntil)
      this.rememberSeat(roomId, identity, result.seat, result.reservedUntil.getTime());
    return { ok: true, seat: result.seat };
  }

  /** Keeps a reservation in memory; bounded like the rooms, the room least recently added first. */
  private rememberSeat(roomId: string, identity: string, seat: number, until: number): void {
    let seats = this.reservedSeats.get(roomId);
    if (!seats) {
      if (this.reservedSeats.size >= KNOWN_ROOMS) {
        const oldest = this.reservedSeats.keys().next();
        if (!oldest.done) this.reservedSeats.delete(oldest.value);
      }
      seats = new Map();
      this.reservedSeats.set(roomId, seats);
    }
    // Lapsed reservations of the room go as a new one comes.
    const now = this.now();
    for (const [who, held] of seats) if (held.until <= now) seats.delete(who);
    seats.set(identity, { seat, until });
  }

  /** Connected members of a room on every instance, or undefined when the room is unknown. */
  async members(roomId: string): Promise<HubMember[] | undefined> {
    const members = await this.options.store.members(roomId);
    return members?.map(({ identity, name, role, joinedAt }) => ({
      identity,
      name,
      role,
      joinedAt,
    }));
  }

  /**
   * Removes `identity` from a room at once, wherever its socket is: revokes its tokens (in the
   * database, so it outlives restarts), closes its socket (KICKED) and tells the others.
   * False if it was neither connected nor holding a seat.
   */
  async kick(roomId: string, identity: string): Promise<boolean> {
    const found = await this.options.store.kick(roomId, identity);
    // After the generation moved on: a reserve that read the seat meanwhile is forgotten too.
    this.reservedSeats.get(roomId)?.delete(identity);
    if (found === undefined) return false;
    const here = this.kickHere(roomId, identity);
    await this.publish(roomId, { type: 'kick', identity });
    // Every instance, also those with nobody of the room connected, forgets the seat.
    await this.options.bus.publish(topics.p2pRooms(), { type: 'kicked', roomId, identity });
    return found || here;
  }

  /** Disconnects everyone on every instance (ROOM_CLOSED), revokes the room's tokens, forgets it. */
  async closeRoom(roomId: string): Promise<void> {
    this.knownRooms.delete(roomId);
    this.reservedSeats.delete(roomId);
    await this.options.store.closeRoom(roomId);
    this.closeHere(roomId);
    await this.publish(roomId, { type: 'closed' });
    await this.options.bus.publish(topics.p2pRooms(), { type: 'closed', roomId });
  }

  /** Starts tracking a new socket; it must send `join` within the auth timeout. */
  attach(conn: SignalingConnection): SignalingSession {
    const session = new Session(this, conn, this.authTimeoutMs);
    if (this.closing) {
      this.end(session, P2PCloseCode.SERVER_SHUTDOWN, 'server shutting down');
      return session;
    }
    this.sessions.add(session);
    return session;
  }

  /** Counts for health and metrics (this instance's share). */
  stats(): { rooms: number; connections: number } {
    return { rooms: this.rooms.size, connections: this.sessions.size };
  }

  /** Closes every socket (SERVER_SHUTDOWN), stops the timers and waits for pending writes. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    this.stopResync();
    this.stopClosures();
    for (const session of [...this.sessions])
      this.end(session, P2PCloseCode.SERVER_SHUTDOWN, 'server shutting down');
    await Promise.allSettled([...this.background]);
  }

  /** @internal */
  onAuthTimeout(session: Session): void {
    this.end(session, P2PCloseCode.AUTH_TIMEOUT, 'no join message in time');
  }

  /** @internal Handles one frame of a session. */
  onMessage(session: Session, data: string | Buffer, isBinary: boolean): void {
    if (session.state === 'closed') return;
    session.alive = true;
    const size = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.length;
    if (size > P2P_MAX_MESSAGE_BYTES)
      return this.end(session, P2PCloseCode.MESSAGE_TOO_LARGE, 'message too large');
    if (isBinary)
      return this.end(session, P2PCloseCode.PROTOCOL_ERROR, 'binary frames are not allowed');
    if (this.overRate(session))
      return this.end(session, P2PCloseCode.RATE_LIMITED, 'too many messages');
    if (session.state === 'joining') {
      session.queued.push({ data, isBinary });
      return;
    }
    const frame = parseClientFrame(typeof data === 'string' ? data : data.toString('utf8'));
    if (!frame.ok) return this.end(session, frame.code, frame.reason);
    const message = frame.message;

    if (session.state === 'pending') {
      if (message.type !== 'join')
        return this.end(session, P2PCloseCode.PROTOCOL_ERROR, 'the first message must be join');
      return this.run(this.join(session, message.room, message.token));
    }
    const member = session.member;
    const room = session.roomId ? this.rooms.get(session.roomId) : undefined;
    if (!member || !room) return;
    switch (message.type) {
      case 'join':
        return this.end(session, P2PCloseCode.PROTOCOL_ERROR, 'already joined');
      case 'ping':
        return this.send(session, { type: 'pong' });
      case 'leave':
        return this.end(session, 1000, 'left', 'left');
      case 'signal':
        return this.relay(session, room, member, message.to, message.data);
    }
  }

  /** @internal The transport closed the socket. */
  onClosed(session: Session): void {
    if (session.state === 'closed') return;
    this.detach(session, 'disconnected');
  }

  /**
   * Closes a session with a code and forgets it; members leaving are announced to the others with
   * `notify` (default: disconnected).
   */
  private end(
    session: Session,
    code: number,
    reason: string,
    notify: P2PLeaveReason = 'disconnected',
  ): void {
    if (session.state === 'closed') return;
    this.detach(session, notify);
    try {
      session.conn.close(code, reason);
    } catch {
      session.conn.terminate();
    }
  }

  private relay(
    session: Session,
    room: LocalRoom,
    member: Member | HubMember,
    to: string,
    data: Extract<P2PRoomEvent, { type: 'signal' }>['data'],
  ): void {
    const target = room.members.get(to);
    if (target && target.session !== session) {
      return this.send(target.session, { type: 'signal', from: member.identity, data });
    }
    if (room.remote.has(to)) {
      // The target's socket is on another instance: the signal goes over the room's topic.
      const event = { type: 'signal' as const, from: member.identity, to, data };
      this.run(
        this.publish(room.roomId, event).catch((error: unknown) => {
          this.send(session, {
            type: 'error',
            code: 'RELAY_FAILED',
            message: `could not reach ${to}; try again`,
          });
          throw error;
        }),
      );
      return;
    }
    this.send(session, {
      type: 'error',
      code: 'PEER_NOT_FOUND',
      message: `${to} is not in the room`,
    });
  }

  // Long by nature: every refusal and the replacement of a previous connection read in order.
  private async join(session: Session, roomId: string, token: string): Promise<void> {
    const check = this.options.tokens.verify(token);
    if (!check.ok) {
      return check.reason === 'expired'
        ? this.end(session, P2PCloseCode.TOKEN_EXPIRED, 'token expired')
        : this.end(session, P2PCloseCode.TOKEN_INVALID, 'token invalid');
    }
    const claims = check.claims;
    if (claims.room !== roomId)
      return this.end(session, P2PCloseCode.WRONG_ROOM, 'token is for another room');
    // The name is shown on every other member's screen: it meets the rule names meet at the HTTP
    // edge, whatever signed it (a name stored before that rule existed is refused here too).
    if (!SignalingName.safeParse(claims.name).success)
      return this.end(session, P2PCloseCode.TOKEN_INVALID, 'name is not displayable');
    clearTimeout(session.authTimer);
    session.state = 'joining';
    session.roomId = roomId;
    session.member = {
      identity: claims.identity,
      name: claims.name,
      role: claims.role,
      joinedAt: new Date(this.now()),
      seat: claims.seat ?? 0,
    };
    // Follow the room's topic before reading its members, so nothing said in between is missed.
    const room = this.follow(roomId);
    room.joining += 1;
    let admitted;
    try {
      admitted = await this.options.store.admit(claims, {
        session: session.id,
        instance: this.instance,
        joinedAt: session.member.joinedAt,
      });
    } catch (error) {
      // The database did not answer: the browser retries on this code.
      room.joining -= 1;
      this.release(room);
      this.end(session, P2PCloseCode.SERVER_SHUTDOWN, 'try again shortly');
      throw error;
    }
    room.joining -= 1;
    const refusedWith = this.refused.get(session);
    // The socket may have closed while the database decided.
    if (isClosed(session) || refusedWith !== undefined) {
      if (admitted.ok) this.run(this.options.store.leave(roomId, claims.identity, session.id));
      if (refusedWith !== undefined) this.end(session, refusedWith, 'removed from the visit');
      return this.release(room);
    }
    if (!admitted.ok) {
      session.roomId = undefined;
      this.release(room);
      if (admitted.reason === 'revoked')
        return this.end(session, P2PCloseCode.KICKED, 'removed from the visit');
      if (admitted.reason === 'room-full')
        return this.end(session, P2PCloseCode.ROOM_FULL, 'room is full');
      return this.end(session, P2PCloseCode.ROOM_NOT_FOUND, 'room not found');
    }
    const previous = room.members.get(claims.identity);
    if (previous) {
      this.end(previous.session, P2PCloseCode.REPLACED, 'connected again elsewhere', 'reconnected');
    } else if (admitted.previous || room.remote.has(claims.identity)) {
      room.remote.delete(claims.identity);
      this.tellMembers(room, {
        type: 'peer-left',
        identity: claims.identity,
        reason: 'reconnected',
      });
    }
    for (const other of admitted.peers) {
      if (other.instance !== this.instance && !room.remote.has(other.identity))
        room.remote.set(other.identity, { session: other.session, peer: peer(other) });
    }
    const member: Member = { ...session.member, session };
    const others = [
      ...[...room.members.values()].map(peer),
      ...[...room.remote.values()].map((r) => r.peer),
    ];
    this.tellMembers(room, { type: 'peer-joined', peer: peer(member) });
    room.members.set(member.identity, member);
    session.state = 'joined';
    this.run(this.publish(roomId, { type: 'joined', session: session.id, peer: peer(member) }));
    this.options.onPresence?.({
      roomId,
      identity: member.identity,
      kind: 'joined',
      at: member.joinedAt,
    });
    this.send(session, {
      type: 'welcome',
      self: peer(member),
      peers: others,
      maxParticipants: admitted.maxParticipants,
      heartbeatIntervalMs: this.options.heartbeatIntervalMs,
    });
    for (const frame of session.queued.splice(0))
      this.onMessage(session, frame.data, frame.isBinary);
  }

  /** What another instance said about a room this instance follows. */
  private onRoomEvent(room: LocalRoom, event: P2PRoomEvent): void {
    if (event.instance === this.instance) return;
    switch (event.type) {
      case 'joined': {
        const here = room.members.get(event.peer.identity);
        if (here)
          this.end(here.session, P2PCloseCode.REPLACED, 'connected again elsewhere', 'reconnected');
        const known = room.remote.get(event.peer.identity);
        if (known?.session === event.session) return;
        if (known)
          this.tellMembers(room, {
            type: 'peer-left',
            identity: event.peer.identity,
            reason: 'reconnected',
          });
        room.remote.set(event.peer.identity, { session: event.session, peer: event.peer });
        return this.tellMembers(room, { type: 'peer-joined', peer: event.peer });
      }
      case 'left':
        return this.remoteLeft(room, event.identity, event.session, event.reason);
      case 'kick':
        this.kickHere(room.roomId, event.identity);
        return;
      case 'closed':
        return this.closeHere(room.roomId);
      case 'signal': {
        const target = room.members.get(event.to);
        if (target)
          this.send(target.session, { type: 'signal', from: event.from, data: event.data });
        return;
      }
    }
  }

  private remoteLeft(
    room: LocalRoom,
    identity: string,
    session: string,
    reason: P2PLeaveReason,
  ): void {
    if (room.remote.get(identity)?.session !== session) return;
    room.remote.delete(identity);
    this.tellMembers(room, { type: 'peer-left', identity, reason });
  }

  /** Ends this instance's socket of `identity` (and a join of it under way); true if there was one. */
  private kickHere(roomId: string, identity: string): boolean {
    for (const session of this.sessions) {
      if (
        session.state === 'joining' &&
        session.roomId === roomId &&
        session.member?.identity === identity
      )
        this.refused.set(session, P2PCloseCode.KICKED);
    }
    const member = this.rooms.get(roomId)?.members.get(identity);
    if (member) this.end(member.session, P2PCloseCode.KICKED, 'removed from the visit', 'kicked');
    return member !== undefined;
  }

  private closeHere(roomId: string): void {
    const room = this.rooms.get(roomId);
    if (!room) return;
    for (const session of this.sessions) {
      if (session.state === 'joining' && session.roomId === roomId)
        this.refused.set(session, P2PCloseCode.ROOM_CLOSED);
    }
    room.remote.clear();
    for (const member of [...room.members.values()])
      this.end(member.session, P2PCloseCode.ROOM_CLOSED, 'the visit has ended');
  }

  /** The room this instance follows, subscribed to its topic on first use. */
  private follow(roomId: string): LocalRoom {
    const existing = this.rooms.get(roomId);
    if (existing) return existing;
    const room: LocalRoom = {
      roomId,
      members: new Map(),
      remote: new Map(),
      joining: 0,
      unsubscribe: this.options.bus.subscribe(topics.p2p(roomId), (event) =>
        this.onRoomEvent(room, event),
      ),
    };
    this.rooms.set(roomId, room);
    return room;
  }

  /** Stops following a room nobody here is in. */
  private release(room: LocalRoom): void {
    if (room.members.size > 0 || room.joining > 0) return;
    room.unsubscribe();
    if (this.rooms.get(room.roomId) === room) this.rooms.delete(room.roomId);
  }

  private detach(session: Session, notify: P2PLeaveReason): void {
    const wasJoined = session.state === 'joined';
    session.state = 'closed';
    clearTimeout(session.authTimer);
    this.sessions.delete(session);
    const room = session.roomId ? this.rooms.get(session.roomId) : undefined;
    const member = session.member;
    if (!wasJoined || !room || !member || room.members.get(member.identity)?.session !== session)
      return;
    room.members.delete(member.identity);
    this.tellMembers(room, { type: 'peer-left', identity: member.identity, reason: notify });
    this.run(this.options.store.leave(room.roomId, member.identity, session.id));
    this.run(
      this.publish(room.roomId, {
        type: 'left',
        session: session.id,
        identity: member.identity,
        reason: notify,
      }),
    );
    if (notify !== 'reconnected') {
      this.options.onPresence?.({
        roomId: room.roomId,
        identity: member.identity,
        kind: 'left',
        at: new Date(this.now()),
      });
    }
    this.release(room);
  }

  private tellMembers(room: LocalRoom, message: P2PServerMessage): void {
    for (const member of room.members.values()) this.send(member.session, message);
  }

  private send(session: Session, message: P2PServerMessage): void {
    if (session.state === 'closed') return;
    try {
      session.conn.send(encodeServerMessage(message));
    } catch {
      this.end(session, P2PCloseCode.PROTOCOL_ERROR, 'send failed');
    }
  }

  private publish(
    roomId: string,
    event: DistributiveOmit<P2PRoomEvent, 'instance'>,
  ): Promise<void> {
    return this.options.bus.publish(topics.p2p(roomId), {
      ...event,
      instance: this.instance,
    } as P2PRoomEvent);
  }

  /** Runs shared-state work in the background: awaited at close, failures reported. */
  private run(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => this.options.onError?.(error));
    this.background.add(tracked);
    void tracked.finally(() => this.background.delete(tracked));
  }

  /**
   * After the bus missed events: closes the room here if it was closed, removes members kicked
   * elsewhere meanwhile (their tokens are revoked), re-reads who is connected elsewhere, and tells
   * members the difference.
   */
  private async resyncRoom(room: LocalRoom): Promise<void> {
    const stored = await this.options.store.members(room.roomId);
    if (!stored) return this.closeHere(room.roomId);
    const kicked = await this.options.store.revoked(
      room.roomId,
      [...room.members.values()].map((m) => ({ identity: m.identity, seat: m.seat ?? 0 })),
    );
    for (const identity of kicked) this.kickHere(room.roomId, identity);
    const fresh = new Map(
      stored.filter((m) => m.instance !== this.instance).map((m) => [m.identity, m] as const),
    );
    for (const [identity, known] of [...room.remote]) {
      if (fresh.get(identity)?.session !== known.session)
        this.remoteLeft(room, identity, known.session, 'disconnected');
    }
    for (const [identity, m] of fresh) {
      if (room.remote.has(identity) || room.members.has(identity)) continue;
      room.remote.set(identity, { session: m.session, peer: peer(m) });
      this.tellMembers(room, { type: 'peer-joined', peer: peer(m) });
    }
  }

  private overRate(session: Session): boolean {
    const now = this.now();
    if (now - session.windowStart >= 1000) {
      session.windowStart = now;
      session.windowCount = 0;
    }
    session.windowCount += 1;
    return session.windowCount > this.maxMessagesPerSecond;
  }

  /** Heartbeat: drops sockets that missed a pong, pings the rest, refreshes this instance's rows. */
  private tick(): void {
    for (const session of [...this.sessions]) {
      if (!session.alive) {
        this.detach(session, 'disconnected');
        session.conn.terminate();
        continue;
      }
      session.alive = false;
      try {
        session.conn.ping();
      } catch {
        this.detach(session, 'disconnected');
        session.conn.terminate();
      }
    }
    this.run(this.sweep());
  }

  /** Keeps this instance's members alive in the database; members of a vanished instance leave. */
  private async sweep(): Promise<void> {
    const lapsed = await this.options.store.touch(this.instance);
    for (const gone of lapsed) this.lapsed(gone);
  }

  private lapsed(gone: StoredMember): void {
    const room = this.rooms.get(gone.roomId);
    if (room) this.remoteLeft(room, gone.identity, gone.session, 'disconnected');
    this.run(
      this.publish(gone.roomId, {
        type: 'left',
        session: gone.session,
        identity: gone.identity,
        reason: 'disconnected',
      }),
    );
  }
}

function isClosed(session: Session): boolean {
  return session.state === 'closed';
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function peer(member: HubMember | StoredMember): P2PPeer {
  return { identity: member.identity, name: member.name, role: member.role };
}
