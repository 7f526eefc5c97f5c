// One published track inside the SFU: the publisher's incoming RTP (one simulcast layer chosen),
// fanned out to every subscriber's sink, with keyframe requests sent back to the publisher and an
// audio level kept for the active-speaker detector.
import type { Extensions, MediaStreamTrack, RTCRtpReceiver, RtpPacket } from 'werift';
import { RTP_EXTENSION_URI } from 'werift';

/** Where forwarded RTP goes: a subscriber's sender, a recorder. Receives a serialized packet. */
export interface RtpSink {
  /** Called once per forwarded packet; the buffer is shared, so a sink must not modify it. */
  writeRtp(packet: Buffer): void;
}

/** The order in which simulcast layers are preferred: the lowest first (cheapest, always sent). */
const LAYER_PREFERENCE = ['q', 'h', 'f'];
const KEYFRAME_INTERVAL_MS = 300;
/**
 * When a sink is added, the keyframe request is repeated after this long: a publisher ignores a
 * request that follows its last keyframe too closely (libwebrtc throttles them), and a sink (the
 * recorder) may only be listening a moment after it was added. LiveKit's server, too, keeps asking
 * until a keyframe has come.
 */
const KEYFRAME_RETRY_MS = 600;

/** Media of one published track: source, sinks, keyframe requests, audio level. */
export class PublishedTrack {
  readonly sid: string;
  readonly kind: 'audio' | 'video';
  private source?: { track: MediaStreamTrack; receiver: RTCRtpReceiver; unsubscribe: () => void };
  private readonly sinks = new Set<RtpSink>();
  private lastKeyframeRequest = 0;
  private keyframeTimer?: NodeJS.Timeout;
  private keyframeRetryTimer?: NodeJS.Timeout;
  private closed = false;
  /** Loudest audio level seen since the last `takeAudioLevel()`, 0..1 (1 = loudest). */
  private peakLevel = 0;
  /** Packets forwarded since the track was created. */
  packetsForwarded = 0;
  /** Packets received from the publisher. */
  packetsReceived = 0;

  constructor(sid: string, kind: 'audio' | 'video') {
    this.sid = sid;
    this.kind = kind;
  }

  /** The codec mime type of the source, once media has been attached (e.g. `video/VP8`). */
  get mimeType(): string | undefined {
    return this.source?.track.codec?.mimeType;
  }

  /** The fmtp parameters of the source's codec (H.264 profile and packetization mode). */
  get codecParameters(): string | undefined {
    return this.source?.track.codec?.parameters;
  }

  /** Whether media from the publisher is attached. */
  get hasSource(): boolean {
    return this.source !== undefined;
  }

  /**
   * Offers a received track (one simulcast layer or the only stream) as this track's source. The
   * lowest layer wins; a better-preferred layer replaces a worse one.
   */
  attachSource(track: MediaStreamTrack, receiver: RTCRtpReceiver): void {
    if (this.closed) return;
    if (this.source && rank(track.rid) >= rank(this.source.track.rid)) return;
    this.source?.unsubscribe();
    const { unSubscribe } = track.onReceiveRtp.subscribe((packet, extensions) =>
      this.forward(packet, extensions),
    );
    this.source = { track, receiver, unsubscribe: unSubscribe };
    this.requestKeyframe(true);
  }

  /** Adds a sink and asks the publisher for a keyframe (twice) so the new sink can start at once. */
  addSink(sink: RtpSink): void {
    this.sinks.add(sink);
    this.requestKeyframe(true);
    if (this.kind !== 'video') return;
    clearTimeout(this.keyframeRetryTimer);
    this.keyframeRetryTimer = setTimeout(() => this.requestKeyframe(true), KEYFRAME_RETRY_MS);
  }

  /** Removes a sink. */
  removeSink(sink: RtpSink): void {
    this.sinks.delete(sink);
  }

  /** Sends a PLI to the publisher (rate-limited unless `force`); audio tracks ignore it. */
  requestKeyframe(force = false): void {
    if (this.kind !== 'video' || this.closed) return;
    const now = Date.now();
    if (!force && now - this.lastKeyframeRequest < KEYFRAME_INTERVAL_MS) return;
    this.lastKeyframeRequest = now;
    const source = this.source;
    if (!source) return;
    const ssrc = source.track.ssrc;
    if (ssrc !== undefined) {
      source.receiver.sendRtcpPLI(ssrc).catch(() => undefined);
    } else {
      // The SSRC of a simulcast layer is learned from its first packet: retry shortly.
      clearTimeout(this.keyframeTimer);
      this.keyframeTimer = setTimeout(() => this.requestKeyframe(true), 100);
    }
  }

  /** Returns the loudest audio level (0..1) since the last call and resets it. */
  takeAudioLevel(): number {
    const level = this.peakLevel;
    this.peakLevel = 0;
    return level;
  }

  /** Stops forwarding and drops all sinks. */
  close(): void {
    this.closed = true;
    clearTimeout(this.keyframeTimer);
    clearTimeout(this.keyframeRetryTimer);
    this.source?.unsubscribe();
    this.source = undefined;
    this.sinks.clear();
  }

  private forward(packet: RtpPacket, extensions?: Extensions): void {
    this.packetsReceived++;
    if (this.kind === 'audio' && extensions) {
      const level = extensions[RTP_EXTENSION_URI.audioLevelIndication] as
        { level: number } | undefined;
      // RFC 6464: 0 is the loudest (0 dBov), 127 silence. Map -127..0 dBov to 0..1 like LiveKit.
      if (level) this.peakLevel = Math.max(this.peakLevel, Math.pow(10, -level.level / 20));
    }
    if (this.sinks.size === 0) return;
    // Header extension ids are negotiated per connection: the publisher's ids mean other things
    // on a subscriber's connection (its id for the audio level may be the subscriber's MID, which
    // makes the receiver drop the packet). Each sender writes its own extensions instead.
    packet.header.extensions = [];
    const buffer = packet.serialize();
    for (const sink of this.sinks) {
      sink.writeRtp(buffer);
      this.packetsForwarded++;
    }
  }
}

function rank(rid: string | undefined): number {
  if (!rid) return -1;
  const index = LAYER_PREFERENCE.indexOf(rid);
  return index === -1 ? LAYER_PREFERENCE.length : index;
}
