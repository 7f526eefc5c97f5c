import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { JoinCredentials } from '@openconnect/contracts';
import { FakeSocket } from '../../realtime/fake-socket.ts';
import { FakePeerConnection, FakeStream, fakeMediaDevices } from './fake-webrtc.ts';
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

const welcome = {
  type: 'welcome',
  self: { identity: 'a-host', name: 'Sam', role: 'host' },
  peers: [{ identity: 'b-visitor', name: 'Ann', role: 'visitor' }],
  maxParticipants: 4,
  heartbeatIntervalMs: 10_000,
};

let sockets: FakeSocket[];
/** Opens the camera that connect() asked for. */
let openCamera: () => void;

beforeEach(() => {
  sockets = [];
  FakePeerConnection.all = [];
  const media = fakeMediaDevices();
  const cameraOpened = new Promise<void>((resolve) => (openCamera = resolve));
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
  vi.stubGlobal('navigator', {
    mediaDevices: {
      ...media,
      getUserMedia: (constraints: MediaStreamConstraints) =>
        cameraOpened.then(() => media.getUserMedia(constraints)),
    },
  });
});
afterEach(() => vi.unstubAllGlobals());

it('opens the signaling socket while the camera opens, and meets the others with its camera', async () => {
  const room = new P2PRoom({ credentials });
  const joined = room.connect();
  // The socket is there before the camera: the join does not wait for it.
  expect(sockets).toHaveLength(1);
  const socket = sockets[0]!;
  socket.open();
  socket.push(welcome);
  await Promise.resolve();
  // What the server said waits for the camera, so no link starts without our tracks.
  expect(FakePeerConnection.all).toHaveLength(0);
  expect(room.snapshot.state).toBe('connecting');

  openCamera();
  await joined;

  expect(room.snapshot.state).toBe('connected');
  expect(FakePeerConnection.all).toHaveLength(1);
  expect(FakePeerConnection.all[0]!.senders.map((s) => s.track?.kind)).toEqual(['audio', 'video']);
  room.leave();
});

it('drops what the server said when the person left before the camera opened', async () => {
  const room = new P2PRoom({ credentials });
  const joined = room.connect();
  const socket = sockets[0]!;
  socket.open();
  socket.push(welcome);
  room.leave();
  openCamera();
  await expect(joined).rejects.toThrow('left');
  expect(room.snapshot.state).toBe('disconnected');
  expect(FakePeerConnection.all).toHaveLength(0);
});
