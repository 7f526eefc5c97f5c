// One synthetic participant in LiveKit, joined with LiveKit's native client (@livekit/rtc-node)
// and the credentials OpenConnect issued, the way a browser would use them.
import {
  AudioFrame,
  AudioSource,
  AudioStream,
  LocalAudioTrack,
  Room,
  RoomEvent,
  TrackKind,
  TrackPublishOptions,
  TrackSource,
  type RemoteTrack,
} from '@livekit/rtc-node';
import { CheckFailure, describeError } from './steps.ts';

const SAMPLE_RATE = 48_000;

export class SyntheticParticipant {
  readonly room = new Room();
  private toneTimer: NodeJS.Timeout | undefined;
  private readonly subscribed = new Map<string, RemoteTrack>();
  private readonly waiters = new Set<() => void>();

  constructor(readonly identity: string) {
    this.room.on(RoomEvent.TrackSubscribed, (track, _publication, participant) => {
      if (track.kind === TrackKind.KIND_AUDIO) this.subscribed.set(participant.identity, track);
      for (const wake of this.waiters) wake();
    });
    this.room.on(RoomEvent.ParticipantConnected, () => {
      for (const wake of this.waiters) wake();
    });
  }

  /** Connects with a LiveKit token; a refusal or an unreachable server is a `CheckFailure`. */
  async connect(url: string, token: string): Promise<void> {
    try {
      await this.room.connect(url, token, { autoSubscribe: true, dynacast: false });
    } catch (error) {
      throw new CheckFailure(
        `@livekit/rtc-node could not join ${url} as ${this.identity}: ${describeError(error)}`,
      );
    }
  }

  /** Publishes a microphone track carrying a 440 Hz tone. */
  async publishTone(): Promise<void> {
    const source = new AudioSource(SAMPLE_RATE, 1);
    const samples = SAMPLE_RATE / 100;
    const pcm = new Int16Array(samples);
    for (let n = 0; n < samples; n++)
      pcm[n] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * n) / SAMPLE_RATE));
    this.toneTimer = setInterval(() => {
      for (let chunk = 0; chunk < 4; chunk++)
        void source.captureFrame(new AudioFrame(pcm, SAMPLE_RATE, 1, samples)).catch(() => {});
    }, 40);
    await this.room.localParticipant!.publishTrack(
      LocalAudioTrack.createAudioTrack('migration-check-tone', source),
      new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
    );
  }

  /** Waits until `identity` is in the room as this participant sees it. */
  async sees(identity: string, signal: AbortSignal): Promise<void> {
    await this.until(() => this.room.remoteParticipants.has(identity), signal);
  }

  /** Waits for `identity`'s audio track and for decoded audio from it; returns frames seen. */
  async hears(identity: string, signal: AbortSignal): Promise<number> {
    await this.until(() => this.subscribed.has(identity), signal);
    const reader = new AudioStream(this.subscribed.get(identity)!, SAMPLE_RATE, 1).getReader();
    const abort = () => void reader.cancel().catch(() => {});
    signal.addEventListener('abort', abort, { once: true });
    try {
      let frames = 0;
      while (frames < 10) {
        const { done } = await reader.read();
        if (done) break;
        frames += 1;
      }
      if (frames === 0) throw new CheckFailure(`no audio arrived from ${identity}`);
      return frames;
    } finally {
      signal.removeEventListener('abort', abort);
      abort();
    }
  }

  /** Leaves the room (idempotent). */
  async leave(): Promise<void> {
    clearInterval(this.toneTimer);
    if (this.room.isConnected) await this.room.disconnect();
  }

  private until(done: () => boolean, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (signal.aborted) finish(new Error('aborted'));
        else if (done()) finish();
      };
      const finish = (error?: Error) => {
        this.waiters.delete(check);
        clearInterval(poll);
        if (error) reject(error);
        else resolve();
      };
      // Events wake the check; a slow poll covers state that changed before we listened.
      const poll = setInterval(check, 250);
      this.waiters.add(check);
      check();
    });
  }
}
