// Forwards one published track to one receiver (a subscriber's sender, a recorder) as LiveKit's
// forwarder does (pkg/sfu/forwarder.go, downtrack.go): exactly one layer at a time, chosen from
// what the receiver wants and what arrives; it starts, and switches layers, only on a keyframe of
// the new layer, which it asks the publisher for at once and again every 200 ms while it waits
// (keyFrameRequester), taking a keyframe of a layer on the way to the target meanwhile; and it
// rewrites sequence numbers, timestamps and VP8 picture ids so the receiver sees one continuous
// stream whatever layer it comes from.
import { NO_LAYER, pickLayer } from './layers.ts';
import type { ForwardedPacket, PublishedTrack, RtpSink, SinkStats } from './published-track.ts';
import {
  pictureIdMask,
  readVp8Fields,
  writePictureFields,
  type PictureFields,
} from './rtp-payload.ts';
import { parseVp9Descriptor, Vp9SpatialSelector } from './vp9.ts';

/** Where the forwarder writes: a sender that can only send once its transport is up. */
export interface RtpWriter {
  write(packet: Buffer): void;
  /** False while the receiver's transport cannot carry media (a keyframe sent then is lost). */
  readonly writable: boolean;
  /** The codec mime type the receiving end is sent (as negotiated), when known. */
  readonly codec?: string;
}

/** LiveKit's keyFrameIntervalMin: how often a waiting forwarder asks again. */
const KEYFRAME_RETRY_MS = 200;
/** A layer that sent nothing for this long is treated as paused (dynacast, congestion). */
const LAYER_IDLE_MS = 1000;

/** One track to one receiver. */
export class Forwarder implements RtpSink {
  /** The layer being forwarded (NO_LAYER before the first keyframe and while paused). */
  current = NO_LAYER;
  /** The layer wanted next; differs from `current` while a keyframe is awaited. */
  target = NO_LAYER;
  /** Packets written to the receiver. */
  packetsWritten = 0;
  /** Layer switches made (the first start counts as one). */
  switches = 0;
  private maxLayer: number;
  /** Layers below its wish the receiver's link carries (degrade.ts); 0 without trouble. */
  private linkSteps = 0;
  private started = false;
  private retryTimer?: NodeJS.Timeout;
  private readonly lastPacketAt = new Map<number, number>();
  private readonly isVp8: () => boolean;
  private readonly isVp9: () => boolean;
  /** VP9 SVC: which spatial layers of the one stream this receiver gets. */
  private readonly spatial = new Vp9SpatialSelector();
  /** The highest sequence number (as received) handled in order, for renumbering late packets. */
  private highestInput = -1;
  /** Where the sequence offset changed (dropped spatial layers), newest last: late packets use theirs. */
  private offsetHistory: { from: number; offset: number }[] = [];
  private readonly clockRate: number;
  // Rewriting state: offsets applied to the current layer, and the last values written.
  private seqOffset = 0;
  private tsOffset = 0;
  private pictureIdOffset = 0;
  private tl0Offset = 0;
  private lastSeq = 0;
  private lastTs = 0;
  private lastPictureId = 0;
  private lastTl0 = 0;
  private lastWriteAt = 0;
  private wroteAny = false;
  /** Sequence number (as received) of the keyframe the current layer started at. */
  private startSeq = 0;
  /** The last sequence number (as received) seen of the current layer. */
  private lastInputSeq = 0;
  /** Packets of the current layer not written because they came from before its keyframe. */
  private droppedLate = 0;

  constructor(
    readonly track: PublishedTrack,
    private readonly writer: RtpWriter,
    maxLayer: number,
  ) {
    this.maxLayer = maxLayer;
    this.clockRate = track.kind === 'audio' ? 48_000 : 90_000;
    this.isVp8 = () => track.mimeType?.toLowerCase() === 'video/vp8';
    this.isVp9 = () => track.mimeType?.toLowerCase() === 'video/vp9';
    this.spatial.target = this.spatialGoal();
  }

  /** The highest layer to forward of those `available`: the wish, less what the link cannot carry. */
  private effectiveMax(available: readonly number[]): number {
    if (this.maxLayer === NO_LAYER) return NO_LAYER;
    const top = Math.min(this.maxLayer, Math.max(0, ...available));
    return Math.max(0, top - this.linkSteps);
  }

