import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { ConnectionState, DisconnectReason, RoomEvent } from 'livekit-client';
import type { ReceivedDataMessage, RoomEvents } from '../room-types.ts';
import { decodeDataMessage, encodeDataMessage } from '../video-room/data-protocol.ts';
import { fakeRooms, type FakeRoom } from './fake-livekit-room.ts';
import { LiveKitCall, type LiveKitCredentials } from './livekit-call.ts';

// The fake is imported inside the factory: vi.mock runs before the file's imports.
vi.mock('livekit-client', async (original) => {
  const fake = await import('./fake-livekit-room.ts');
  return fake.fakeLiveKit(await original());
});

const credentials: LiveKitCredentials = {
  provider: 'livekit',
  url: 'ws://livekit.test',
  token: 'tok',
  roomId: 'room-1',
  identity: 'a-host',
  displayName: 'Sam',
  role: 'host',
  expiresAt: '2030-01-01T00:00:00.000Z',
  capabilities: {
    recording: true,
    screenShare: true,
    reactions: true,
    chat: true,
    maxParticipants: 4,
  },
};

/** Lets the call's promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let calls: LiveKitCall[];

/** A call that has started connecting, with its fake Room and what it emitted. */
function startCall() {
  const call = new LiveKitCall({
    credentials,
    media: { cameraId: 'cam-2', microphoneId: 'mic-2' },
  });
  calls.push(call);
  const data: ReceivedDataMessage[] = [];
  const recording: boolean[] = [];
  const errors: RoomEvents['error'][] = [];
  call.on('data', (message) => data.push(message));
  call.on('recording', (on) => recording.push(on));
  call.on('error', (error) => errors.push(error));
  call.connect();
  const room = fakeRooms.at(-1)!;
  return { call, room, data, recording, errors };
}

async function connectedCall() {
  const started = startCall();
  started.room.acceptConnect();
  await settle();
  return started;
}

const participant = (identity: string, isLocal = false) => ({ identity, isLocal });

beforeEach(() => {
  fakeRooms.length = 0;
  calls = [];
});
afterEach(() => calls.forEach((call) => call.close()));

it('publishes camera and microphone only once the recording notice is settled, and never when the person leaves', async () => {
  for (const [answer, published] of [
    [true, 1],
    [false, 0],
  ] as const) {
    let settleNotice: (publish: boolean) => void = () => undefined;
    const asked: boolean[] = [];
    const call = new LiveKitCall({
      credentials,
      beforePublish: (recording) => {
        asked.push(recording);
        return new Promise((resolve) => (settleNotice = resolve));
      },
    });
    calls.push(call);
    call.connect();
    const room = fakeRooms.at(-1)!;
    room.isRecording = true;
    room.acceptConnect();
    await settle();
    // Connected and recorded: asked, and nothing published while the notice is open.
    expect(asked).toEqual([true]);
    expect(room.localParticipant.enableCameraAndMicrophone).not.toHaveBeenCalled();
    settleNotice(answer);
    await settle();
    expect(room.localParticipant.enableCameraAndMicrophone).toHaveBeenCalledTimes(published);
  }
});

it('joins with the credentials, the waiting room’s devices at 720p, then turns them on', async () => {
  const { call, room } = startCall();
  expect(call.store.get()).toMatchObject({ room, state: 'connecting', reason: null });
  expect(room.connects).toEqual([['ws://livekit.test', 'tok']]);
  expect(room.options.videoCaptureDefaults).toMatchObject({
    deviceId: 'cam-2',
    resolution: { width: 1280, height: 720 },
  });
  expect(room.options.audioCaptureDefaults).toMatchObject({ deviceId: 'mic-2' });

  room.acceptConnect();
  await settle();
  expect(call.store.get().state).toBe('connected');
  expect(room.localParticipant.enableCameraAndMicrophone).toHaveBeenCalledOnce();
});

it('prepares the connection with the credentials as soon as it is created, before connecting', () => {
  const call = new LiveKitCall({ credentials });
  calls.push(call);
  const room = fakeRooms.at(-1)!;
  expect(room.prepared).toEqual([['ws://livekit.test', 'tok', false]]);
  call.connect();
  expect(room.connects).toEqual([['ws://livekit.test', 'tok']]);
  expect(room.prepared).toHaveLength(1);
});

