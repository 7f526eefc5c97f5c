// The legacy p2p provider: browser-to-browser WebRTC mesh for small visits, signaled over
// OpenConnect's own WebSocket (`routes`). Room state lives in the database and signaling crosses
// server instances on the event bus (SignalingHub, P2PRoomStore), so any instance serves any visit.
import type { Capabilities, IceServer, JoinCredentials } from '@openconnect/contracts';
import { IceServer as IceServerSchema } from '@openconnect/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  BaseVideoProvider,
  Participant,
  RoomOptions,
  type PresenceEvent,
  type ProviderHealth,
  type ProviderParticipant,
  type JoinOptions,
  type ProviderRoom,
} from '../base-video-provider.ts';
import type { EventBus } from '../../push/event-bus.ts';
import type { Db } from '../../storage/db.ts';
import { ProviderError, type ProviderErrorCode } from '../provider-error.ts';
import { P2PRoomStore } from './room-store.ts';
import { SignalingHub } from './signaling-hub.ts';
import { signalingRoute } from './signaling-route.ts';
import { MAX_TOKEN_TTL_SECONDS, SignalingTokens } from './tokens.ts';
import { turnIceServer } from './turn.ts';

export const P2PConfig = z.strictObject({
  /** ws(s) URL of `/ws/p2p` as browsers reach it. */
  signalingUrl: z.string().regex(/^wss?:\/\//, 'must be a ws:// or wss:// URL'),
  tokenSecret: z.string().min(32, 'must be at least 32 characters'),
  iceServers: z.array(IceServerSchema),
  /** A mesh sends every stream to every peer: keep it small. */
  maxParticipants: z.number().int().min(2).max(8).default(4),
  tokenTtlSeconds: z.number().int().min(30).max(MAX_TOKEN_TTL_SECONDS).default(600),
  heartbeatIntervalMs: z.number().int().min(100).max(60_000).default(10_000),
  /** A TURN deployment with coturn's `use-auth-secret`: each join gets its own credentials. */
  turn: z
    .strictObject({
      urls: z.array(z.string().regex(/^turns?:/, 'must be a turn: or turns: URL')).min(1),
      secret: z.string().min(16, 'must be at least 16 characters'),
      ttlSeconds: z.number().int().min(60).max(86_400).default(600),
    })
    .optional(),
  /** `relay` makes browsers use TURN only (tests of the relay; networks that must hide addresses). */
  iceTransportPolicy: z.enum(['all', 'relay']).default('all'),
});
export type P2PConfig = z.output<typeof P2PConfig>;

/** What the provider shares with the other instances: the database and the event bus. */
export interface P2PShared {
  db: Db;
  bus: Pick<EventBus, 'publish' | 'subscribe'>;
}

const PROVIDER = 'p2p';

function fail(code: ProviderErrorCode, message: string, cause?: unknown): never {
  throw new ProviderError(code, message, { provider: PROVIDER, cause });
}

export class P2PProvider extends BaseVideoProvider {
  readonly type = 'p2p' as const;
  readonly capabilities: Capabilities;
  override readonly routes: FastifyPluginAsync;
  private readonly tokens: SignalingTokens;
  private readonly hub: SignalingHub;
  private readonly iceServers: IceServer[];
  private readonly presenceListeners = new Set<(event: PresenceEvent) => void>();
  /** The last failure of background work (shared state, the bus), shown by `health`. */
  private lastError: { at: Date; message: string } | undefined;

  constructor(
    private readonly config: P2PConfig,
    shared: P2PShared,
  ) {
    super();
    this.capabilities = {
      recording: false,
      screenShare: true,
      reactions: true,
      chat: true,
      maxParticipants: config.maxParticipants,
    };
    this.iceServers = config.iceServers;
    this.tokens = new SignalingTokens(config.tokenSecret, config.tokenTtlSeconds);
    this.hub = new SignalingHub({
      tokens: this.tokens,
      // A member whose instance stopped refreshing it for three heartbeats (and a margin) is gone.
      store: new P2PRoomStore(shared.db, 3 * config.heartbeatIntervalMs + 5_000),
      bus: shared.bus,
      heartbeatIntervalMs: config.heartbeatIntervalMs,
      onError: (error) => {
        this.lastError = {
          at: new Date(),
          message: error instanceof Error ? error.message : String(error),
        };
      },
      onPresence: (event) => {
        for (const listener of this.presenceListeners) listener(event);
      },
    });
    this.routes = signalingRoute(this.hub);
  }

  async initialize(): Promise<void> {
    // Nothing to reach: signaling runs inside this server.
  }

  override onPresence(listener: (event: PresenceEvent) => void): () => void {
    this.presenceListeners.add(listener);
    return () => this.presenceListeners.delete(listener);
  }

  async createRoom(options: RoomOptions): Promise<ProviderRoom> {
    const parsed = RoomOptions.safeParse(options);
    if (!parsed.success)
      fail(
        'INVALID_ARGUMENT',
        `Invalid room options: ${parsed.error.issues[0]?.message}`,
        parsed.error,
      );
    const { roomId, maxParticipants } = parsed.data;
    const capacity = Math.min(
      maxParticipants ?? this.config.maxParticipants,
      this.config.maxParticipants,
    );
    const room = await this.hub.createRoom(roomId, capacity);
    return { roomId, providerRoomId: roomId, maxParticipants: room.maxParticipants };
  }

  async joinRoom(
    roomId: string,
    participant: Participant,
    options: JoinOptions = {},
  ): Promise<JoinCredentials> {
    const parsed = Participant.safeParse(participant);
    if (!parsed.success)
      fail(
        'INVALID_ARGUMENT',
        `Invalid participant: ${parsed.error.issues[0]?.message}`,
        parsed.error,
      );
    const who = parsed.data;
    // No separate look for the room: reserving the seat finds it or answers room-not-found.
    const reserved = await this.hub.reserve(roomId, who.identity);
    if (!reserved.ok && reserved.reason === 'room-not-found')
      fail('ROOM_NOT_FOUND', `Room ${roomId} does not exist or has been closed.`);
    if (!reserved.ok) fail('ROOM_FULL', `Room ${roomId} is full; someone must leave first.`);
    const { token, claims } = this.tokens.issue(
      {
        room: roomId,
        identity: who.identity,
        role: who.role,
        name: who.displayName,
        seat: reserved.seat,
      },
      options.notAfter,
    );
    return {
      provider: 'p2p',
      signalingUrl: this.config.signalingUrl,
      token,
      // TURN credentials of this participant, which expire with the token at the latest.
      iceServers: this.config.turn
        ? [...this.iceServers, turnIceServer(this.config.turn, who.identity, claims.exp)]
        : this.iceServers,
      ...(this.config.iceTransportPolicy === 'relay' ? { iceTransportPolicy: 'relay' } : {}),
      roomId,
      identity: who.identity,
      displayName: who.displayName,
      role: who.role,
      expiresAt: new Date(claims.exp * 1000).toISOString(),
      capabilities: this.capabilities,
    };
  }

  async leaveRoom(roomId: string, participantId: string): Promise<void> {
    if (!(await this.hub.hasRoom(roomId)))
      fail('ROOM_NOT_FOUND', `Room ${roomId} does not exist or has been closed.`);
    if (!(await this.hub.kick(roomId, participantId))) {
      fail('PARTICIPANT_NOT_FOUND', `${participantId} is not in room ${roomId}.`);
    }
  }

  async closeRoom(roomId: string): Promise<void> {
    await this.hub.closeRoom(roomId);
  }

  async listParticipants(roomId: string): Promise<ProviderParticipant[]> {
    const members = await this.hub.members(roomId);
    if (!members) fail('ROOM_NOT_FOUND', `Room ${roomId} does not exist or has been closed.`);
    return members.map((m) => ({
      identity: m.identity,
      displayName: m.name,
      role: m.role,
      joinedAt: m.joinedAt,
    }));
  }

  async health(): Promise<ProviderHealth> {
    const started = performance.now();
    const { rooms, connections } = this.hub.stats();
    return {
      ok: true,
      latencyMs: performance.now() - started,
      // Background failures do not make the provider unready (the bus and database checks say
      // that); the last one is shown so it is not lost.
      detail:
        `${rooms} rooms, ${connections} connections here` +
        (this.lastError
          ? `; last shared-state failure ${this.lastError.at.toISOString()}: ${this.lastError.message}`
          : ''),
    };
  }

  async close(): Promise<void> {
    await this.hub.close();
  }
}
