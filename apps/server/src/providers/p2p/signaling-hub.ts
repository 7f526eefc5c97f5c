// SignalingHub: the live state of p2p signaling — rooms, their members and seat reservations —
// and the relay of offers, answers and ICE candidates between members of one room. Pure logic
// over an abstract connection, no HTTP: the Fastify route adapts WebSockets to it, tests use
// fakes. State is in memory by design: a restart drops live sockets and clients re-join.
import type {
  ParticipantRole,
  P2PLeaveReason,
  P2PPeer,
  P2PServerMessage,
} from '@openconnect/contracts';
import {
  P2PCloseCode,
  P2P_MAX_MESSAGE_BYTES,
  encodeServerMessage,
  parseClientFrame,
  signalingLimits,
} from './protocol.ts';
import type { SignalingTokens, TokenClaims } from './tokens.ts';

/** One client socket, as the hub sees it. */
export interface SignalingConnection {
  send(text: string): void;
  close(code: number, reason: string): void;
  /** Sends a transport-level ping; the transport reports the pong through `pong()`. */
  ping(): void;
  /** Drops the connection without a closing handshake (for dead peers). */
  terminate(): void;
}

/** What the transport reports about one connection. */
export interface SignalingSession {
  message(data: string | Buffer, isBinary: boolean): void;
  pong(): void;
  /** The socket closed, for whatever reason. */
  closed(): void;
}

export interface HubMember {
  identity: string;
  name: string;
  role: ParticipantRole;
  joinedAt: Date;
}

export interface SignalingHubOptions {
  tokens: SignalingTokens;
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
}

export type ReserveResult = 'reserved' | 'room-not-found' | 'room-full';

interface Member extends HubMember {
  session: Session;
}

interface Room {
  readonly roomId: string;
  readonly maxParticipants: number;
  readonly members: Map<string, Member>;
  /** identity → when its seat reservation lapses (ms). */
  readonly reservations: Map<string, number>;
  /** jti → identity and expiry (ms) of every token issued for the room. */
  readonly issued: Map<string, { identity: string; expiresAt: number }>;
}

class Session implements SignalingSession {
  state: 'pending' | 'joined' | 'closed' = 'pending';
  alive = true;
  room: Room | undefined;
  member: Member | undefined;
  windowStart = 0;
  windowCount = 0;
  readonly authTimer: NodeJS.Timeout;

  constructor(
    readonly hub: SignalingHub,
    readonly conn: SignalingConnection,
    authTimeoutMs: number,
  ) {
    this.authTimer = setTimeout(() => {
      if (this.state === 'pending')
        hub.end(this, P2PCloseCode.AUTH_TIMEOUT, 'no join message in time');
    }, authTimeoutMs);
    this.authTimer.unref();
  }

  message(data: string | Buffer, isBinary: boolean): void {
    this.hub.onMessage(this, data, isBinary);
  }

  pong(): void {
    this.alive = true;
  }

  closed(): void {
    this.hub.onClosed(this);
  }
}