it('reports both kinds of reconnecting as one, and connected again after', async () => {
  const { call, room } = await connectedCall();
  room.emit(RoomEvent.ConnectionStateChanged, ConnectionState.SignalReconnecting);
  expect(call.store.get().state).toBe('reconnecting');
  room.emit(RoomEvent.ConnectionStateChanged, ConnectionState.Reconnecting);
  expect(call.store.get().state).toBe('reconnecting');
  room.emit(RoomEvent.ConnectionStateChanged, ConnectionState.Connected);
  expect(call.store.get()).toMatchObject({ state: 'connected', reason: null });
});

it.each([
  ['PARTICIPANT_REMOVED', 'kicked', DisconnectReason.PARTICIPANT_REMOVED],
  ['ROOM_DELETED', 'room-closed', DisconnectReason.ROOM_DELETED],
  ['DUPLICATE_IDENTITY', 'replaced', DisconnectReason.DUPLICATE_IDENTITY],
  ['no reason (connection lost)', 'network', undefined],
] as const)('says why the call ended: LiveKit’s %s is %s', async (_name, reason, why) => {
  const { call, room } = await connectedCall();
  room.emit(RoomEvent.ConnectionStateChanged, ConnectionState.Disconnected);
  room.emit(RoomEvent.Disconnected, why);
  expect(call.store.get()).toMatchObject({ state: 'disconnected', reason });
});

it('ends with reason `left` when the participant leaves', async () => {
  const { call } = await connectedCall();
  call.leave();
  expect(call.store.get()).toMatchObject({ state: 'disconnected', reason: 'left' });
});

it('ends with reason `network` when the join fails, and says why', async () => {
  const { call, room, errors } = startCall();
  room.refuseConnect(new Error('could not establish signal connection'));
  await settle();
  expect(call.store.get()).toMatchObject({ state: 'disconnected', reason: 'network' });
  expect(errors).toEqual([
    { kind: 'signaling', message: expect.stringContaining('could not establish signal') },
  ]);
  expect(room.localParticipant.enableCameraAndMicrophone).not.toHaveBeenCalled();
});

it('stays in the call when camera or microphone cannot start', async () => {
  const { call, room, errors } = startCall();
  room.localParticipant.enableCameraAndMicrophone.mockRejectedValueOnce(
    new Error('NotAllowedError'),
  );
  room.acceptConnect();
  await settle();
  expect(call.store.get().state).toBe('connected');
  expect(errors).toEqual([{ kind: 'media', message: expect.stringContaining('NotAllowedError') }]);
});

it('passes on reactions and chat from participants on our topic, and nothing else', async () => {
  const { room, data } = await connectedCall();
  const bytes = encodeDataMessage({ type: 'chat', text: ' Hello ' });
  room.emit(RoomEvent.DataReceived, bytes, participant('b-visitor'), 0, 'openconnect');
  room.emit(RoomEvent.DataReceived, bytes, participant('b-visitor'), 0, 'someone-else');
  room.emit(RoomEvent.DataReceived, bytes, undefined, 0, 'openconnect');
  room.emit(
    RoomEvent.DataReceived,
    new TextEncoder().encode('{"type":"reaction","emoji":"🦄"}'),
    participant('b-visitor'),
    0,
    'openconnect',
  );
  expect(data).toEqual([
    {
      from: 'b-visitor',
      message: { type: 'chat', text: 'Hello' },
      receivedAt: expect.any(Number),
    },
  ]);
});

it('reports recording already on at join, and when it stops', async () => {
  const { room, recording } = startCall();
  room.isRecording = true;
  room.acceptConnect();
  await settle();
  room.emit(RoomEvent.RecordingStatusChanged, false);
  expect(recording).toEqual([true, false]);
});

