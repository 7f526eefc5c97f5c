// Adding a provider is one folder and one registration line: this file is that folder, in small.
// A throwaway in-memory provider ("loopback") is declared here alone, registered beside the
// built-in ones through the same registry the server uses, started by the same ProviderSet, and
// made to pass the same contract suite as p2p and LiveKit. No other file knows about it.
import type { Capabilities, JoinCredentials, ProviderName } from '@openconnect/contracts';
import { z } from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import {
  BaseVideoProvider,
  Participant,
  RoomOptions,
  type ProviderHealth,
  type ProviderParticipant,
  type ProviderRoom,
} from '../../src/providers/base-video-provider.ts';
import { ProviderError } from '../../src/providers/provider-error.ts';
import { ProviderSet } from '../../src/providers/provider-set.ts';
import { builtInProviders, createProviderFactory } from '../../src/providers/registry.ts';
import { defineProvider } from '../../src/providers/video-provider-factory.ts';
import { LocalEventBus } from '../../src/push/event-bus.ts';
import { providerContract } from '../support/provider-contract.ts';
import { backends } from '../support/databases.ts';

// A real provider would add its name to PROVIDER_TYPES and its credentials to JoinCredentials in
// packages/contracts (the web app's side of the seam); the server's seam needs neither, which is
// what this test proves, so the name is asserted into the type here.
const LOOPBACK = 'loopback' as ProviderName;

interface Connection {
  identity: string;
  displayName: string;
  role: Participant['role'];
  joinedAt: Date;
  disconnect: () => void;
}

/** Rooms and connections in memory; a "client" connects by presenting its token. */
class LoopbackProvider extends BaseVideoProvider {
  readonly type = LOOPBACK;
  readonly capabilities: Capabilities;
  private readonly rooms = new Map<string, { max: number; connections: Map<string, Connection> }>();
  private readonly closed = new Set<string>();
  private readonly tokens = new Map<string, { roomId: string; participant: Participant }>();

  constructor(private readonly config: { maxParticipants: number }) {
    super();
    this.capabilities = {
      recording: false,
      screenShare: false,
      reactions: false,
      chat: false,
      maxParticipants: config.maxParticipants,
    };
  }

  async initialize(): Promise<void> {}

  async createRoom(options: RoomOptions): Promise<ProviderRoom> {
    const parsed = RoomOptions.parse(options);
    this.closed.delete(parsed.roomId);
    const max = parsed.maxParticipants ?? this.config.maxParticipants;
    if (!this.rooms.has(parsed.roomId))
      this.rooms.set(parsed.roomId, { max, connections: new Map() });
    return { roomId: parsed.roomId, providerRoomId: `loop-${parsed.roomId}`, maxParticipants: max };
  }

  async joinRoom(roomId: string, participant: Participant): Promise<JoinCredentials> {
    const checked = Participant.safeParse(participant);
    if (!checked.success)
      throw new ProviderError('INVALID_ARGUMENT', 'Invalid participant.', { provider: LOOPBACK });
    const room = this.rooms.get(roomId);
    if (!room) throw new ProviderError('ROOM_NOT_FOUND', 'No such room.', { provider: LOOPBACK });
    if (room.connections.size >= room.max)
      throw new ProviderError('ROOM_FULL', 'Room is full.', { provider: LOOPBACK });
    const token = crypto.randomUUID();
    this.tokens.set(token, { roomId, participant: checked.data });
    // Shaped like the p2p credentials, under this provider's own name.
    return {
      provider: this.type,
      signalingUrl: 'loopback:',
      iceServers: [],
      token,
      roomId,
      identity: checked.data.identity,
      displayName: checked.data.displayName,
      role: checked.data.role,
      expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
      capabilities: this.capabilities,
    } as JoinCredentials;
  }

  /** What a browser would do with the credentials: connect, and learn when it is disconnected. */
  connect(token: string): { disconnected: Promise<void>; close: () => void } {
    const grant = this.tokens.get(token);
    const room = grant && this.rooms.get(grant.roomId);
    if (!grant || !room) throw new Error('refused');
    let disconnect = () => {};
    const disconnected = new Promise<void>((resolve) => (disconnect = resolve));
    const { participant } = grant;
    room.connections.set(participant.identity, {
      ...participant,
      joinedAt: new Date(),
      disconnect,
    });
    return { disconnected, close: () => this.drop(grant.roomId, participant.identity) };
  }

  private drop(roomId: string, identity: string): boolean {
    const connection = this.rooms.get(roomId)?.connections.get(identity);
    if (!connection) return false;
    this.rooms.get(roomId)?.connections.delete(identity);
    connection.disconnect();
    return true;
  }

  async leaveRoom(roomId: string, participantId: string): Promise<void> {
    if (!this.drop(roomId, participantId))
      throw new ProviderError('PARTICIPANT_NOT_FOUND', 'Not in the room.', { provider: LOOPBACK });
  }

  async closeRoom(roomId: string): Promise<void> {
    const room = this.rooms.get(roomId);
    for (const identity of room?.connections.keys() ?? []) this.drop(roomId, identity);
    this.rooms.delete(roomId);
    this.closed.add(roomId);
  }

  async listParticipants(roomId: string): Promise<ProviderParticipant[]> {
    return [...(this.rooms.get(roomId)?.connections.values() ?? [])].map(
      ({ identity, displayName, role, joinedAt }) => ({ identity, displayName, role, joinedAt }),
    );
  }

  async health(): Promise<ProviderHealth> {
    return { ok: true, latencyMs: 0 };
  }

  async close(): Promise<void> {
    for (const roomId of [...this.rooms.keys()]) await this.closeRoom(roomId);
  }
}

/** The one registration line's right-hand side. */
const loopbackRegistration = defineProvider({
  type: LOOPBACK,
  configSchema: z.strictObject({ maxParticipants: z.number().int().min(2) }),
  enabled: () => true,
  configFrom: (config) => ({ maxParticipants: config.p2p.maxParticipants }),
  create: (config) => new LoopbackProvider(config),
});

const config = loadConfig({ LOG_LEVEL: 'silent', FEATURE_LIVEKIT: 'false' });
const factory = createProviderFactory([...builtInProviders, loopbackRegistration]);
// The built-in p2p provider beside it keeps its rooms in a database and talks on a bus.
const database = await (await backends())[0]!.create();
const bus = new LocalEventBus();
const started = ProviderSet.start(factory, config, {
  signalingSecret: 'x'.repeat(32),
  db: database.handle.db,
  bus,
});

describe('a third provider, registered in one line', () => {
  afterAll(async () => {
    await (await started).close();
    await bus.close();
    await database.drop();
  });

  it('is built and started by the same ProviderSet as the built-in providers', async () => {
    const set = await started;
    expect(set.all().map((p) => p.type)).toEqual(['p2p', LOOPBACK]);
    expect(set.get(LOOPBACK)).toBeInstanceOf(LoopbackProvider);
    expect(set.readinessChecks().map((c) => c.name)).toContain(`provider:${LOOPBACK}`);
  });
});

providerContract(LOOPBACK, async () => {
  const provider = (await started).get(LOOPBACK) as LoopbackProvider;
  return {
    provider,
    async connect(credentials) {
      const client = provider.connect(credentials.token);
      return { disconnected: client.disconnected, close: async () => client.close() };
    },
    cleanup: async () => undefined,
  };
});
