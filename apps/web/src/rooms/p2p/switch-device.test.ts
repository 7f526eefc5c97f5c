import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JoinCredentials } from '@openconnect/contracts';
import { FakeSocket } from '../../realtime/fake-socket.ts';
import { FakePeerConnection, FakeStream, type FakeTrack, fakeMediaDevices } from './fake-webrtc.ts';
import { P2PRoom } from './p2p-room.ts';

const credentials: Extract<JoinCredentials, { provider: 'p2p' }> = {
  provider: 'p2p',
  signalingUrl: 'ws://x/rtc',
  token: 'tok',
  iceServers: [],
  roomId: 'room-1',
  identity: 'a-host',
  displayName: 'Sam',
  role: 'host',
  expiresAt: '2030-01-01T00:00:00.000Z',
  capabilities: {
    recording: false,
    screenShare: true,
    reactions: true,
    chat: true,
    maxParticipants: 4,
  },
};

let sockets: FakeSocket[];
let media: ReturnType<typeof fakeMediaDevices>;

beforeEach(() => {
  sockets = [];
  media = fakeMediaDevices();
  FakePeerConnection.all = [];
  vi.stubGlobal(
    'WebSocket',
    class extends FakeSocket {
      constructor(url: string) {
        super(url);
        sockets.push(this);
      }
    },
  );
  vi.stubGlobal('MediaStream', FakeStream);
  vi.stubGlobal('RTCPeerConnection', FakePeerConnection);
  vi.stubGlobal('navigator', { mediaDevices: media });
});
afterEach(() => vi.unstubAllGlobals());

/** A room that joined with one other participant already in it. */
async function joinedRoom(): Promise<P2PRoom> {
  const room = new P2PRoom({ credentials });
  const joined = room.connect();
  await vi.waitFor(() => expect(sockets).toHaveLength(1));
  const socket = sockets[0]!;
  socket.open();
  socket.push({
    type: 'welcome',
    self: { identity: 'a-host', name: 'Sam', role: 'host' },
    peers: [{ identity: 'b-visitor', name: 'Ann', role: 'visitor' }],
    maxParticipants: 4,
    heartbeatIntervalMs: 10_000,
  });
  await joined;
  return room;
}

const sentTracks = () => FakePeerConnection.all[0]!.senders.map((s) => s.track);

describe('switching devices mid-call', () => {
  it('sends the new camera on the same sender, stops the old one and keeps the microphone', async () => {
    const room = await joinedRoom();
    const [mic, oldCamera] = sentTracks() as [FakeTrack, FakeTrack];
    expect(room.activeDevice('videoinput')).toBe('cam-1');

    await room.switchDevice('videoinput', 'cam-2');

    expect(media.requests.at(-1)).toEqual({ video: { deviceId: { exact: 'cam-2' } } });
    const senders = FakePeerConnection.all[0]!.senders;
    expect(senders).toHaveLength(2);
    expect(senders[1]?.replaced.map((t) => t.deviceId)).toEqual(['cam-2']);
    expect(oldCamera.readyState).toBe('ended');
    expect(mic.readyState).toBe('live');
    expect(room.activeDevice('videoinput')).toBe('cam-2');
    expect(room.snapshot.local?.stream?.getVideoTracks()[0]?.id).toBe(senders[1]?.track.id);
    room.leave();
  });

  it('keeps a muted microphone muted on the new device', async () => {
    const room = await joinedRoom();
    room.setMicrophoneEnabled(false);

    await room.switchDevice('audioinput', 'mic-2');

    const newMic = FakePeerConnection.all[0]!.senders[0]!.track;
    expect(newMic.deviceId).toBe('mic-2');
    expect(newMic.enabled).toBe(false);
    expect(room.snapshot.local?.micEnabled).toBe(false);
    room.leave();
  });

  it('keeps the old device when the new one cannot be opened', async () => {
    const room = await joinedRoom();
    const oldCamera = sentTracks()[1]!;
    media.refuseNext('NotReadableError');

    await expect(room.switchDevice('videoinput', 'cam-2')).rejects.toThrow('NotReadableError');

    expect(oldCamera.readyState).toBe('live');
    expect(room.activeDevice('videoinput')).toBe('cam-1');
    expect(sentTracks()[1]).toBe(oldCamera);
    room.leave();
  });
});
