// LiveKitProvider against livekit-server-sdk replaced at its boundary: RoomServiceClient,
// EgressClient and WebhookReceiver are fakes, while AccessToken, TokenVerifier, TwirpError and the
// protobuf types stay real, so tokens are really signed and errors really mapped.
import { randomUUID } from 'node:crypto';
import {
  EgressInfo,
  EgressStatus,
  EncodedFileOutput,
  EncodedFileType,
  ParticipantInfo,
  Room,
  TokenVerifier,
  TwirpError,
  WebhookEvent,
  type CreateOptions,
  type ListEgressOptions,
  type RoomCompositeOptions,
  type UpdateParticipantOptions,
} from 'livekit-server-sdk';
import type * as LiveKitSdk from 'livekit-server-sdk';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import type { Participant } from '../base-video-provider.ts';
import { ProviderError } from '../provider-error.ts';
import { LiveKitConfig, LiveKitProvider } from './livekit-provider.ts';

const sdk = vi.hoisted(() => {
  /** The rooms the fake RoomService holds, by name, as LiveKit's own store would. */
  const stored = new Map<string, Room>();
  const rooms = {
    createRoom: vi.fn<(options: CreateOptions) => Promise<Room>>(),
    listRooms: vi.fn<(names?: string[]) => Promise<Room[]>>(),
    deleteRoom: vi.fn<(room: string) => Promise<void>>(),
    listParticipants: vi.fn<(room: string) => Promise<ParticipantInfo[]>>(),
    updateParticipant:
      vi.fn<
        (
          room: string,
          identity: string,
          options: UpdateParticipantOptions,
        ) => Promise<ParticipantInfo>
      >(),
    removeParticipant: vi.fn<(room: string, identity: string) => Promise<void>>(),
  };
  const egress = {
    startRoomCompositeEgress:
      vi.fn<
        (
          room: string,
          output: EncodedFileOutput,
          options?: RoomCompositeOptions,
        ) => Promise<EgressInfo>
      >(),
    stopEgress: vi.fn<(egressId: string) => Promise<EgressInfo>>(),
    listEgress: vi.fn<(options?: ListEgressOptions) => Promise<EgressInfo[]>>(),
  };
  const receiver = { receive: vi.fn<(body: string, auth?: string) => Promise<WebhookEvent>>() };
  /** Constructor arguments of every fake client, in order, keyed by the SDK class name. */
  const constructed: [string, unknown[]][] = [];

  class FakeRoomService {
    readonly createRoom = rooms.createRoom;
    readonly listRooms = rooms.listRooms;
    readonly deleteRoom = rooms.deleteRoom;
    readonly listParticipants = rooms.listParticipants;
    readonly updateParticipant = rooms.updateParticipant;
    readonly removeParticipant = rooms.removeParticipant;
    constructor(...args: unknown[]) {
      constructed.push(['RoomServiceClient', args]);
    }
  }
  class FakeEgress {
    readonly startRoomCompositeEgress = egress.startRoomCompositeEgress;
    readonly stopEgress = egress.stopEgress;
    readonly listEgress = egress.listEgress;
    constructor(...args: unknown[]) {
      constructed.push(['EgressClient', args]);
    }
  }
  class FakeReceiver {
    readonly receive = receiver.receive;
    constructor(...args: unknown[]) {
      constructed.push(['WebhookReceiver', args]);
    }
  }
  return {
    stored,
    rooms,
    egress,
    receiver,
    constructed,
    FakeRoomService,
    FakeEgress,
    FakeReceiver,
  };
});

vi.mock('livekit-server-sdk', async (importOriginal) => ({
  ...(await importOriginal<typeof LiveKitSdk>()),
  RoomServiceClient: sdk.FakeRoomService,
  EgressClient: sdk.FakeEgress,
  WebhookReceiver: sdk.FakeReceiver,
}));

const API_KEY = 'APIunittest';
const SECRET = 'a-unit-test-secret-that-is-long-enough';

const twirp = (status: number, code: string | undefined, message = 'boom') =>
  new TwirpError('TwirpError', message, status, code);

function makeProvider(overrides: Partial<z.input<typeof LiveKitConfig>> = {}) {
  return new LiveKitProvider(
    LiveKitConfig.parse({
      url: 'wss://video.example.test',
      apiKey: API_KEY,
      secret: SECRET,
      retryBaseDelayMs: 1,
      ...overrides,
    }),
  );
}

/** Puts a room into the fake RoomService's store, as if created earlier. */
function storeRoom(name: string, fields: Partial<Room> = {}): Room {
  const room = new Room({ name, sid: `RM_${name.slice(0, 8)}`, maxParticipants: 10, ...fields });
  sdk.stored.set(name, room);
  return room;
}

const visitor: Participant = { identity: 'visitor-1', displayName: 'Daughter', role: 'visitor' };
const host: Participant = { identity: 'staff-1', displayName: 'Nurse Ada', role: 'host' };

