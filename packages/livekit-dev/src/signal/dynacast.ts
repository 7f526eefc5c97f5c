// Dynacast as LiveKit's server does it (pkg/rtc/dynacast/dynacastmanagervideo.go): for each
// published video, the highest layer any subscriber wants is sent to the publisher as a
// SubscribedQualityUpdate, so its client pauses the encodings nobody watches and resumes them
// when someone does. Upgrades go out at once; downgrades (down to "off") wait DynacastPauseDelay
// (5 s), so a tile that flickers between sizes does not make the publisher stop and restart.
import {
  SubscribedCodec,
  SubscribedQuality,
  SubscribedQualityUpdate,
  VideoQuality,
} from '@livekit/protocol';
import { HIGHEST_LAYER, NO_LAYER } from '../sfu/layers.ts';

/** LiveKit's default `dynacast_pause_delay`. */
export const DYNACAST_PAUSE_DELAY_MS = 5000;

interface TrackState {
  /** What the publisher was last told (it publishes every layer until told otherwise). */
  committed: number;
  wanted: number;
  codec: string;
  timer?: NodeJS.Timeout;
}

/** Sends one publisher's SubscribedQualityUpdates. */
export class Dynacast {
  private readonly tracks = new Map<string, TrackState>();
  /** Tracks unpublished: demand that still arrives for them (their sinks closing) is ignored. */
  private readonly removed = new Set<string>();

  constructor(
    private readonly send: (update: SubscribedQualityUpdate) => void,
    private readonly pauseDelayMs = DYNACAST_PAUSE_DELAY_MS,
  ) {}

  /** The highest layer wanted of a track changed (NO_LAYER: nobody watches). */
  update(trackSid: string, mimeType: string | undefined, maxLayer: number): void {
    if (this.removed.has(trackSid)) return;
    const state = this.tracks.get(trackSid) ?? {
      committed: HIGHEST_LAYER,
      wanted: HIGHEST_LAYER,
      codec: (mimeType ?? 'video/vp8').split('/')[1]!.toLowerCase(),
    };
    this.tracks.set(trackSid, state);
    state.wanted = maxLayer;
    if (maxLayer === state.committed) {
      clearTimeout(state.timer);
      state.timer = undefined;
      return;
    }
    if (maxLayer > state.committed) {
      this.commit(trackSid, state);
      return;
    }
    state.timer ??= setTimeout(() => this.commit(trackSid, state), this.pauseDelayMs);
  }

  /** Forgets a track (unpublished): a pending pause is dropped, later demand ignored. */
  remove(trackSid: string): void {
    clearTimeout(this.tracks.get(trackSid)?.timer);
    this.tracks.delete(trackSid);
    this.removed.add(trackSid);
  }

  /** Stops all timers. */
  close(): void {
    for (const state of this.tracks.values()) clearTimeout(state.timer);
    this.tracks.clear();
    this.removed.clear();
  }

  private commit(trackSid: string, state: TrackState): void {
    clearTimeout(state.timer);
    state.timer = undefined;
    state.committed = state.wanted;
    const qualities = [VideoQuality.LOW, VideoQuality.MEDIUM, VideoQuality.HIGH].map(
      (quality) =>
        new SubscribedQuality({
          quality,
          enabled: state.committed !== NO_LAYER && quality <= state.committed,
        }),
    );
    this.send(
      new SubscribedQualityUpdate({
        trackSid,
        subscribedQualities: qualities,
        subscribedCodecs: [new SubscribedCodec({ codec: state.codec, qualities })],
      }),
    );
  }
}