  /** VP9 SVC: the spatial layer wanted, less what the link cannot carry. */
  private spatialGoal(): number {
    return Math.max(0, spatialTarget(this.maxLayer) - this.linkSteps);
  }

  /**
   * Takes `steps` layers off what the receiver gets, for its link (congestion), leaving what it
   * asked for (and so what dynacast asks of the publisher) unchanged.
   */
  setLinkSteps(steps: number): void {
    if (steps === this.linkSteps) return;
    this.linkSteps = steps;
    this.spatial.target = this.spatialGoal();
    if (!this.started) return;
    this.retarget();
    if (this.isVp9() && this.spatial.wantsKeyframe(Date.now())) this.track.requestKeyframe(0);
  }

  /** This forwarder's state, for diagnostics. */
  stats(): SinkStats {
    return {
      current: this.current,
      target: this.target,
      packetsWritten: this.packetsWritten,
      switches: this.switches,
      writable: this.writer.writable,
      startSeq: this.startSeq,
      lastInputSeq: this.lastInputSeq,
      droppedLate: this.droppedLate,
      spatial: this.spatial.current,
      linkSteps: this.linkSteps,
      codec: this.writer.codec,
    };
  }

  /** Starts receiving the track's packets. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.track.addSink(this);
    this.track.setDemand(this, this.maxLayer);
    this.retarget();
  }

  /** Sets the highest layer the receiver wants (NO_LAYER: nothing, e.g. a hidden tile). */
  setMaxLayer(maxLayer: number): void {
    if (maxLayer === this.maxLayer) return;
    this.maxLayer = maxLayer;
    this.spatial.target = this.spatialGoal();
    if (!this.started) return;
    this.track.setDemand(this, maxLayer);
    this.retarget();
    if (this.isVp9() && this.spatial.wantsKeyframe(Date.now())) this.track.requestKeyframe(0);
  }

  /** VP9 SVC: the highest spatial layer forwarded now (-1: none yet). */
  get spatialLayer(): number {
    return this.spatial.current;
  }

  /** The receiver lost a picture (PLI/FIR): ask the publisher for a keyframe of what it gets. */
  onPictureLoss(): void {
    const layer = this.current !== NO_LAYER ? this.current : this.target;
    if (layer !== NO_LAYER) this.track.requestKeyframe(layer);
  }

  /**
   * The receiver's transport came up (or back): whatever was sent before is lost, so start again
   * from a keyframe.
   */
  resync(): void {
    if (this.track.kind !== 'video') return;
    this.current = NO_LAYER;
    this.spatial.reset();
    this.retarget(true);
  }

  /** Stops forwarding. */
  stop(): void {
    this.started = false;
    clearInterval(this.retryTimer);
    this.retryTimer = undefined;
    this.track.removeSink(this);
  }

  onRtp(forwarded: ForwardedPacket): void {
    const { layer } = forwarded;
    const now = Date.now();
    const known = this.lastPacketAt.has(layer);
    this.lastPacketAt.set(layer, now);
    if (this.track.kind === 'audio') {
      this.write(forwarded, now);
      return;
    }
    // A layer that (re)appears may be a better fit, and one that stopped (paused by dynacast)
    // must be replaced by one that still arrives.
    const currentIdle =
      this.current !== NO_LAYER &&
      layer !== this.current &&
      now - (this.lastPacketAt.get(this.current) ?? 0) > LAYER_IDLE_MS;
    if (!known || currentIdle) this.retarget();
    if (forwarded.keyframe && this.worthSwitchingTo(layer)) {
      if (!this.writer.writable) return;
      this.current = layer;
      this.switches++;
      this.rebase(forwarded, now);
      this.stopRetrying();
    }
    if (layer !== this.current) return;
    // A late packet from before the switch (a retransmission) would land on numbers already used.
    const seq = forwarded.packet.header.sequenceNumber;
    this.lastInputSeq = seq;
    if (seq !== this.startSeq && !newer16(seq, this.startSeq)) {
      this.droppedLate++;
      return;
    }
    if (!this.writer.writable) {
      // The transport went away under us: what we write now is lost, so wait for a keyframe.
      this.current = NO_LAYER;
      this.spatial.reset();
      this.retarget();
      return;
    }
    let marker: boolean | undefined;
    if (this.isVp9()) {
      const descriptor = parseVp9Descriptor(forwarded.packet.payload);
      if (descriptor) {
        const inOrder = this.highestInput < 0 || newer16(seq, this.highestInput);
        const header = forwarded.packet.header;
        const decision = inOrder
          ? this.spatial.select(descriptor, forwarded.keyframe, header.marker, now)
          : this.spatial.decide(descriptor, header.marker);
        if (!decision.forward) {
          if (inOrder) this.skip(seq);
          return;
        }
        marker = decision.marker;
        if (inOrder && this.spatial.wantsKeyframe(now)) this.track.requestKeyframe(0);
      }
    }
    this.write(forwarded, now, marker);
  }

