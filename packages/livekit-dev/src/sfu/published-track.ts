// One published track inside the SFU: the publisher's incoming RTP, one stream per simulcast layer,
// handed to every sink (a subscriber's down track, a recorder) with its layer and whether it
// starts a keyframe; keyframe requests to the publisher, throttled per layer as LiveKit's PLI
// throttle; the highest layer any sink wants (for dynacast); and the audio level kept for the
// active-speaker detector.
import type {
  Extensions,
  MediaStreamTrack,
  RTCRtpCodecParameters,
  RTCRtpReceiver,
  RtpPacket,
} from 'werift';
import { RTP_EXTENSION_URI } from 'werift';
import { layerForRid, NO_LAYER, type PublishedLayers } from './layers.ts';
import { isKeyframeStart } from './rtp-payload.ts';

/** One packet as the SFU forwards it. */
export interface ForwardedPacket {
  /** The layer (VideoQuality index; 0 without simulcast) the packet belongs to. */
  layer: number;
  /** The parsed packet; shared by every sink, so a sink must not modify it. */
  packet: RtpPacket;
  /** The packet serialized without header extensions (shared as well: copy before changing). */
  buffer: Buffer;
  /** Whether the packet starts a keyframe. */
  keyframe: boolean;
}

/** Where forwarded RTP goes: a subscriber's down track, a recorder. */
export interface RtpSink {
  /** Called once per received packet of every layer; the sink picks what it forwards. */
  onRtp(forwarded: ForwardedPacket): void;
  /** Start again from the next keyframe (the source restarted, e.g. an unmuted camera). */
  resync?(): void;
  /** What the sink forwards, for diagnostics. */
  stats?(): SinkStats;
}

/** One sink's forwarding state. */
export interface SinkStats {
  /** The layer forwarded (-1: none, e.g. waiting for a keyframe). */
  current: number;
  /** The layer wanted next. */
  target: number;
  packetsWritten: number;
  switches: number;
  /** Whether the receiver's transport can carry media now. */
  writable: boolean;
  /** Sequence number (as received) of the keyframe the current layer started at. */
  startSeq: number;
  /** The last sequence number (as received) of the current layer. */
  lastInputSeq: number;
  /** Packets of the current layer dropped as older than its starting keyframe. */
  droppedLate: number;
  /** VP9 SVC: the highest spatial layer forwarded (-1: none, or not SVC). */
  spatial: number;
  /** Layers taken off what the receiver asked for because its link loses packets (degrade.ts). */
  linkSteps: number;
  /** The codec the receiver is sent (`audio/red` when its section negotiated RED first). */
  codec?: string;
}

/**
 * Minimum time between two keyframe requests to one layer: LiveKit's default PLI throttle for its
 * low layer (500 ms; 1 s above). A request older than this with no keyframe since is stale, and a
 * waiting subscriber may ask again.
 */
export const KEYFRAME_THROTTLE_MS = 500;
/** A keyframe this recent may still be reaching the sink that asks: no new request for it. */
const KEYFRAME_REUSE_MS = 150;
/** A layer with a packet this recent is being sent: a keyframe request to it can be answered. */
const LAYER_LIVE_MS = 1_000;

interface Layer {
  track: MediaStreamTrack;
  /** Every stream object attached for this layer (werift may report a layer again on renegotiation). */
  attached: Set<MediaStreamTrack>;
  /**
   * The layer's SSRC, learned from its packets: werift leaves `track.ssrc` unset for a simulcast
   * layer (matched by rid), and a PLI needs the SSRC of the stream it is about.
   */
  ssrc?: number;
  /** Every SSRC seen on this layer (one, unless the publisher restarted the stream). */
  ssrcs: Set<number>;
  unsubscribe: Array<() => void>;
  lastRequestAt: number;
  lastKeyframeAt: number;
  /** When the layer's last packet came (0 before the first). */
  lastPacketAt: number;
  packets: number;
}