/** A webhook event decoded from its JSON body, as the SDK's WebhookReceiver does. */
const webhookEvent = (json: Parameters<typeof WebhookEvent.fromJson>[0]) =>
  WebhookEvent.fromJson(json);

async function claimsOf(token: string) {
  return new TokenVerifier(API_KEY, SECRET).verify(token);
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

beforeEach(() => {
  vi.resetAllMocks();
  sdk.stored.clear();
  sdk.constructed.length = 0;
  // LiveKit's CreateRoom returns the existing room when the name is taken.
  sdk.rooms.createRoom.mockImplementation(async (options) => {
    const existing = sdk.stored.get(options.name);
    if (existing) return existing;
    return storeRoom(options.name, {
      emptyTimeout: options.emptyTimeout ?? 0,
      departureTimeout: options.departureTimeout ?? 0,
      maxParticipants: options.maxParticipants ?? 0,
      metadata: options.metadata ?? '',
    });
  });
  sdk.rooms.listRooms.mockImplementation(async (names) =>
    [...sdk.stored.values()].filter((r) => !names || names.includes(r.name)),
  );
  sdk.rooms.deleteRoom.mockResolvedValue(undefined);
  sdk.rooms.listParticipants.mockResolvedValue([]);
  sdk.rooms.updateParticipant.mockImplementation(
    async (_room, identity) => new ParticipantInfo({ identity }),
  );
  sdk.rooms.removeParticipant.mockResolvedValue(undefined);
});

describe('LiveKitProvider', () => {
  it('talks to the API over https:// and hands browsers the wss:// URL', async () => {
    const provider = makeProvider({ url: 'wss://video.example.test', requestTimeoutSeconds: 7 });
    expect(sdk.constructed).toEqual([
      ['RoomServiceClient', ['https://video.example.test', API_KEY, SECRET, { requestTimeout: 7 }]],
      ['EgressClient', ['https://video.example.test', API_KEY, SECRET, { requestTimeout: 7 }]],
      ['WebhookReceiver', [API_KEY, SECRET]],
    ]);
    const roomId = randomUUID();
    storeRoom(roomId);
    expect(await provider.joinRoom(roomId, visitor)).toMatchObject({
      url: 'wss://video.example.test',
    });
  });

  it('accepts an http:// URL and still hands browsers ws://', async () => {
    const provider = makeProvider({ url: 'http://127.0.0.1:7880' });
    expect(sdk.constructed[0]?.[1][0]).toBe('http://127.0.0.1:7880');
    const roomId = randomUUID();
    storeRoom(roomId);
    expect(await provider.joinRoom(roomId, visitor)).toMatchObject({ url: 'ws://127.0.0.1:7880' });
  });

  describe('createRoom', () => {
    it('creates the room named by our room id with the default timeouts, capacity and metadata', async () => {
      const roomId = randomUUID();
      const facilityId = randomUUID();
      const room = await makeProvider().createRoom({ roomId, facilityId });

      expect(sdk.rooms.createRoom).toHaveBeenCalledExactlyOnceWith({
        name: roomId,
        emptyTimeout: 600,
        departureTimeout: 60,
        maxParticipants: 10,
        metadata: expect.any(String),
      });
      const sent = sdk.rooms.createRoom.mock.calls[0]![0];
      expect(JSON.parse(sent.metadata!)).toEqual({
        visitId: roomId,
        facilityId,
        allowScreenShare: true,
      });
      expect(room).toEqual({
        roomId,
        providerRoomId: sdk.stored.get(roomId)!.sid,
        maxParticipants: 10,
      });
    });

    it('passes explicit timeouts, capacity and the screen-share choice through', async () => {
      const roomId = randomUUID();
      const facilityId = randomUUID();
      const room = await makeProvider().createRoom({
        roomId,
        facilityId,
        emptyTimeoutSeconds: 120,
        departureTimeoutSeconds: 5,
        maxParticipants: 4,
        allowScreenShare: false,
      });

      const sent = sdk.rooms.createRoom.mock.calls[0]![0];
      expect(sent).toMatchObject({
        name: roomId,
        emptyTimeout: 120,
        departureTimeout: 5,
        maxParticipants: 4,
      });
      expect(JSON.parse(sent.metadata!)).toEqual({
        visitId: roomId,
        facilityId,
        allowScreenShare: false,
      });
      expect(room.maxParticipants).toBe(4);
    });

    it('uses the configured default capacity when the room gives none', async () => {
      await makeProvider({ defaultMaxParticipants: 6 }).createRoom({
        roomId: randomUUID(),
        facilityId: randomUUID(),
      });
      expect(sdk.rooms.createRoom.mock.calls[0]![0].maxParticipants).toBe(6);
    });

    it.each([
      ['a room id that is not a UUID', { roomId: 'visit-1', facilityId: randomUUID() }],
      ['a capacity of one', { roomId: randomUUID(), facilityId: randomUUID(), maxParticipants: 1 }],
      [
        'an empty timeout under ten seconds',
        { roomId: randomUUID(), facilityId: randomUUID(), emptyTimeoutSeconds: 3 },
      ],
      [
        'an option it does not know',
        { roomId: randomUUID(), facilityId: randomUUID(), recording: true },
      ],
    ])('rejects %s with INVALID_ARGUMENT without calling LiveKit', async (_what, options) => {
      // Deliberately malformed input: the cast lets the test hand it past the type checker.
      const error = await failure(makeProvider().createRoom(options as never));
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.retryable).toBe(false);
      expect(sdk.rooms.createRoom).not.toHaveBeenCalled();
    });

    it('is idempotent: creating the same room again returns the same room', async () => {
      const provider = makeProvider();
      const options = { roomId: randomUUID(), facilityId: randomUUID() };
      const first = await provider.createRoom(options);
      const second = await provider.createRoom(options);
      expect(second).toEqual(first);
      expect(sdk.stored.size).toBe(1);
    });

    it('falls back to the room name when LiveKit returns no sid', async () => {
      const roomId = randomUUID();
      sdk.rooms.createRoom.mockResolvedValueOnce(new Room({ name: roomId }));
      const room = await makeProvider().createRoom({ roomId, facilityId: randomUUID() });
      expect(room.providerRoomId).toBe(roomId);
    });

    it('reports a rejected API key as PERMISSION_DENIED', async () => {
      sdk.rooms.createRoom.mockRejectedValue(twirp(401, 'unauthenticated', 'invalid API key'));
      const error = await failure(
        makeProvider().createRoom({ roomId: randomUUID(), facilityId: randomUUID() }),
      );
      expect(error.code).toBe('PERMISSION_DENIED');
      expect(error.provider).toBe('livekit');
      expect(error.cause).toBeInstanceOf(TwirpError);
    });
  });

  describe('retries', () => {
    it('retries a 503 twice and succeeds on the third call', async () => {
      sdk.rooms.createRoom
        .mockRejectedValueOnce(twirp(503, 'unavailable'))
        .mockRejectedValueOnce(twirp(503, 'unavailable'));
      const roomId = randomUUID();
      const room = await makeProvider().createRoom({ roomId, facilityId: randomUUID() });
      expect(room.roomId).toBe(roomId);
      expect(sdk.rooms.createRoom).toHaveBeenCalledTimes(3);
    });

    it('never retries a 403', async () => {
      sdk.rooms.createRoom.mockRejectedValue(twirp(403, 'permission_denied'));
      const error = await failure(
        makeProvider().createRoom({ roomId: randomUUID(), facilityId: randomUUID() }),
      );
      expect(error.code).toBe('PERMISSION_DENIED');
      expect(sdk.rooms.createRoom).toHaveBeenCalledTimes(1);
    });

    it.each([
      ['the default three attempts', {}, 3],
      ['two configured attempts', { attempts: 2 }, 2],
      ['a single configured attempt', { attempts: 1 }, 1],
    ])('stops after %s and reports the last failure', async (_what, overrides, calls) => {
      sdk.rooms.createRoom.mockRejectedValue(twirp(503, 'unavailable', 'node draining'));
      const error = await failure(
        makeProvider(overrides).createRoom({ roomId: randomUUID(), facilityId: randomUUID() }),
      );
      expect(error.code).toBe('PROVIDER_UNAVAILABLE');
      expect(error.retryable).toBe(true);
      expect(error.message).toContain('node draining');
      expect(sdk.rooms.createRoom).toHaveBeenCalledTimes(calls);
    });

    it.each([
      [
        'a refused connection',
        Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
        'PROVIDER_UNAVAILABLE',
      ],
      [
        'a request timeout',
        Object.assign(new Error('The operation was aborted due to timeout'), {
          name: 'TimeoutError',
        }),
        'TIMEOUT',
      ],
      ['a rate limit', twirp(429, 'resource_exhausted'), 'RATE_LIMITED'],
    ])('retries %s and then reports it as %s', async (_what, thrown, code) => {
      sdk.rooms.createRoom.mockRejectedValue(thrown);
      const error = await failure(
        makeProvider().createRoom({ roomId: randomUUID(), facilityId: randomUUID() }),
      );
      expect(error.code).toBe(code);
      expect(sdk.rooms.createRoom).toHaveBeenCalledTimes(3);
    });
  });

  describe('joinRoom', () => {
    it('answers ROOM_NOT_FOUND when LiveKit lists no such room', async () => {
      const roomId = randomUUID();
      const error = await failure(makeProvider().joinRoom(roomId, visitor));
      expect(error.code).toBe('ROOM_NOT_FOUND');
      expect(sdk.rooms.listRooms).toHaveBeenCalledWith([roomId]);
    });

    it('answers ROOM_NOT_FOUND when LiveKit lists only other rooms', async () => {
      const roomId = randomUUID();
      sdk.rooms.listRooms.mockResolvedValue([new Room({ name: randomUUID() })]);
      expect((await failure(makeProvider().joinRoom(roomId, visitor))).code).toBe('ROOM_NOT_FOUND');
    });

    it.each([
      ['at', 4],
      ['over', 5],
    ])('answers ROOM_FULL when the room is %s capacity', async (_where, numParticipants) => {
      const roomId = randomUUID();
      storeRoom(roomId, { maxParticipants: 4, numParticipants });
      sdk.rooms.listParticipants.mockResolvedValue(
        ['a', 'b', 'c', 'd'].map((id) => new ParticipantInfo({ identity: `visitor-${id}` })),
      );
      const error = await failure(makeProvider().joinRoom(roomId, visitor));
      expect(error.code).toBe('ROOM_FULL');
      expect(error.message).toContain('4');
    });

    it('lets someone already in a full room get fresh credentials, since their new connection replaces the old one', async () => {
      const roomId = randomUUID();
      storeRoom(roomId, { maxParticipants: 2, numParticipants: 2 });
      sdk.rooms.listParticipants.mockResolvedValue([
        new ParticipantInfo({ identity: host.identity }),
        new ParticipantInfo({ identity: visitor.identity }),
      ]);
      const credentials = await makeProvider().joinRoom(roomId, visitor);
      expect(credentials.identity).toBe(visitor.identity);
      expect(sdk.rooms.listParticipants).toHaveBeenCalledWith(roomId);
    });

    it('treats a capacity of zero as unlimited', async () => {
      const roomId = randomUUID();
      storeRoom(roomId, { maxParticipants: 0, numParticipants: 50 });
      const credentials = await makeProvider({ defaultMaxParticipants: 8 }).joinRoom(
        roomId,
        visitor,
      );
      expect(credentials.capabilities.maxParticipants).toBe(8);
    });

    it.each([
      ['an identity with spaces', { ...visitor, identity: 'visitor one' }],
      ['an empty identity', { ...visitor, identity: '' }],
      ['a blank display name', { ...visitor, displayName: '   ' }],
      ['an unknown role', { ...visitor, role: 'admin' }],
    ])('rejects %s with INVALID_ARGUMENT before calling LiveKit', async (_what, participant) => {
      const roomId = randomUUID();
      storeRoom(roomId);
      // Deliberately malformed input: the cast lets the test hand it past the type checker.
      const error = await failure(makeProvider().joinRoom(roomId, participant as Participant));
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(sdk.rooms.listRooms).not.toHaveBeenCalled();
    });

    it('returns LiveKit credentials for the room, the identity and the room’s capacity', async () => {
      const roomId = randomUUID();
      storeRoom(roomId, { maxParticipants: 4 });
      const before = Date.now();
      const credentials = await makeProvider().joinRoom(roomId, visitor);
      expect(credentials).toMatchObject({
        provider: 'livekit',
        url: 'wss://video.example.test',
        roomId,
        identity: 'visitor-1',
        displayName: 'Daughter',
        role: 'visitor',
        capabilities: { recording: true, screenShare: true, maxParticipants: 4 },
      });
      const expiresIn = new Date(credentials.expiresAt).getTime() - before;
      expect(expiresIn).toBeGreaterThan(590_000);
      expect(expiresIn).toBeLessThanOrEqual(601_000);
    });

    it('signs a visitor token for one room and one identity, without screen share where the visit forbids it', async () => {
      const roomId = randomUUID();
      storeRoom(roomId, { metadata: JSON.stringify({ allowScreenShare: false }) });
      const { token } = await makeProvider().joinRoom(roomId, visitor);
      const claims = await claimsOf(token);

      expect(claims.iss).toBe(API_KEY);
      expect(claims.sub).toBe('visitor-1');
      expect(claims.name).toBe('Daughter');
      expect(claims.attributes).toEqual({ role: 'visitor' });
      expect(claims.video).toMatchObject({
        room: roomId,
        roomJoin: true,
        canPublish: true,
        canSubscribe: true,
        canPublishData: true,
      });
      expect(claims.video?.canPublishSources).toEqual(['camera', 'microphone']);
      for (const grant of ['roomAdmin', 'roomCreate', 'roomRecord', 'roomList'] as const) {
        expect(claims.video?.[grant], grant).toBeFalsy();
      }
      expect((claims.exp ?? Infinity) - (claims.nbf ?? 0)).toBeLessThanOrEqual(600);
    });

    it('lets a visitor share the screen where the visit allows it', async () => {
      const roomId = randomUUID();
      storeRoom(roomId, { metadata: JSON.stringify({ allowScreenShare: true }) });
      const claims = await claimsOf((await makeProvider().joinRoom(roomId, visitor)).token);
      expect(claims.video?.canPublishSources).toEqual([
        'camera',
        'microphone',
        'screen_share',
        'screen_share_audio',
      ]);
    });

    it('gives hosts screen share even where visitors may not, and no administrative grants', async () => {
      const roomId = randomUUID();
      storeRoom(roomId, { metadata: JSON.stringify({ allowScreenShare: false }) });
      const claims = await claimsOf((await makeProvider().joinRoom(roomId, host)).token);
      expect(claims.sub).toBe('staff-1');
      expect(claims.attributes).toEqual({ role: 'host' });
      expect(claims.video?.room).toBe(roomId);
      expect(claims.video?.canPublishSources).toContain('screen_share');
      for (const grant of ['roomAdmin', 'roomCreate', 'roomRecord', 'roomList'] as const) {
        expect(claims.video?.[grant], grant).toBeFalsy();
      }
    });

    it('takes screen share as allowed when the room metadata is unreadable (the room default)', async () => {
      const roomId = randomUUID();
      storeRoom(roomId, { metadata: 'not json' });
      const claims = await claimsOf((await makeProvider().joinRoom(roomId, visitor)).token);
      expect(claims.video?.canPublishSources).toContain('screen_share');
    });

    it('signs tokens with the configured shorter lifetime', async () => {
      const roomId = randomUUID();
      storeRoom(roomId);
      const claims = await claimsOf(
        (await makeProvider({ tokenTtlSeconds: 120 }).joinRoom(roomId, visitor)).token,
      );
      expect((claims.exp ?? 0) - (claims.nbf ?? 0)).toBe(120);
    });

    it('refuses a configured lifetime over ten minutes', () => {
      expect(() => makeProvider({ tokenTtlSeconds: 601 })).toThrow();
    });

    it('reports LiveKit being down as PROVIDER_UNAVAILABLE after its retries', async () => {
      sdk.rooms.listRooms.mockRejectedValue(twirp(503, 'unavailable'));
      const error = await failure(makeProvider().joinRoom(randomUUID(), visitor));
      expect(error.code).toBe('PROVIDER_UNAVAILABLE');
      expect(error.retryable).toBe(true);
      expect(sdk.rooms.listRooms).toHaveBeenCalledTimes(3);
    });
  });

  describe('leaveRoom', () => {
    it('strips every permission before removing the participant', async () => {
      const roomId = randomUUID();
      await makeProvider().leaveRoom(roomId, 'visitor-1');

      expect(sdk.rooms.updateParticipant).toHaveBeenCalledExactlyOnceWith(roomId, 'visitor-1', {
        permission: expect.objectContaining({
          canPublish: false,
          canSubscribe: false,
          canPublishData: false,
        }),
      });
      expect(sdk.rooms.removeParticipant).toHaveBeenCalledExactlyOnceWith(roomId, 'visitor-1');
      const [stripped] = sdk.rooms.updateParticipant.mock.invocationCallOrder;
      const [removed] = sdk.rooms.removeParticipant.mock.invocationCallOrder;
      expect(stripped).toBeLessThan(removed!);
    });

    it('answers PARTICIPANT_NOT_FOUND for someone not in the room, and removes nobody', async () => {
      sdk.rooms.updateParticipant.mockRejectedValue(
        twirp(404, 'not_found', 'participant does not exist'),
      );
      const error = await failure(makeProvider().leaveRoom(randomUUID(), 'visitor-1'));
      expect(error.code).toBe('PARTICIPANT_NOT_FOUND');
      expect(sdk.rooms.updateParticipant).toHaveBeenCalledTimes(1);
      expect(sdk.rooms.removeParticipant).not.toHaveBeenCalled();
    });

    it('answers PARTICIPANT_NOT_FOUND when the participant left between the two calls', async () => {
      sdk.rooms.removeParticipant.mockRejectedValue(
        twirp(404, 'not_found', 'participant not found'),
      );
      const error = await failure(makeProvider().leaveRoom(randomUUID(), 'visitor-1'));
      expect(error.code).toBe('PARTICIPANT_NOT_FOUND');
    });

    it('retries a failed permission update and still removes the participant', async () => {
      sdk.rooms.updateParticipant.mockRejectedValueOnce(twirp(503, 'unavailable'));
      await makeProvider().leaveRoom(randomUUID(), 'visitor-1');
      expect(sdk.rooms.updateParticipant).toHaveBeenCalledTimes(2);
      expect(sdk.rooms.removeParticipant).toHaveBeenCalledTimes(1);
    });
  });

  describe('closeRoom', () => {
    it('deletes the LiveKit room', async () => {
      const roomId = randomUUID();
      await makeProvider().closeRoom(roomId);
      expect(sdk.rooms.deleteRoom).toHaveBeenCalledExactlyOnceWith(roomId);
    });

    it('succeeds for a room that is already gone, without retrying', async () => {
      sdk.rooms.deleteRoom.mockRejectedValue(
        twirp(404, 'not_found', 'requested room does not exist'),
      );
      await expect(makeProvider().closeRoom(randomUUID())).resolves.toBeUndefined();
      expect(sdk.rooms.deleteRoom).toHaveBeenCalledTimes(1);
    });

    it('reports LiveKit being down as PROVIDER_UNAVAILABLE after its retries', async () => {
      sdk.rooms.deleteRoom.mockRejectedValue(twirp(503, 'unavailable'));
      const error = await failure(makeProvider().closeRoom(randomUUID()));
      expect(error.code).toBe('PROVIDER_UNAVAILABLE');
      expect(sdk.rooms.deleteRoom).toHaveBeenCalledTimes(3);
    });

    it('does not swallow a refusal', async () => {
      sdk.rooms.deleteRoom.mockRejectedValue(twirp(401, 'unauthenticated'));
      expect((await failure(makeProvider().closeRoom(randomUUID()))).code).toBe(
        'PERMISSION_DENIED',
      );
    });
  });

  describe('listParticipants', () => {
    it('reads role from attributes and turns joinedAt seconds into a Date', async () => {
      const roomId = randomUUID();
      sdk.rooms.listParticipants.mockResolvedValue([
        new ParticipantInfo({
          identity: 'staff-1',
          name: 'Nurse Ada',
          attributes: { role: 'host' },
          joinedAt: 1_700_000_000n,
        }),
        new ParticipantInfo({
          identity: 'visitor-1',
          name: 'Daughter',
          attributes: { role: 'visitor' },
          joinedAt: 1_700_000_042n,
        }),
        // Someone who joined with a token we did not shape: never promoted to host.
        new ParticipantInfo({ identity: 'egress-1', name: '', joinedAt: 1_700_000_050n }),
      ]);

      expect(await makeProvider().listParticipants(roomId)).toEqual([
        {
          identity: 'staff-1',
          displayName: 'Nurse Ada',
          role: 'host',
          joinedAt: new Date('2023-11-14T22:13:20.000Z'),
        },
        {
          identity: 'visitor-1',
          displayName: 'Daughter',
          role: 'visitor',
          joinedAt: new Date('2023-11-14T22:14:02.000Z'),
        },
        {
          identity: 'egress-1',
          displayName: '',
          role: 'visitor',
          joinedAt: new Date('2023-11-14T22:14:10.000Z'),
        },
      ]);
      expect(sdk.rooms.listParticipants).toHaveBeenCalledWith(roomId);
    });

    it('answers an empty list for a room LiveKit does not know', async () => {
      sdk.rooms.listParticipants.mockRejectedValue(
        twirp(404, 'not_found', 'requested room does not exist'),
      );
      expect(await makeProvider().listParticipants(randomUUID())).toEqual([]);
    });

    it('reports other failures', async () => {
      sdk.rooms.listParticipants.mockRejectedValue(twirp(500, 'internal'));
      expect((await failure(makeProvider().listParticipants(randomUUID()))).code).toBe(
        'PROVIDER_UNAVAILABLE',
      );
    });
  });

  describe('health', () => {
    it('is ok with a measured latency when LiveKit answers', async () => {
      const health = await makeProvider().health();
      expect(health.ok).toBe(true);
      expect(health.latencyMs).toBeGreaterThanOrEqual(0);
      expect(health.detail).toBeUndefined();
      expect(sdk.rooms.listRooms).toHaveBeenCalledTimes(1);
    });

    it('reports a failure as not ok with the reason, once, without throwing', async () => {
      sdk.rooms.listRooms.mockRejectedValue(
        Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
      );
      const health = await makeProvider().health();
      expect(health.ok).toBe(false);
      expect(health.latencyMs).toBeGreaterThanOrEqual(0);
      expect(health.detail).toMatch(/could not reach the server: fetch failed/);
      expect(sdk.rooms.listRooms).toHaveBeenCalledTimes(1);
    });

    it('reports a rejected API key as not ok', async () => {
      sdk.rooms.listRooms.mockRejectedValue(twirp(401, undefined, 'invalid API key: APIunittest'));
      const health = await makeProvider().health();
      expect(health).toMatchObject({
        ok: false,
        detail: expect.stringContaining('invalid API key'),
      });
    });
  });

  describe('startRecording', () => {
    const started = (status: EgressStatus) =>
      new EgressInfo({ egressId: 'EG_1', roomName: 'room', status });

    it('records the room as a composite file under the recordings directory', async () => {
      const roomId = randomUUID();
      sdk.egress.startRoomCompositeEgress.mockResolvedValue(started(EgressStatus.EGRESS_STARTING));
      const handle = await makeProvider({ recordingsDir: '/srv/recordings/' }).startRecording(
        roomId,
        { fileName: `visit-${roomId}-1` },
      );

      expect(handle).toEqual({ recordingId: 'EG_1', status: 'starting' });
      const [room, output, options] = sdk.egress.startRoomCompositeEgress.mock.calls[0]!;
      expect(room).toBe(roomId);
      expect(output).toBeInstanceOf(EncodedFileOutput);
      expect(output.filepath).toBe(`/srv/recordings/visit-${roomId}-1`);
      expect(output.fileType).toBe(EncodedFileType.DEFAULT_FILETYPE);
      expect(options).toEqual({ layout: 'grid' });
    });

    it('reports an egress that is already running as active', async () => {
      sdk.egress.startRoomCompositeEgress.mockResolvedValue(started(EgressStatus.EGRESS_ACTIVE));
      const handle = await makeProvider().startRecording(randomUUID(), { fileName: 'f' });
      expect(handle.status).toBe('active');
    });

    it('turns an outage into RECORDING_FAILED that stays retryable', async () => {
      sdk.egress.startRoomCompositeEgress.mockRejectedValue(twirp(503, 'unavailable'));
      const error = await failure(makeProvider().startRecording(randomUUID(), { fileName: 'f' }));
      expect(error.code).toBe('RECORDING_FAILED');
      expect(error.retryable).toBe(true);
      expect(error.cause).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
      expect(sdk.egress.startRoomCompositeEgress).toHaveBeenCalledTimes(3);
    });

    it('turns a refusal into RECORDING_FAILED that is not retryable', async () => {
      sdk.egress.startRoomCompositeEgress.mockRejectedValue(twirp(403, 'permission_denied'));
      const error = await failure(makeProvider().startRecording(randomUUID(), { fileName: 'f' }));
      expect(error.code).toBe('RECORDING_FAILED');
      expect(error.retryable).toBe(false);
      expect(error.message).toMatch(/^Recording could not start/);
    });

    it('keeps ROOM_NOT_FOUND when the room is gone', async () => {
      sdk.egress.startRoomCompositeEgress.mockRejectedValue(
        twirp(404, 'not_found', 'requested room does not exist'),
      );
      const error = await failure(makeProvider().startRecording(randomUUID(), { fileName: 'f' }));
      expect(error.code).toBe('ROOM_NOT_FOUND');
    });
  });

  describe('stopRecording', () => {
    it('stops the egress', async () => {
      sdk.egress.stopEgress.mockResolvedValue(new EgressInfo({ egressId: 'EG_1' }));
      await makeProvider().stopRecording('EG_1');
      expect(sdk.egress.stopEgress).toHaveBeenCalledExactlyOnceWith('EG_1');
    });

    it('reports an outage after its retries', async () => {
      sdk.egress.stopEgress.mockRejectedValue(twirp(503, 'unavailable'));
      const error = await failure(makeProvider().stopRecording('EG_1'));
      expect(error.code).toBe('PROVIDER_UNAVAILABLE');
      expect(sdk.egress.stopEgress).toHaveBeenCalledTimes(3);
    });
  });

  describe('recordingStatus', () => {
    it.each([
      [EgressStatus.EGRESS_STARTING, 'starting'],
      [EgressStatus.EGRESS_ACTIVE, 'active'],
      [EgressStatus.EGRESS_ENDING, 'active'],
      [EgressStatus.EGRESS_COMPLETE, 'ended'],
      [EgressStatus.EGRESS_FAILED, 'failed'],
      [EgressStatus.EGRESS_ABORTED, 'failed'],
    ])('maps egress status %s to %s', async (status, expected) => {
      sdk.egress.listEgress.mockResolvedValue([new EgressInfo({ egressId: 'EG_1', status })]);
      const recording = await makeProvider().recordingStatus('EG_1');
      expect(recording?.status).toBe(expected);
      expect(sdk.egress.listEgress).toHaveBeenCalledWith({ egressId: 'EG_1' });
    });

    it('reads the location of the first file, falling back to its name', async () => {
      sdk.egress.listEgress.mockResolvedValueOnce([
        new EgressInfo({
          egressId: 'EG_1',
          status: EgressStatus.EGRESS_COMPLETE,
          fileResults: [{ filename: 'visit.mp4', location: 's3://bucket/visit.mp4' }],
        }),
      ]);
      expect(await makeProvider().recordingStatus('EG_1')).toEqual({
        recordingId: 'EG_1',
        status: 'ended',
        location: 's3://bucket/visit.mp4',
        error: null,
      });

      sdk.egress.listEgress.mockResolvedValueOnce([
        new EgressInfo({
          egressId: 'EG_1',
          status: EgressStatus.EGRESS_COMPLETE,
          fileResults: [{ filename: '/srv/recordings/visit.mp4' }],
        }),
      ]);
      expect((await makeProvider().recordingStatus('EG_1'))?.location).toBe(
        '/srv/recordings/visit.mp4',
      );
    });

    it('has no location before a file exists, even when egress already names it', async () => {
      sdk.egress.listEgress.mockResolvedValue([
        new EgressInfo({ egressId: 'EG_1', status: EgressStatus.EGRESS_ACTIVE }),
      ]);
      expect((await makeProvider().recordingStatus('EG_1'))?.location).toBeNull();
      sdk.egress.listEgress.mockResolvedValue([
        new EgressInfo({
          egressId: 'EG_1',
          status: EgressStatus.EGRESS_ENDING,
          fileResults: [{ filename: '/srv/recordings/visit.mp4' }],
        }),
      ]);
      expect((await makeProvider().recordingStatus('EG_1'))?.location).toBeNull();
    });

    it('keeps the reason of a failure, or says it stopped unexpectedly', async () => {
      sdk.egress.listEgress.mockResolvedValueOnce([
        new EgressInfo({
          egressId: 'EG_1',
          status: EgressStatus.EGRESS_FAILED,
          error: 'pipeline error',
        }),
      ]);
      expect((await makeProvider().recordingStatus('EG_1'))?.error).toBe('pipeline error');

      sdk.egress.listEgress.mockResolvedValueOnce([
        new EgressInfo({ egressId: 'EG_1', status: EgressStatus.EGRESS_ABORTED }),
      ]);
      expect((await makeProvider().recordingStatus('EG_1'))?.error).toBe(
        'The recording stopped unexpectedly.',
      );
    });

    it('answers null for an egress LiveKit does not list', async () => {
      sdk.egress.listEgress.mockResolvedValue([
        new EgressInfo({ egressId: 'EG_other', status: EgressStatus.EGRESS_ACTIVE }),
      ]);
      expect(await makeProvider().recordingStatus('EG_1')).toBeNull();
    });

    it('reports an outage', async () => {
      sdk.egress.listEgress.mockRejectedValue(twirp(503, 'unavailable'));
      expect((await failure(makeProvider().recordingStatus('EG_1'))).code).toBe(
        'PROVIDER_UNAVAILABLE',
      );
    });
  });

  describe('receiveWebhook', () => {
    it.each([
      ['room_started', 'room_started'],
      ['room_finished', 'room_finished'],
      ['participant_joined', 'participant_joined'],
      ['participant_left', 'participant_left'],
      ['egress_started', 'recording_started'],
      ['egress_updated', 'recording_updated'],
      ['egress_ended', 'recording_ended'],
      ['track_published', 'other'],
      ['participant_connection_aborted', 'other'],
    ])('maps %s to %s', async (name, kind) => {
      sdk.receiver.receive.mockResolvedValue(webhookEvent({ id: 'EV_1', event: name }));
      const event = await makeProvider().receiveWebhook('{}', 'jwt');
      expect(event.kind).toBe(kind);
      expect(event.name).toBe(name);
    });

    it('hands the raw body and the Authorization header to the verifier', async () => {
      sdk.receiver.receive.mockResolvedValue(webhookEvent({ id: 'EV_1', event: 'room_started' }));
      await makeProvider().receiveWebhook('{"raw":true}', 'signed.jwt.here');
      expect(sdk.receiver.receive).toHaveBeenCalledExactlyOnceWith(
        '{"raw":true}',
        'signed.jwt.here',
      );
    });

    it('extracts the room, the identity and the time of a participant event', async () => {
      const roomId = randomUUID();
      sdk.receiver.receive.mockResolvedValue(
        webhookEvent({
          id: 'EV_joined',
          event: 'participant_joined',
          room: { name: roomId },
          participant: { identity: 'visitor-1' },
          createdAt: '1700000000',
        }),
      );
      expect(await makeProvider().receiveWebhook('{}', 'jwt')).toEqual({
        id: 'EV_joined',
        kind: 'participant_joined',
        name: 'participant_joined',
        roomId,
        identity: 'visitor-1',
        recording: null,
        createdAt: new Date('2023-11-14T22:13:20.000Z'),
      });
    });

    it('takes the room of an egress event from its egress and reduces the egress to a recording', async () => {
      const roomId = randomUUID();
      sdk.receiver.receive.mockResolvedValue(
        webhookEvent({
          id: 'EV_ended',
          event: 'egress_ended',
          egressInfo: {
            egressId: 'EG_1',
            roomName: roomId,
            status: 'EGRESS_COMPLETE',
            fileResults: [{ filename: 'visit.mp4', location: '/srv/recordings/visit.mp4' }],
          },
        }),
      );
      const event = await makeProvider().receiveWebhook('{}', 'jwt');
      expect(event).toMatchObject({
        kind: 'recording_ended',
        roomId,
        identity: null,
        createdAt: null,
        recording: {
          recordingId: 'EG_1',
          status: 'ended',
          location: '/srv/recordings/visit.mp4',
          error: null,
        },
      });
    });

    it('turns any verification failure into PERMISSION_DENIED, keeping the cause', async () => {
      const cause = new Error('sha256 checksum of body does not match');
      sdk.receiver.receive.mockRejectedValue(cause);
      const error = await failure(makeProvider().receiveWebhook('{}', 'jwt'));
      expect(error.code).toBe('PERMISSION_DENIED');
      expect(error.retryable).toBe(false);
      expect(error.cause).toBe(cause);
    });

    it('turns a missing Authorization header into PERMISSION_DENIED', async () => {
      sdk.receiver.receive.mockRejectedValue(new Error('authorization header is empty'));
      const error = await failure(makeProvider().receiveWebhook('{}', undefined));
      expect(error.code).toBe('PERMISSION_DENIED');
      expect(sdk.receiver.receive).toHaveBeenCalledWith('{}', undefined);
    });
  });
});