  /**
   * Whether a keyframe of `layer` is worth switching to while the forwarder is not yet on its
   * target, as LiveKit's simulcast selector (videolayerselector/simulcast.go) decides: the target
   * itself; an opportunistic start or upgrade to any layer between the current one and the target
   * (a newcomer sees the low layer's keyframe at once rather than waiting for the high one); or a
   * step down that still meets the target.
   */
  private worthSwitchingTo(layer: number): boolean {
    const { current, target } = this;
    if (target === NO_LAYER || layer === current || current === target) return false;
    if (layer === target) return true;
    return (layer > current && layer < target) || (layer < current && layer > target);
  }

  /** Leaves out an in-order packet: what follows is renumbered to close the gap. */
  private skip(seq: number): void {
    this.highestInput = seq;
    this.seqOffset = (this.seqOffset - 1) & 0xffff;
    this.offsetHistory.push({ from: (seq + 1) & 0xffff, offset: this.seqOffset });
    if (this.offsetHistory.length > 256) this.offsetHistory.shift();
  }

  /** The sequence offset for a packet: the current one in order, the one of its time when late. */
  private offsetFor(seq: number): number {
    if (this.highestInput < 0 || newer16(seq, this.highestInput)) {
      this.highestInput = seq;
      return this.seqOffset;
    }
    for (let i = this.offsetHistory.length - 1; i >= 0; i--) {
      const entry = this.offsetHistory[i]!;
      if (!newer16(entry.from, seq)) return entry.offset;
    }
    return this.offsetHistory[0]?.offset ?? this.seqOffset;
  }

  /** Picks the layer to forward from the receiver's wish and the layers still arriving. */
  private retarget(force = false): void {
    if (this.track.kind === 'audio') return;
    const now = Date.now();
    const arriving = [...this.lastPacketAt]
      .filter(([, at]) => now - at < LAYER_IDLE_MS)
      .map(([layer]) => layer);
    // Before any packet has arrived, aim at what is wanted; the track's nearest layer answers.
    const known = arriving.length
      ? arriving
      : this.track.availableLayers.length
        ? this.track.availableLayers
        : [0];
    const target = pickLayer(known, this.effectiveMax(known));
    if (target === NO_LAYER) {
      // Paused: stop forwarding; the next start needs a keyframe.
      this.target = this.current = NO_LAYER;
      this.stopRetrying();
      return;
    }
    if (target === this.target && !force && (target === this.current || this.retryTimer)) return;
    this.target = target;
    if (target === this.current) {
      this.stopRetrying();
      return;
    }
    if (this.writer.writable) this.track.requestKeyframe(target);
    this.retryTimer ??= setInterval(() => this.retry(), KEYFRAME_RETRY_MS);
  }

  /** While a keyframe is awaited: re-check the layer choice and ask again (throttled per layer). */
  private retry(): void {
    if (!this.started || this.target === this.current) {
      this.stopRetrying();
      return;
    }
    // The current layer may have stopped (paused by dynacast): fall back to what still arrives.
    const target = this.target;
    this.retarget();
    if (this.target === target && this.target !== NO_LAYER && this.writer.writable)
      this.track.requestKeyframe(this.target);
  }

  private stopRetrying(): void {
    clearInterval(this.retryTimer);
    this.retryTimer = undefined;
  }

