// VP9 SVC for the forwarder: the RTP payload descriptor (RFC 9628) and the per-receiver choice of
// spatial layers, as LiveKit's VP9 layer selector does it (pkg/sfu/videolayerselector/vp9.go) for
// the `L3T3_KEY` stream livekit-client publishes: one SSRC carries every spatial layer; in KEY
// mode an upper spatial layer refers to a lower one only in a keyframe, so a receiver may drop the
// layers above the one it wants at any picture boundary, but may only add one at a keyframe.
// Dropped packets leave no gap: the forwarder renumbers what follows, and the last packet of the
// highest layer forwarded gets the marker bit (end of picture).

/** The fields of a VP9 payload descriptor the SFU reads or rewrites. */
export interface Vp9Descriptor {
  /** Inter-picture predicted (P): false for a keyframe's layers. */
  interPicturePredicted: boolean;
  /** Flexible mode (F): references in P_DIFF; non-flexible: TL0PICIDX and a scalability structure. */
  flexible: boolean;
  /** Start of a layer frame (B). */
  beginningOfFrame: boolean;
  /** End of a layer frame (E). */
  endOfFrame: boolean;
  /** Not a reference for upper spatial layers of this picture (Z). */
  notRefForUpperSpatial: boolean;
  /** Picture id, 7 or 15 bits; -1 without one. */
  pictureId: number;
  /** 7, 15, or 0 without a picture id. */
  pictureIdBits: number;
  /** Byte offset of the picture id, or -1. */
  pictureIdOffset: number;
  /** Temporal layer id (0 without layer indices). */
  temporalId: number;
  /** Spatial layer id (0 without layer indices). */
  spatialId: number;
  /** Switching up point (U). */
  switchingUp: boolean;
  /** Inter-layer dependency (D): this layer frame refers to the spatial layer below. */
  interLayerDependency: boolean;
  /** TL0PICIDX (non-flexible mode with layer indices), -1 without one. */
  tl0PicIdx: number;
  /** Byte offset of TL0PICIDX, or -1. */
  tl0PicIdxOffset: number;
  /** Reference picture id differences (flexible mode). */
  pDiffs: number[];
  /** Scalability structure (V), when present: the resolution of each spatial layer. */
  scalability?: { spatialLayers: number; sizes: { width: number; height: number }[] };
  /** Length of the descriptor in bytes (where the VP9 frame data starts). */
  length: number;
}

/** Parses a VP9 payload descriptor; undefined when the payload is too short for what it declares. */
export function parseVp9Descriptor(payload: Uint8Array): Vp9Descriptor | undefined {
  if (payload.length < 1) return undefined;
  const first = payload[0]!;
  const d: Vp9Descriptor = {
    interPicturePredicted: (first & 0x40) !== 0,
    flexible: (first & 0x10) !== 0,
    beginningOfFrame: (first & 0x08) !== 0,
    endOfFrame: (first & 0x04) !== 0,
    notRefForUpperSpatial: (first & 0x01) !== 0,
    pictureId: -1,
    pictureIdBits: 0,
    pictureIdOffset: -1,
    temporalId: 0,
    spatialId: 0,
    switchingUp: false,
    interLayerDependency: false,
    tl0PicIdx: -1,
    tl0PicIdxOffset: -1,
    pDiffs: [],
    length: 1,
  };
  let offset = 1;
  const need = (n: number) => payload.length >= offset + n;
  if (first & 0x80) {
    if (!need(1)) return undefined;
    d.pictureIdOffset = offset;
    if (payload[offset]! & 0x80) {
      if (!need(2)) return undefined;
      d.pictureIdBits = 15;
      d.pictureId = ((payload[offset]! & 0x7f) << 8) | payload[offset + 1]!;
      offset += 2;
    } else {
      d.pictureIdBits = 7;
      d.pictureId = payload[offset]! & 0x7f;
      offset += 1;
    }
  }
  if (first & 0x20) {
    if (!need(1)) return undefined;
    const layer = payload[offset]!;
    d.temporalId = layer >> 5;
    d.switchingUp = (layer & 0x10) !== 0;
    d.spatialId = (layer >> 1) & 0x07;
    d.interLayerDependency = (layer & 0x01) !== 0;
    offset += 1;
    if (!d.flexible) {
      if (!need(1)) return undefined;
      d.tl0PicIdxOffset = offset;
      d.tl0PicIdx = payload[offset]!;
      offset += 1;
    }
  }
  if (d.flexible && d.interPicturePredicted) {
    for (let i = 0; i < 3; i++) {
      if (!need(1)) return undefined;
      const ref = payload[offset]!;
      offset += 1;
      d.pDiffs.push(ref >> 1);
      if ((ref & 0x01) === 0) break;
    }
  }
  if (first & 0x02) {
    if (!need(1)) return undefined;
    const ss = payload[offset]!;
    offset += 1;
    const spatialLayers = (ss >> 5) + 1;
    const sizes: { width: number; height: number }[] = [];
    if (ss & 0x10) {
      if (!need(4 * spatialLayers)) return undefined;
      for (let i = 0; i < spatialLayers; i++) {
        sizes.push({
          width: (payload[offset]! << 8) | payload[offset + 1]!,
          height: (payload[offset + 2]! << 8) | payload[offset + 3]!,
        });
        offset += 4;
      }
    }
    if (ss & 0x08) {
      if (!need(1)) return undefined;
      const groups = payload[offset]!;
      offset += 1;
      for (let i = 0; i < groups; i++) {
        if (!need(1)) return undefined;
        const refs = (payload[offset]! >> 2) & 0x03;
        offset += 1 + refs;
        if (payload.length < offset) return undefined;
      }
    }
    d.scalability = { spatialLayers, sizes };
  }
  d.length = offset;
  return d;
}