/** Media of one published track: layers, sinks, keyframe requests, demand, audio level. */
export class PublishedTrack {
  readonly sid: string;
  readonly kind: 'audio' | 'video';
  private receiver?: RTCRtpReceiver;
  /**
   * The codec the packets arrive in, from their payload type: werift labels a received stream
   * with the first codec of its section when the offer is applied, before the answer (which puts
   * the codec the client asked for first) decides what the client sends.
   */
  private sourceCodec?: { mimeType: string; parameters?: string };
  private readonly layers = new Map<number, Layer>();
  private readonly sinks = new Set<RtpSink>();
  /** The highest layer each sink wants (NO_LAYER for none). */
  private readonly demand = new Map<RtpSink, number>();
  private retryTimer?: NodeJS.Timeout;
  private closed = false;
  /** Loudest audio level seen since the last `takeAudioLevel()`, 0..1 (1 = loudest). */
  private peakLevel = 0;
  /** Packets handed to sinks since the track was created (per sink). */
  packetsForwarded = 0;
  /** Packets received from the publisher, all layers. */
  packetsReceived = 0;
  /** Keyframe requests sent to the publisher. */
  keyframeRequests = 0;
  /**
   * The codec the publisher was asked to send (its AddTrackRequest): `audio/red` or `audio/opus`
   * for audio, which arrives as Opus either way; subscribers are offered the same.
   */
  publishedMimeType?: string;
  /** The published size and simulcast layers (from the AddTrackRequest), for layer selection. */
  layout: PublishedLayers = { width: 0, height: 0, layers: [] };
  /** Called when the highest layer any sink wants changes (dynacast). */
  onDemandChange?: (maxLayer: number) => void;

  constructor(sid: string, kind: 'audio' | 'video') {
    this.sid = sid;
    this.kind = kind;
  }

  /**
   * The codec mime type of the source (e.g. `video/VP8`): that of its packets once they arrive,
   * before that werift's label of the received stream.
   */
  get mimeType(): string | undefined {
    return this.sourceCodec?.mimeType ?? this.firstLayer()?.track.codec?.mimeType;
  }

  /** The fmtp parameters of the source's codec (H.264 profile and packetization mode). */
  get codecParameters(): string | undefined {
    return this.sourceCodec
      ? this.sourceCodec.parameters
      : this.firstLayer()?.track.codec?.parameters;
  }

  /** Whether media from the publisher is attached. */
  get hasSource(): boolean {
    return this.layers.size > 0;
  }

  /** The layers that have received media, lowest first. */
  get availableLayers(): number[] {
    return [...this.layers]
      .filter(([, layer]) => layer.packets > 0)
      .map(([index]) => index)
      .sort((a, b) => a - b);
  }

  /** The SSRCs seen per layer (diagnostics: a layer fed by two streams shows two). */
  get layerSsrcs(): Record<number, number[]> {
    return Object.fromEntries([...this.layers].map(([index, layer]) => [index, [...layer.ssrcs]]));
  }

  /** Packets received per layer (for tests and benchmarks: a paused layer stops growing). */
  get layerPackets(): Record<number, number> {
    return Object.fromEntries([...this.layers].map(([index, layer]) => [index, layer.packets]));
  }

  /** The highest layer any sink wants, NO_LAYER when none does. */
  get maxDemand(): number {
    let max = NO_LAYER;
    for (const layer of this.demand.values()) max = Math.max(max, layer);
    return max;
  }

  /** Adds a received stream (one simulcast layer, or the only stream) as a source of this track. */
  attachSource(track: MediaStreamTrack, receiver: RTCRtpReceiver): void {
    if (this.closed) return;
    const index = layerForRid(track.rid);
    const existing = this.layers.get(index);
    if (existing?.attached.has(track)) return;
    this.receiver = receiver;
    const { unSubscribe } = track.onReceiveRtp.subscribe((packet, extensions) =>
      this.forward(index, packet, extensions),
    );
    if (existing) {
      // A renegotiation (an ICE restart after a resume) may report the layer again with a new
      // object while its packets still arrive on the old one: listen to both.
      existing.attached.add(track);
      existing.unsubscribe.push(unSubscribe);
      return;
    }
    this.layers.set(index, {
      track,
      attached: new Set([track]),
      unsubscribe: [unSubscribe],
      ssrcs: new Set(),
      lastRequestAt: 0,
      lastKeyframeAt: 0,
      lastPacketAt: 0,
      packets: 0,
    });
  }

  /** Adds a sink; its demand defaults to none until it says what it wants. */
  addSink(sink: RtpSink): void {
    this.sinks.add(sink);
  }

  /** Removes a sink (and its demand). */
  removeSink(sink: RtpSink): void {
    this.sinks.delete(sink);
    this.setDemand(sink, NO_LAYER);
    this.demand.delete(sink);
  }

  /** Records the highest layer a sink wants; reports a change of the track's maximum. */
  setDemand(sink: RtpSink, maxLayer: number): void {
    const before = this.maxDemand;
    this.demand.set(sink, maxLayer);
    const after = this.maxDemand;
    if (after !== before) this.onDemandChange?.(after);
  }