  /** Sets the offsets so the new layer continues the numbering the receiver has seen. */
  private rebase({ packet }: ForwardedPacket, now: number): void {
    this.startSeq = packet.header.sequenceNumber;
    this.highestInput = -1;
    if (!this.wroteAny) {
      this.seqOffset = this.tsOffset = this.pictureIdOffset = this.tl0Offset = 0;
      this.offsetHistory = [{ from: this.startSeq, offset: 0 }];
      return;
    }
    const header = packet.header;
    const elapsed = Math.max(1, Math.round(((now - this.lastWriteAt) * this.clockRate) / 1000));
    this.seqOffset = (this.lastSeq + 1 - header.sequenceNumber) & 0xffff;
    this.tsOffset = (this.lastTs + elapsed - header.timestamp) >>> 0;
    this.offsetHistory = [{ from: this.startSeq, offset: this.seqOffset }];
    const fields = this.pictureFields(packet.payload);
    if (fields?.pictureIdBits) {
      const mask = pictureIdMask(fields.pictureIdBits);
      this.pictureIdOffset = (this.lastPictureId + 1 - fields.pictureId) & mask;
    }
    if (fields && fields.tl0PicIdxOffset >= 0)
      this.tl0Offset = (this.lastTl0 + 1 - fields.tl0PicIdx) & 0xff;
  }

  /** The picture id and TL0PICIDX of a VP8 or VP9 packet, which the forwarder renumbers alike. */
  private pictureFields(payload: Buffer): PictureFields | undefined {
    if (this.track.kind !== 'video') return undefined;
    if (this.isVp8()) return readVp8Fields(payload);
    return this.isVp9() ? parseVp9Descriptor(payload) : undefined;
  }

  private write({ packet, buffer }: ForwardedPacket, now: number, marker?: boolean): void {
    const header = packet.header;
    const seqOffset = this.offsetFor(header.sequenceNumber);
    const seq = (header.sequenceNumber + seqOffset) & 0xffff;
    const ts = (header.timestamp + this.tsOffset) >>> 0;
    let out = buffer;
    const fields = this.pictureFields(packet.payload);
    const pictureId = fields?.pictureIdBits
      ? (fields.pictureId + this.pictureIdOffset) & pictureIdMask(fields.pictureIdBits)
      : undefined;
    const tl0 =
      fields && fields.tl0PicIdxOffset >= 0
        ? (fields.tl0PicIdx + this.tl0Offset) & 0xff
        : undefined;
    const renumber = fields !== undefined && (this.pictureIdOffset !== 0 || this.tl0Offset !== 0);
    const markerChange = marker !== undefined && marker !== header.marker;
    const rewrite = seqOffset !== 0 || this.tsOffset !== 0 || renumber || markerChange;
    if (!this.wroteAny || newer16(seq, this.lastSeq)) {
      if (pictureId !== undefined) this.lastPictureId = pictureId;
      if (tl0 !== undefined) this.lastTl0 = tl0;
    }
    if (rewrite) {
      // The buffer is shared with the other receivers: change a copy.
      out = Buffer.from(buffer);
      out.writeUInt16BE(seq, 2);
      out.writeUInt32BE(ts, 4);
      if (markerChange) out[1] = marker ? out[1]! | 0x80 : out[1]! & 0x7f;
      if (renumber) {
        const payloadStart = 12 + 4 * header.csrc.length;
        writePictureFields(out.subarray(payloadStart), fields, pictureId ?? 0, tl0 ?? 0);
      }
    }
    if (!this.wroteAny || newer16(seq, this.lastSeq)) {
      this.lastSeq = seq;
      this.lastTs = ts;
    }
    this.wroteAny = true;
    this.lastWriteAt = now;
    this.packetsWritten++;
    this.track.packetsForwarded++;
    this.writer.write(out);
  }
}

/** The VP9 spatial layer a receiver wants: its layer index (VideoQuality = spatial id under SVC). */
function spatialTarget(maxLayer: number): number {
  return Math.max(0, Math.min(2, maxLayer));
}

/** Whether 16-bit sequence number `a` comes after `b` (with wrap-around). */
function newer16(a: number, b: number): boolean {
  return a !== b && ((a - b) & 0xffff) < 0x8000;
}
