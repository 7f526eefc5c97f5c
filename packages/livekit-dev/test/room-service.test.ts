// RoomService over real HTTP with the unmodified livekit-server-sdk RoomServiceClient.
// Participants and tracks are put in the registry directly: the signal layer is tested elsewhere.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateRoomRequest,
  ListRoomsRequest,
  ListRoomsResponse,
  Room,
  TrackType,
} from '@livekit/protocol';
import { DataPacket_Kind, RoomServiceClient, TwirpError } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveKitDevServer, type LiveKitDevServer, type RegistryEvents } from '../src/index.ts';
import { accessToken } from './support/tokens.ts';

let server: LiveKitDevServer;
let client: RoomServiceClient;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'livekit-dev-rooms-'));
  server = await startLiveKitDevServer({ port: 0, recordingsDir: dir });
  client = new RoomServiceClient(server.url, server.apiKey, server.apiSecret);
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

function nextEvent<K extends keyof RegistryEvents>(name: K): Promise<RegistryEvents[K][0]> {
  return new Promise((resolve) =>
    server.registry.once(name, ((event: RegistryEvents[K][0]) => resolve(event)) as never),
  );
}

function seat(room: string, identity: string) {
  server.registry.ensureRoom(room);
  return server.registry.joinParticipant(room, { identity, name: identity });
}

async function twirpFailure(call: Promise<unknown>): Promise<TwirpError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TwirpError);
  return err as TwirpError;
}