it('keeps the remote participant heard last for the speaker layout', async () => {
  const { call, room } = await connectedCall();
  room.emit(RoomEvent.ActiveSpeakersChanged, [participant('a-host', true), participant('b')]);
  expect(call.store.get().activeSpeaker).toBe('b');
  room.emit(RoomEvent.ActiveSpeakersChanged, []);
  room.emit(RoomEvent.ActiveSpeakersChanged, [participant('a-host', true)]);
  expect(call.store.get().activeSpeaker).toBe('b');
  room.emit(RoomEvent.ActiveSpeakersChanged, [participant('c')]);
  expect(call.store.get().activeSpeaker).toBe('c');
});

it('does not notify subscribers when nothing changed', async () => {
  const { call, room } = await connectedCall();
  const listener = vi.fn();
  call.store.subscribe(listener);
  room.emit(RoomEvent.ActiveSpeakersChanged, [participant('b')]);
  room.emit(RoomEvent.ActiveSpeakersChanged, [participant('b')]);
  room.emit(RoomEvent.ConnectionStateChanged, ConnectionState.Connected);
  expect(listener).toHaveBeenCalledOnce();
});

it('sends our messages reliably on our topic, only while connected', async () => {
  const { call, room, errors } = startCall();
  call.send({ type: 'reaction', emoji: '👍' });
  expect(room.localParticipant.publishData).not.toHaveBeenCalled();

  room.acceptConnect();
  await settle();
  call.send({ type: 'reaction', emoji: '👍' });
  const [bytes, options] = room.localParticipant.publishData.mock.calls[0]!;
  expect(decodeDataMessage(bytes)).toEqual({ type: 'reaction', emoji: '👍' });
  expect(options).toEqual({ reliable: true, topic: 'openconnect' });

  room.localParticipant.publishData.mockRejectedValueOnce(new Error('data channel closed'));
  call.send({ type: 'chat', text: 'hi' });
  await settle();
  expect(errors).toEqual([
    { kind: 'signaling', message: expect.stringContaining('data channel closed') },
  ]);
});

it('names participants: itself from the credentials, others from the room', async () => {
  const { call, room } = await connectedCall();
  room.remoteParticipants.set('b', { identity: 'b', name: 'Ann' });
  room.remoteParticipants.set('c', { identity: 'c', name: '' });
  expect(call.nameOf('a-host')).toBe('Sam');
  expect(call.nameOf('b')).toBe('Ann');
  expect(call.nameOf('c')).toBe('c');
  expect(call.nameOf('gone')).toBe('gone');
});

it('on close stops listening and disconnects, without reporting an end', async () => {
  const { call, room, data } = await connectedCall();
  call.close();
  expect(room.listenerCount()).toBe(0);
  expect(room.state).toBe(ConnectionState.Disconnected);
  expect(call.store.get().state).toBe('connected');
  room.emit(RoomEvent.DataReceived, encodeDataMessage({ type: 'chat', text: 'late' }));
  expect(data).toEqual([]);
});

it('ignores a join that completes after close', async () => {
  const { call, room } = startCall();
  call.close();
  room.acceptConnect();
  await settle();
  expect(call.store.get().state).toBe('connecting');
  expect(room.localParticipant.enableCameraAndMicrophone).not.toHaveBeenCalled();
});

it('connects the same room again after close (a strict-mode remount)', async () => {
  const { call, room } = startCall();
  call.close();
  call.connect();
  expect(fakeRooms).toHaveLength(1);
  expect(room.connects).toHaveLength(2);
  room.acceptConnect();
  await settle();
  expect(call.store.get().state).toBe('connected');
});

it('rejoins a lost call on a fresh room and leaves the old one alone', async () => {
  const { call, room: first } = await connectedCall();
  first.emit(RoomEvent.ActiveSpeakersChanged, [participant('b')]);
  first.emit(RoomEvent.Disconnected, undefined);
  expect(call.store.get()).toMatchObject({ state: 'disconnected', reason: 'network' });

  call.rejoin();
  const second = fakeRooms.at(-1)! satisfies FakeRoom;
  expect(second).not.toBe(first);
  expect(first.listenerCount()).toBe(0);
  expect(call.room).toBe(second);
  expect(call.store.get()).toMatchObject({
    state: 'connecting',
    reason: null,
    activeSpeaker: null,
  });
  second.acceptConnect();
  await settle();
  expect(call.store.get().state).toBe('connected');
});
