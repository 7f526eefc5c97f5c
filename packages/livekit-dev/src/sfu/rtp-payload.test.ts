import { describe, expect, it } from 'vitest';
import { vp8Payload } from '../../test/support/rtp-packets.ts';
import { isKeyframeStart, readVp8Fields, writePictureFields } from './rtp-payload.ts';

describe('isKeyframeStart', () => {
  it('finds a VP8 keyframe only at the start of its first partition', () => {
    expect(isKeyframeStart('video/VP8', vp8Payload({ keyframe: true, pictureId: 1, tl0: 0 }))).toBe(
      true,
    );
    expect(
      isKeyframeStart('video/VP8', vp8Payload({ keyframe: false, pictureId: 1, tl0: 0 })),
    ).toBe(false);
    expect(
      isKeyframeStart(
        'video/VP8',
        vp8Payload({ keyframe: true, start: false, pictureId: 1, tl0: 0 }),
      ),
    ).toBe(false);
  });

  it('reads VP9 keyframes from the descriptor: not inter-predicted, start of frame, base layer', () => {
    expect(isKeyframeStart('video/VP9', Buffer.from([0x08, 0x00]))).toBe(true); // B
    expect(isKeyframeStart('video/VP9', Buffer.from([0x48, 0x00]))).toBe(false); // P, B
    // L present: picture id (7 bits) then TID/U/SID/D; SID 1 is not where decoding starts.
    expect(isKeyframeStart('video/VP9', Buffer.from([0xa8, 0x05, 0x00, 0x00]))).toBe(true);
    expect(isKeyframeStart('video/VP9', Buffer.from([0xa8, 0x05, 0x02, 0x00]))).toBe(false);
  });

  it('finds H.264 IDR and SPS in single NAL units, STAP-A and the first FU-A fragment', () => {
    expect(isKeyframeStart('video/H264', Buffer.from([0x65, 0x00]))).toBe(true); // IDR
    expect(isKeyframeStart('video/H264', Buffer.from([0x41, 0x00]))).toBe(false); // non-IDR
    const stapA = Buffer.from([0x18, 0x00, 0x02, 0x67, 0x42, 0x00, 0x02, 0x68, 0xce]);
    expect(isKeyframeStart('video/H264', stapA)).toBe(true);
    expect(isKeyframeStart('video/H264', Buffer.from([0x7c, 0x85, 0x00]))).toBe(true); // FU-A start, IDR
    expect(isKeyframeStart('video/H264', Buffer.from([0x7c, 0x05, 0x00]))).toBe(false); // continuation
  });

  it('says no for audio and empty padding packets', () => {
    expect(isKeyframeStart('audio/opus', Buffer.from([0x00]))).toBe(false);
    expect(isKeyframeStart('video/VP8', Buffer.alloc(0))).toBe(false);
  });
});

describe('VP8 picture id and TL0PICIDX', () => {
  it('are read and rewritten in place', () => {
    const payload = vp8Payload({ keyframe: false, pictureId: 0x1234, tl0: 7 });
    const fields = readVp8Fields(payload)!;
    expect(fields).toMatchObject({ pictureIdBits: 15, pictureId: 0x1234, tl0PicIdx: 7 });
    writePictureFields(payload, fields, 0x7fff, 255);
    expect(readVp8Fields(payload)).toMatchObject({ pictureId: 0x7fff, tl0PicIdx: 255 });
    expect(isKeyframeStart('video/VP8', payload)).toBe(false);
  });
});