export class SignalingHub {
  private readonly rooms = new Map<string, Room>();
  private readonly sessions = new Set<Session>();
  /** Revoked token ids → their expiry (ms); kept until the token would have expired anyway. */
  private readonly revoked = new Map<string, number>();
  private readonly heartbeat: NodeJS.Timeout;
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
  }

  /** Records a room (idempotent); returns its capacity. */
  createRoom(roomId: string, maxParticipants: number): { maxParticipants: number } {
    const existing = this.rooms.get(roomId);
    if (existing) return { maxParticipants: existing.maxParticipants };
    this.rooms.set(roomId, {
      roomId,
      maxParticipants,
      members: new Map(),
      reservations: new Map(),
      issued: new Map(),
    });
    return { maxParticipants };
  }

  hasRoom(roomId: string): boolean {
    return this.rooms.has(roomId);
  }

  /**
   * Holds a seat for `identity` until it connects (or the reservation lapses) and remembers the
   * token id so a kick can revoke it. Connected members plus other reservations count.
   */
  reserve(roomId: string, claims: TokenClaims): ReserveResult {
    const room = this.rooms.get(roomId);
    if (!room) return 'room-not-found';
    const now = this.now();
    if (!room.members.has(claims.identity) && !room.reservations.has(claims.identity)) {
      if (this.seatsTaken(room, claims.identity, now) >= room.maxParticipants) return 'room-full';
    }
    if (!room.members.has(claims.identity))
      room.reservations.set(claims.identity, now + this.reservationMs);
    room.issued.set(claims.jti, { identity: claims.identity, expiresAt: claims.exp * 1000 });
    return 'reserved';
  }

  /** Connected members of a room, or undefined when the room is unknown. */
  members(roomId: string): HubMember[] | undefined {
    const room = this.rooms.get(roomId);
    if (!room) return undefined;
    return [...room.members.values()].map(({ identity, name, role, joinedAt }) => ({
      identity,
      name,
      role,
      joinedAt,
    }));
  }

  /**
   * Removes `identity` from a room at once: closes its socket (KICKED), drops its reservation,
   * revokes every token issued to it for this room and tells the others. False if not there.
   */
  kick(roomId: string, identity: string): boolean {
    const room = this.rooms.get(roomId);
    if (!room) return false;
    const member = room.members.get(identity);
    const reserved = room.reservations.delete(identity);
    for (const [jti, issued] of room.issued) {
      if (issued.identity === identity) {
        this.revoked.set(jti, issued.expiresAt);
        room.issued.delete(jti);
      }
    }
    if (member) this.end(member.session, P2PCloseCode.KICKED, 'removed from the visit', 'kicked');
    return member !== undefined || reserved;
  }

  /** Disconnects everyone (ROOM_CLOSED), revokes the room's tokens and forgets it. */
  closeRoom(roomId: string): void {
    const room = this.rooms.get(roomId);
    if (!room) return;
    this.rooms.delete(roomId);
    for (const [jti, issued] of room.issued) this.revoked.set(jti, issued.expiresAt);
    for (const member of [...room.members.values()]) {
      this.end(member.session, P2PCloseCode.ROOM_CLOSED, 'the visit has ended');
    }
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

  /** Counts for health and metrics. */
  stats(): { rooms: number; connections: number } {
    return { rooms: this.rooms.size, connections: this.sessions.size };
  }

  /** Closes every socket (SERVER_SHUTDOWN) and stops the timers. */
  close(): void {
    this.closing = true;
    clearInterval(this.heartbeat);
    for (const session of [...this.sessions])
      this.end(session, P2PCloseCode.SERVER_SHUTDOWN, 'server shutting down');
    this.rooms.clear();
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
    const frame = parseClientFrame(typeof data === 'string' ? data : data.toString('utf8'));
    if (!frame.ok) return this.end(session, frame.code, frame.reason);
    const message = frame.message;

    if (session.state === 'pending') {
      if (message.type !== 'join')
        return this.end(session, P2PCloseCode.PROTOCOL_ERROR, 'the first message must be join');
      return this.join(session, message.room, message.token);
    }
    const member = session.member;
    const room = session.room;
    if (!member || !room) return;
    switch (message.type) {
      case 'join':
        return this.end(session, P2PCloseCode.PROTOCOL_ERROR, 'already joined');
      case 'ping':
        return this.send(session, { type: 'pong' });
      case 'leave':
        return this.end(session, 1000, 'left', 'left');
      case 'signal': {
        const target = room.members.get(message.to);
        if (!target || target === member) {
          return this.send(session, {
            type: 'error',
            code: 'PEER_NOT_FOUND',
            message: `${message.to} is not in the room`,
          });
        }
        return this.send(target.session, {
          type: 'signal',
          from: member.identity,
          data: message.data,
        });
      }
    }
  }

  /** @internal The transport closed the socket. */
  onClosed(session: Session): void {
    if (session.state === 'closed') return;
    this.detach(session, 'disconnected');
  }

  /**
   * @internal Closes a session with a code and forgets it; members leaving are announced to the
   * others with `notify` (default: disconnected).
   */
  end(
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

  private join(session: Session, roomId: string, token: string): void {
    const check = this.options.tokens.verify(token);
    if (!check.ok) {
      return check.reason === 'expired'
        ? this.end(session, P2PCloseCode.TOKEN_EXPIRED, 'token expired')
        : this.end(session, P2PCloseCode.TOKEN_INVALID, 'token invalid');
    }
    const claims = check.claims;
    if (claims.room !== roomId)
      return this.end(session, P2PCloseCode.WRONG_ROOM, 'token is for another room');
    if (this.revoked.has(claims.jti))
      return this.end(session, P2PCloseCode.KICKED, 'removed from the visit');
    const room = this.rooms.get(roomId);
    if (!room) return this.end(session, P2PCloseCode.ROOM_NOT_FOUND, 'room not found');
    if (this.seatsTaken(room, claims.identity, this.now()) >= room.maxParticipants) {
      return this.end(session, P2PCloseCode.ROOM_FULL, 'room is full');
    }
    const previous = room.members.get(claims.identity);
    if (previous)
      this.end(previous.session, P2PCloseCode.REPLACED, 'connected again elsewhere', 'reconnected');

    clearTimeout(session.authTimer);
    const member: Member = {
      identity: claims.identity,
      name: claims.name,
      role: claims.role,
      joinedAt: new Date(this.now()),
      session,
    };
    const others = [...room.members.values()];
    room.members.set(member.identity, member);
    room.reservations.delete(member.identity);
    session.state = 'joined';
    session.room = room;
    session.member = member;
    for (const other of others)
      this.send(other.session, { type: 'peer-joined', peer: peer(member) });
    this.options.onPresence?.({
      roomId: room.roomId,
      identity: member.identity,
      kind: 'joined',
      at: member.joinedAt,
    });
    this.send(session, {
      type: 'welcome',
      self: peer(member),
      peers: others.map(peer),
      maxParticipants: room.maxParticipants,
      heartbeatIntervalMs: this.options.heartbeatIntervalMs,
    });
  }

  /** Seats held by anyone but `identity`: connected members plus live reservations. */
  private seatsTaken(room: Room, identity: string, now: number): number {
    const holders = new Set<string>();
    for (const id of room.members.keys()) holders.add(id);
    for (const [id, until] of room.reservations) if (until > now) holders.add(id);
    holders.delete(identity);
    return holders.size;
  }

  private detach(session: Session, notify: P2PLeaveReason): void {
    session.state = 'closed';
    clearTimeout(session.authTimer);
    this.sessions.delete(session);
    const { room, member } = session;
    if (!room || !member || room.members.get(member.identity) !== member) return;
    room.members.delete(member.identity);
    for (const other of room.members.values()) {
      this.send(other.session, { type: 'peer-left', identity: member.identity, reason: notify });
    }
    if (notify !== 'reconnected') {
      this.options.onPresence?.({
        roomId: room.roomId,
        identity: member.identity,
        kind: 'left',
        at: new Date(this.now()),
      });
    }
  }

  private send(session: Session, message: P2PServerMessage): void {
    if (session.state === 'closed') return;
    try {
      session.conn.send(encodeServerMessage(message));
    } catch {
      this.end(session, P2PCloseCode.PROTOCOL_ERROR, 'send failed');
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

  /** Heartbeat: drops sockets that missed a pong, pings the rest, prunes lapsed state. */
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
    const now = this.now();
    for (const [jti, expiresAt] of this.revoked) if (expiresAt <= now) this.revoked.delete(jti);
    for (const room of this.rooms.values()) {
      for (const [id, until] of room.reservations) if (until <= now) room.reservations.delete(id);
      for (const [jti, issued] of room.issued) if (issued.expiresAt <= now) room.issued.delete(jti);
    }
  }
}

function peer(member: HubMember): P2PPeer {
  return { identity: member.identity, name: member.name, role: member.role };
}
