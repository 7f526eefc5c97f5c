// LiveKit's native client (@livekit/rtc-node, a second implementation independent of
// livekit-client) publishes generated audio and video through the development server, and a
// second rtc-node participant receives decoded frames of both. rtc-node joins on `/rtc/v1` (one
// peer connection) by default and on the classic `/rtc` with `singlePeerConnection: false`; both
// are covered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AudioStream,
  Room,
  RoomEvent,
  TrackKind,
  TrackSource,
  VideoStream,
  dispose,
  type RemoteTrack,
} from '@livekit/rtc-node';
import {
  publishGeneratedMedia,
  SAMPLE_RATE,
  VIDEO_HEIGHT,
  VIDEO_WIDTH,
} from './fixtures/generated-media.ts';
import {
  expectJoinedOn,
  SIGNAL_MODES,
  startSignalServer,
  type TestSignalServer,
} from './fixtures/signal-server.ts';

async function firstFrames<T>(
  stream: ReadableStream<T>,
  count: number,
  timeoutMs: number,
): Promise<T[]> {
  const reader = stream.getReader();
  const frames: T[] = [];
  const deadline = setTimeout(() => void reader.cancel(), timeoutMs);
  try {
    while (frames.length < count) {
      const { done, value } = await reader.read();
      if (done) break;
      frames.push(value);
    }
  } finally {
    clearTimeout(deadline);
    reader.releaseLock();
  }
  return frames;
}

afterAll(async () => {
  await dispose();
});

describe.each(SIGNAL_MODES)(
  '@livekit/rtc-node against the development server over $path',
  (mode) => {
    const subscribed = new Map<TrackKind, RemoteTrack>();
    let server: TestSignalServer;
    let publisher: Room;
    let subscriber: Room;
    let stopMedia: (() => void) | undefined;

    beforeAll(async () => {
      server = await startSignalServer();
      publisher = new Room();
      subscriber = new Room();
      subscriber.on(RoomEvent.TrackSubscribed, (track) => {
        if (track.kind !== undefined) subscribed.set(track.kind, track);
      });
      const options = {
        autoSubscribe: true,
        dynacast: false,
        ...(mode.singlePeerConnection === false ? { singlePeerConnection: false } : {}),
      };
      await subscriber.connect(server.url, await server.token('receiver', 'native'), options);
      await publisher.connect(server.url, await server.token('sender', 'native'), options);
      stopMedia = await publishGeneratedMedia(publisher);
    }, 60_000);

    afterAll(async () => {
      stopMedia?.();
      await publisher?.disconnect();
      await subscriber?.disconnect();
      await server?.close();
    });

    it(`joins on ${mode.path}`, () => {
      expectJoinedOn(server, mode.path, 2);
    });

    it('publishes both tracks into the room registry', () => {
      const sender = server.registry.getParticipant('native', 'sender');
      expect(sender.tracks.map((t) => t.source).sort()).toEqual(
        [TrackSource.SOURCE_CAMERA, TrackSource.SOURCE_MICROPHONE].sort(),
      );
    });

    it('delivers decoded video frames of the published size to the other participant', async () => {
      const deadline = Date.now() + 15_000;
      while (!subscribed.has(TrackKind.KIND_VIDEO) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      const track = subscribed.get(TrackKind.KIND_VIDEO);
      expect(track).toBeDefined();
      const frames = await firstFrames(new VideoStream(track!), 10, 15_000);
      expect(frames.length).toBe(10);
      expect(frames[0]!.frame.width).toBe(VIDEO_WIDTH);
      expect(frames[0]!.frame.height).toBe(VIDEO_HEIGHT);
    });

    it('delivers decoded audio to the other participant', async () => {
      const deadline = Date.now() + 15_000;
      while (!subscribed.has(TrackKind.KIND_AUDIO) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      const track = subscribed.get(TrackKind.KIND_AUDIO);
      expect(track).toBeDefined();
      // Playout starts with silence while the jitter buffer fills: look at three seconds of it.
      const frames = await firstFrames(new AudioStream(track!, SAMPLE_RATE, 1), 300, 15_000);
      expect(frames.length).toBe(300);
      let loudest = 0;
      for (const frame of frames)
        for (const sample of frame.data) loudest = Math.max(loudest, Math.abs(sample));
      expect(loudest).toBeGreaterThan(1000);
      // rtc-node leaves RED on, as livekit-client does: the server sends it RED, which it decodes.
      const microphone = server.signal.mediaStats('native').find((t) => t.kind === 'audio');
      expect(microphone?.receivers.map((r) => r.codec)).toEqual(['audio/red']);
    });
  },
);
