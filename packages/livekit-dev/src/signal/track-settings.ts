// A subscriber's UpdateTrackSettings as LiveKit's SubscribedTrack takes them
// (pkg/rtc/subscribedtrack.go, UpdateSubscriberSettings): a repeat of the last settings is
// ignored, a change is applied after 100 ms of quiet (`subscriptionDebounceInterval`), and a
// track that becomes visible again is applied at once. An adaptive-stream client reports its new
// video element `disabled` for a moment while it measures it, then its size; applied one by one,
// the first would stop the video and the next wait for a keyframe the publisher has just sent and
// will not send again for a while.
import type { TrackSettings } from '../sfu/layers.ts';

/** LiveKit's `subscriptionDebounceInterval`. */
export const SETTINGS_DEBOUNCE_MS = 100;

function sameSettings(a: TrackSettings, b: TrackSettings): boolean {
  return (
    !!a.disabled === !!b.disabled &&
    a.quality === b.quality &&
    a.width === b.width &&
    a.height === b.height
  );
}

/** One participant's settings per subscribed track, applied through `apply`. */
export class SubscriberSettings {
  private readonly latest = new Map<string, TrackSettings>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly apply: (trackSid: string, settings: TrackSettings) => void,
    private readonly debounceMs = SETTINGS_DEBOUNCE_MS,
  ) {}

  /** The last settings received for a track, applied or not yet. */
  get(trackSid: string): TrackSettings | undefined {
    return this.latest.get(trackSid);
  }

  /** Takes new settings for a track. */
  update(trackSid: string, settings: TrackSettings): void {
    if (this.closed) return;
    const previous = this.latest.get(trackSid);
    if (previous && sameSettings(previous, settings)) return;
    this.latest.set(trackSid, settings);
    clearTimeout(this.timers.get(trackSid));
    this.timers.delete(trackSid);
    if (!settings.disabled && previous?.disabled) {
      this.apply(trackSid, settings);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(trackSid);
      const latest = this.latest.get(trackSid);
      if (latest && !this.closed) this.apply(trackSid, latest);
    }, this.debounceMs);
    this.timers.set(trackSid, timer);
  }

  /** Drops what is pending; nothing is applied after this. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