/** What to do with one packet for one receiver. */
export interface Vp9Decision {
  forward: boolean;
  /** Set the RTP marker bit: this packet ends the picture as the receiver gets it. */
  marker: boolean;
}

/** A spatial layer that has not been seen for this long is taken as not sent (encoder limited). */
const SPATIAL_IDLE_MS = 1000;

/**
 * Chooses, for one receiver, which spatial layers of a VP9 SVC stream it gets: all up to `target`
 * (and up to what the publisher still sends). Down at the next picture, up only at a keyframe
 * (`wantsKeyframe` says when one is needed).
 */
export class Vp9SpatialSelector {
  /** The highest spatial layer forwarded now (-1 before the first keyframe). */
  current = -1;
  /** The highest spatial layer the receiver wants. */
  target = 2;
  private readonly lastSeenAt: number[] = [];
  private lastPictureId = -1;
  /** Spatial layers in the stream, from the last scalability structure (0: none seen). */
  private structureLayers = 0;
  /** Picture id of the last keyframe (its upper layers may be added while it lasts). */
  private keyPicture = -1;

  /** The highest spatial layer the publisher sent lately (encoders drop layers they cannot afford). */
  highestSent(now: number): number {
    let highest = 0;
    for (let sid = 0; sid < this.lastSeenAt.length; sid++)
      if (now - (this.lastSeenAt[sid] ?? 0) < SPATIAL_IDLE_MS) highest = sid;
    return highest;
  }

  /** Whether a keyframe is needed to reach the target: an upgrade to a layer still being sent. */
  wantsKeyframe(now: number): boolean {
    return this.current >= 0 && Math.min(this.target, this.highestSent(now)) > this.current;
  }

  /** Forgets the current layer (the receiver starts again from a keyframe). */
  reset(): void {
    this.current = -1;
    this.keyPicture = -1;
  }

  /**
   * Decides for a packet in sequence. `keyframe`: the packet starts a keyframe (its base layer;
   * the forwarder starts or restarts there). `marker`: the packet's own marker bit.
   */
  select(d: Vp9Descriptor, keyframe: boolean, marker: boolean, now: number): Vp9Decision {
    this.lastSeenAt[d.spatialId] = now;
    if (d.scalability) this.structureLayers = d.scalability.spatialLayers;
    const newPicture =
      d.beginningOfFrame &&
      (d.pictureId >= 0 ? d.pictureId !== this.lastPictureId : d.spatialId === 0);
    if (d.pictureId >= 0) this.lastPictureId = d.pictureId;
    if (keyframe) {
      // A keyframe restarts every layer: begin at the base and climb through this picture.
      this.current = 0;
      this.keyPicture = d.pictureId;
    } else if (
      this.current >= 0 &&
      d.pictureId >= 0 &&
      d.pictureId === this.keyPicture &&
      !d.interPicturePredicted &&
      d.beginningOfFrame &&
      d.spatialId === this.current + 1 &&
      d.spatialId <= this.target
    ) {
      // An upper layer of the keyframe refers only to the layers below it in this picture.
      this.current = d.spatialId;
    } else if (newPicture && this.target < this.current) {
      this.current = Math.max(0, this.target);
    }
    return this.decide(d, marker);
  }

  /** Decides for a late packet (a retransmission, reordering) without changing any state. */
  decide(d: Vp9Descriptor, marker: boolean): Vp9Decision {
    if (this.current < 0 || d.spatialId > this.current) return { forward: false, marker: false };
    // The picture ends, for this receiver, with the highest layer it gets of those the stream has
    // (while a keyframe climbs, that layer is still to come). The publisher's own marker stays.
    const layers = this.structureLayers || this.current + 1;
    const top = Math.min(this.target, layers - 1);
    return { forward: true, marker: marker || (d.endOfFrame && d.spatialId === top) };
  }
}