  /**
   * Asks the publisher for a keyframe on `layer`, or on the nearest layer it is sending (below
   * first) when that one is not being sent: a simulcast encoding the browser has not started
   * (its bandwidth estimate, its CPU) or paused answers nothing, and a subscriber waiting on it
   * would wait for ever; the forwarder starts on any layer's keyframe on the way to its target.
   * Throttled per layer unless the last request is already answered by a keyframe; returns
   * whether a request went out.
   */
  requestKeyframe(layer: number): boolean {
    if (this.kind !== 'video' || this.closed) return false;
    const now = Date.now();
    const entry = this.sendingLayer(layer, now) ?? this.layers.get(layer) ?? this.firstLayer();
    const receiver = this.receiver;
    if (!entry || !receiver) return false;
    if (now - entry.lastRequestAt < KEYFRAME_THROTTLE_MS) {
      // Inside the throttle, ask again only when the last request has been answered a while ago:
      // its keyframe came and went before this sink could use it.
      const answered = entry.lastKeyframeAt >= entry.lastRequestAt;
      if (!answered || now - entry.lastKeyframeAt < KEYFRAME_REUSE_MS) return false;
    }
    const ssrc = entry.ssrc ?? entry.track.ssrc;
    if (ssrc === undefined) {
      // The SSRC is learned from the layer's first packet: ask again shortly.
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.requestKeyframe(layer), 50);
      return false;
    }
    entry.lastRequestAt = now;
    this.keyframeRequests++;
    receiver.sendRtcpPLI(ssrc).catch(() => undefined);
    return true;
  }

  /** Makes every sink start again from a keyframe (after an unmute). */
  resyncSinks(): void {
    for (const sink of this.sinks) sink.resync?.();
  }

  /** What each sink forwards (for diagnostics: a receiver stuck waiting for a keyframe shows here). */
  get sinkStats(): SinkStats[] {
    return [...this.sinks].flatMap((sink) => (sink.stats ? [sink.stats()] : []));
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
    clearTimeout(this.retryTimer);
    for (const layer of this.layers.values()) for (const stop of layer.unsubscribe) stop();
    this.layers.clear();
    this.sinks.clear();
    this.demand.clear();
  }

  /** `layer` if it is being sent, else the nearest layer that is: below it first, then above. */
  private sendingLayer(layer: number, now: number): Layer | undefined {
    const live = [...this.layers]
      .filter(([, entry]) => now - entry.lastPacketAt < LAYER_LIVE_MS)
      .map(([index]) => index);
    const nearest = live.sort((a, b) => Math.abs(a - layer) - Math.abs(b - layer) || a - b)[0];
    return nearest === undefined ? undefined : this.layers.get(nearest);
  }

  private firstLayer(): Layer | undefined {
    const [lowest] = [...this.layers.keys()].sort((a, b) => a - b);
    return lowest === undefined ? undefined : this.layers.get(lowest);
  }

  private forward(layer: number, packet: RtpPacket, extensions?: Extensions): void {
    this.packetsReceived++;
    const entry = this.layers.get(layer);
    if (entry) {
      entry.packets++;
      entry.lastPacketAt = Date.now();
      entry.ssrc = packet.header.ssrc;
      entry.ssrcs.add(packet.header.ssrc);
    }
    if (this.kind === 'audio' && extensions) {
      const level = extensions[RTP_EXTENSION_URI.audioLevelIndication] as
        { level: number } | undefined;
      // RFC 6464: 0 is the loudest (0 dBov), 127 silence. Map -127..0 dBov to 0..1 like LiveKit.
      if (level) this.peakLevel = Math.max(this.peakLevel, Math.pow(10, -level.level / 20));
    }
    const codecs = (this.receiver as { codecs?: Record<number, RTCRtpCodecParameters> } | undefined)
      ?.codecs;
    const codec = codecs?.[packet.header.payloadType];
    if (codec && codec.mimeType !== this.sourceCodec?.mimeType) this.sourceCodec = codec;
    const keyframe = this.kind === 'video' && isKeyframeStart(this.mimeType, packet.payload);
    if (keyframe && entry) entry.lastKeyframeAt = Date.now();
    if (this.sinks.size === 0) return;
    // Header extension ids are negotiated per connection: the publisher's ids mean other things
    // on a subscriber's connection (its id for the audio level may be the subscriber's MID, which
    // makes the receiver drop the packet). Each sender writes its own extensions instead.
    packet.header.extensions = [];
    packet.header.extension = false;
    const forwarded: ForwardedPacket = { layer, packet, buffer: packet.serialize(), keyframe };
    for (const sink of this.sinks) sink.onRtp(forwarded);
  }
}