describe('RoomService', () => {
  it('creates a room with its timeouts, limit and metadata, and creating it again returns the same room', async () => {
    const room = await client.createRoom({
      name: 'create-me',
      emptyTimeout: 42,
      departureTimeout: 7,
      maxParticipants: 3,
      metadata: 'm',
    });
    expect(room).toMatchObject({
      name: 'create-me',
      emptyTimeout: 42,
      departureTimeout: 7,
      maxParticipants: 3,
      metadata: 'm',
    });
    expect(room.sid).toMatch(/^RM_/);
    const again = await client.createRoom({ name: 'create-me' });
    expect(again.sid).toBe(room.sid);
  });

  it('applies LiveKit default timeouts to a room created without them', async () => {
    const room = await client.createRoom({ name: 'defaults' });
    expect(room.emptyTimeout).toBe(300);
    expect(room.departureTimeout).toBe(20);
  });

  it('lists all rooms, or only the named ones', async () => {
    await client.createRoom({ name: 'list-a' });
    await client.createRoom({ name: 'list-b' });
    const all = (await client.listRooms()).map((r) => r.name);
    expect(all).toEqual(expect.arrayContaining(['list-a', 'list-b']));
    const some = await client.listRooms(['list-b', 'missing']);
    expect(some.map((r) => r.name)).toEqual(['list-b']);
  });

  it('deletes a room, disconnecting its participants, and answers not_found for an unknown room', async () => {
    seat('delete-me', 'alice');
    const removed = nextEvent('participantRemoved');
    await client.deleteRoom('delete-me');
    expect((await removed).participant.identity).toBe('alice');
    expect(await client.listRooms(['delete-me'])).toEqual([]);
    const err = await twirpFailure(client.deleteRoom('delete-me'));
    expect([err.status, err.code, err.message]).toEqual([
      404,
      'not_found',
      'requested room does not exist',
    ]);
  });

  it('lists and gets participants, and answers not_found for an unknown participant', async () => {
    const alice = seat('people', 'alice');
    seat('people', 'bob');
    const list = await client.listParticipants('people');
    expect(list.map((p) => p.identity).sort()).toEqual(['alice', 'bob']);
    const got = await client.getParticipant('people', 'alice');
    expect(got.sid).toBe(alice.sid);
    const err = await twirpFailure(client.getParticipant('people', 'nobody'));
    expect([err.status, err.code, err.message]).toEqual([
      404,
      'not_found',
      'participant does not exist',
    ]);
  });

  it('lists no participants for a room it does not know, as LiveKit does', async () => {
    expect(await client.listParticipants('never-created')).toEqual([]);
  });

  it('removes a participant and tells its connection to close', async () => {
    seat('kick', 'mallory');
    const removed = nextEvent('participantRemoved');
    await client.removeParticipant('kick', 'mallory');
    expect((await removed).participant.identity).toBe('mallory');
    expect(await client.listParticipants('kick')).toEqual([]);
    const err = await twirpFailure(client.removeParticipant('kick', 'mallory'));
    expect([err.status, err.code, err.message]).toEqual([
      404,
      'not_found',
      'participant not found',
    ]);
  });

  it('mutes a published track and asks the publisher to follow', async () => {
    seat('mute', 'speaker');
    const track = server.registry.publishTrack('mute', 'speaker', {
      type: TrackType.AUDIO,
      name: 'mic',
    });
    const muted = nextEvent('trackMuted');
    const result = await client.mutePublishedTrack('mute', 'speaker', track.sid, true);
    expect(result?.muted).toBe(true);
    expect(await muted).toMatchObject({ muted: true, byServer: true });
    expect((await client.getParticipant('mute', 'speaker')).tracks[0]?.muted).toBe(true);
  });

  it('refuses a remote unmute unless it is enabled, and answers not_found for an unknown track', async () => {
    seat('unmute', 'speaker');
    const track = server.registry.publishTrack('unmute', 'speaker', { type: TrackType.AUDIO });
    const err = await twirpFailure(
      client.mutePublishedTrack('unmute', 'speaker', track.sid, false),
    );
    expect([err.status, err.code, err.message]).toEqual([
      412,
      'failed_precondition',
      'remote unmute not enabled',
    ]);
    const missing = await twirpFailure(
      client.mutePublishedTrack('unmute', 'speaker', 'TR_missing', true),
    );
    expect([missing.status, missing.code, missing.message]).toEqual([
      404,
      'not_found',
      'track is not found',
    ]);
  });

  it('updates a participant’s metadata, name, attributes and permission', async () => {
    seat('update', 'carol');
    const updated = await client.updateParticipant('update', 'carol', {
      metadata: '{"role":"host"}',
      name: 'Carol',
      attributes: { seat: '1' },
      permission: { canPublish: false, canSubscribe: true, canPublishData: true },
    });
    expect(updated).toMatchObject({
      identity: 'carol',
      name: 'Carol',
      metadata: '{"role":"host"}',
      attributes: { seat: '1' },
    });
    expect(updated.permission?.canPublish).toBe(false);
    const err = await twirpFailure(client.updateParticipant('update', 'nobody', { metadata: 'x' }));
    expect([err.status, err.code]).toEqual([404, 'not_found']);
  });

  it('passes subscription changes to the participant’s connection', async () => {
    seat('subs', 'dave');
    const event = nextEvent('subscriptionsUpdated');
    await client.updateSubscriptions('subs', 'dave', ['TR_a', 'TR_b'], false);
    expect(await event).toMatchObject({ trackSids: ['TR_a', 'TR_b'], subscribe: false });
  });

  it('sends data to a room with its kind, topic and destinations', async () => {
    seat('data', 'erin');
    const event = nextEvent('dataSent');
    await client.sendData('data', new TextEncoder().encode('hello'), DataPacket_Kind.RELIABLE, {
      topic: 'chat',
      destinationIdentities: ['erin'],
    });
    const { message } = await event;
    expect(new TextDecoder().decode(message.payload)).toBe('hello');
    expect(message).toMatchObject({
      kind: DataPacket_Kind.RELIABLE,
      topic: 'chat',
      destinationIdentities: ['erin'],
    });
  });

  it('updates room metadata, and answers not_found for an unknown room', async () => {
    await client.createRoom({ name: 'meta' });
    const room = await client.updateRoomMetadata('meta', 'v2');
    expect(room.metadata).toBe('v2');
    const err = await twirpFailure(client.updateRoomMetadata('nowhere', 'x'));
    expect([err.status, err.code, err.message]).toEqual([
      404,
      'not_found',
      'requested room does not exist',
    ]);
  });

  it('rejects metadata over LiveKit’s 64000-byte limit with invalid_argument', async () => {
    await client.createRoom({ name: 'big-meta' });
    const err = await twirpFailure(client.updateRoomMetadata('big-meta', 'x'.repeat(64001)));
    expect([err.status, err.code]).toEqual([400, 'invalid_argument']);
  });

  it('serves the protobuf content type as well as JSON', async () => {
    const token = await accessToken(server.apiKey, server.apiSecret, {
      roomCreate: true,
      roomList: true,
    });
    const post = (method: string, body: Uint8Array) =>
      fetch(`${server.httpUrl}/twirp/livekit.RoomService/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/protobuf' },
        body,
      });
    const created = await post(
      'CreateRoom',
      new CreateRoomRequest({ name: 'proto-room', maxParticipants: 2 }).toBinary(),
    );
    expect(created.headers.get('content-type')).toBe('application/protobuf');
    const room = Room.fromBinary(new Uint8Array(await created.arrayBuffer()));
    expect(room).toMatchObject({ name: 'proto-room', maxParticipants: 2 });
    const listed = await post(
      'ListRooms',
      new ListRoomsRequest({ names: ['proto-room'] }).toBinary(),
    );
    const rooms = ListRoomsResponse.fromBinary(new Uint8Array(await listed.arrayBuffer())).rooms;
    expect(rooms.map((r) => r.sid)).toEqual([room.sid]);
  });

  it('answers bad_route for an unknown method or an unsupported content type', async () => {
    const token = await accessToken(server.apiKey, server.apiSecret, { roomCreate: true });
    const unknown = await fetch(`${server.httpUrl}/twirp/livekit.RoomService/Nope`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'bad_route' });
    const text = await fetch(`${server.httpUrl}/twirp/livekit.RoomService/CreateRoom`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain' },
      body: 'x',
    });
    expect(text.status).toBe(404);
    expect(await text.json()).toMatchObject({ code: 'bad_route' });
  });
});
