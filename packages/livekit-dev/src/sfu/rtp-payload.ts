// What the SFU needs to know about a video RTP payload without decoding it: whether the packet
// starts a keyframe (where a subscriber may start or switch layers), and where a VP8 packet keeps
// its picture id and TL0PICIDX (which must stay continuous across a layer switch, or the
// receiver's reference finder drops frames as "old"). VP8: RFC 7741; VP9: RFC 9628; H.264:
// RFC 6184.

/** Where a VP8 payload descriptor keeps the fields a layer switch rewrites. */
export interface Vp8Fields {
  /** Byte offset of the picture id in the payload, or -1 without one. */
  pictureIdOffset: number;
  /** 7 or 15 bits (0 without a picture id). */
  pictureIdBits: number;
  pictureId: number;
  /** Byte offset of TL0PICIDX, or -1. */
  tl0PicIdxOffset: number;
  tl0PicIdx: number;
}

/** Reads the VP8 payload descriptor's picture id and TL0PICIDX positions; undefined if too short. */
export function readVp8Fields(payload: Uint8Array): Vp8Fields | undefined {
  if (payload.length < 1) return undefined;
  const fields: Vp8Fields = {
    pictureIdOffset: -1,
    pictureIdBits: 0,
    pictureId: 0,
    tl0PicIdxOffset: -1,
    tl0PicIdx: 0,
  };
  if ((payload[0]! & 0x80) === 0) return fields;
  if (payload.length < 2) return undefined;
  const x = payload[1]!;
  let offset = 2;
  if (x & 0x80) {
    if (payload.length < offset + 1) return undefined;
    fields.pictureIdOffset = offset;
    if (payload[offset]! & 0x80) {
      if (payload.length < offset + 2) return undefined;
      fields.pictureIdBits = 15;
      fields.pictureId = ((payload[offset]! & 0x7f) << 8) | payload[offset + 1]!;
      offset += 2;
    } else {
      fields.pictureIdBits = 7;
      fields.pictureId = payload[offset]! & 0x7f;
      offset += 1;
    }
  }
  if (x & 0x40) {
    if (payload.length < offset + 1) return undefined;
    fields.tl0PicIdxOffset = offset;
    fields.tl0PicIdx = payload[offset]!;
  }
  return fields;
}

/** Where a VP8 or VP9 payload descriptor keeps its picture id and TL0PICIDX (both place them alike). */
export type PictureFields = Pick<
  Vp8Fields,
  'pictureIdOffset' | 'pictureIdBits' | 'pictureId' | 'tl0PicIdxOffset' | 'tl0PicIdx'
>;

/** The values a picture id of `bits` bits wraps at. */
export const pictureIdMask = (bits: number): number => (bits === 15 ? 0x7fff : 0x7f);

/**
 * Writes a picture id and TL0PICIDX back in place of a VP8 or VP9 descriptor (in the widths the
 * packet already uses).
 */
export function writePictureFields(
  payload: Uint8Array,
  fields: PictureFields,
  pictureId: number,
  tl0PicIdx: number,
): void {
  if (fields.pictureIdBits === 15) {
    payload[fields.pictureIdOffset] = 0x80 | ((pictureId >> 8) & 0x7f);
    payload[fields.pictureIdOffset + 1] = pictureId & 0xff;
  } else if (fields.pictureIdBits === 7) {
    payload[fields.pictureIdOffset] = pictureId & 0x7f;
  }
  if (fields.tl0PicIdxOffset >= 0) payload[fields.tl0PicIdxOffset] = tl0PicIdx & 0xff;
}

function vp8Keyframe(payload: Uint8Array): boolean {
  if (payload.length < 1) return false;
  const first = payload[0]!;
  // Only the first packet of partition 0 carries the VP8 payload header.
  if ((first & 0x10) === 0 || (first & 0x07) !== 0) return false;
  let offset = 1;
  if (first & 0x80) {
    if (payload.length < 2) return false;
    const x = payload[1]!;
    offset = 2;
    if (x & 0x80) offset += payload[offset] !== undefined && payload[offset]! & 0x80 ? 2 : 1;
    if (x & 0x40) offset += 1;
    if (x & 0x30) offset += 1;
  }
  // VP8 frame tag: bit 0 of the first byte is 0 for a keyframe.
  return payload.length > offset && (payload[offset]! & 0x01) === 0;
}

function vp9Keyframe(payload: Uint8Array): boolean {
  if (payload.length < 1) return false;
  const first = payload[0]!;
  const interPicturePredicted = (first & 0x40) !== 0;
  const startOfFrame = (first & 0x08) !== 0;
  if (interPicturePredicted || !startOfFrame) return false;
  if ((first & 0x20) === 0) return true;
  // With layer indices, only the base spatial layer starts a keyframe.
  let offset = 1;
  if (first & 0x80) offset += payload[offset] !== undefined && payload[offset]! & 0x80 ? 2 : 1;
  if (payload.length <= offset) return false;
  return ((payload[offset]! >> 1) & 0x07) === 0;
}

function h264Keyframe(payload: Uint8Array): boolean {
  if (payload.length < 1) return false;
  const type = payload[0]! & 0x1f;
  if (type === 5 || type === 7) return true;
  if (type === 24) {
    // STAP-A: 16-bit sizes, each followed by a NAL unit.
    let offset = 1;
    while (offset + 2 < payload.length) {
      const size = (payload[offset]! << 8) | payload[offset + 1]!;
      const nalType = payload[offset + 2]! & 0x1f;
      if (nalType === 5 || nalType === 7) return true;
      offset += 2 + size;
    }
    return false;
  }
  if (type === 28 && payload.length > 1) {
    // FU-A: the start fragment of an IDR slice.
    const header = payload[1]!;
    return (header & 0x80) !== 0 && (header & 0x1f) === 5;
  }
  return false;
}

/** Whether an RTP payload of `mimeType` starts a keyframe (a decodable entry point). */
export function isKeyframeStart(mimeType: string | undefined, payload: Uint8Array): boolean {
  switch (mimeType?.toLowerCase()) {
    case 'video/vp8':
      return vp8Keyframe(payload);
    case 'video/vp9':
      return vp9Keyframe(payload);
    case 'video/h264':
      return h264Keyframe(payload);
    default:
      return false;
  }
}
