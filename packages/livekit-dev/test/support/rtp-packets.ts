// Hand-built RTP payloads for the SFU's unit tests.

/** A VP8 payload: descriptor with a 15-bit picture id and TL0PICIDX, then the frame tag byte. */
export function vp8Payload(opts: {
  keyframe: boolean;
  start?: boolean;
  pictureId: number;
  tl0: number;
}) {
  const start = opts.start ?? true;
  return Buffer.from([
    0x80 | (start ? 0x10 : 0), // X, S, PID 0
    0xc0, // I, L
    0x80 | ((opts.pictureId >> 8) & 0x7f),
    opts.pictureId & 0xff,
    opts.tl0,
    opts.keyframe ? 0x10 : 0x11, // frame tag: bit 0 clear on a keyframe
    0xaa,
  ]);
}
