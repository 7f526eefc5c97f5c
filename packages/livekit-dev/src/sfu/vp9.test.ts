import { describe, expect, it } from 'vitest';
import { RtpHeader, RtpPacket } from 'werift';
import { Forwarder, type RtpWriter } from './forwarder.ts';
import type { ForwardedPacket } from './published-track.ts';
import { isKeyframeStart } from './rtp-payload.ts';
import { parseVp9Descriptor, Vp9SpatialSelector } from './vp9.ts';
import { fakeTrack } from '../../test/support/fake-track.ts';

interface Vp9Options {
  pictureId: number;
  sid: number;
  tid?: number;
  /** Inter-picture predicted (false: a keyframe's layer). */
  p: boolean;
  b: boolean;
  e: boolean;
  flexible?: boolean;
  tl0?: number;
  /** Spatial layer sizes for a scalability structure. */
  ss?: { width: number; height: number }[];
  pDiffs?: number[];
}

/** Builds a VP9 payload descriptor (RFC 9628) followed by two bytes of frame data. */
function vp9Payload(o: Vp9Options): Buffer {
  const flexible = o.flexible ?? false;
  let first = 0x80 | 0x20; // I, L
  if (o.p) first |= 0x40;
  if (flexible) first |= 0x10;
  if (o.b) first |= 0x08;
  if (o.e) first |= 0x04;
  if (o.ss) first |= 0x02;
  const bytes = [first, 0x80 | ((o.pictureId >> 8) & 0x7f), o.pictureId & 0xff];
  bytes.push(((o.tid ?? 0) << 5) | (o.sid << 1) | (o.sid > 0 && !o.p ? 1 : 0));
  if (!flexible) bytes.push(o.tl0 ?? 7);
  if (flexible && o.p) {
    const diffs = o.pDiffs ?? [1];
    diffs.forEach((d, i) => bytes.push((d << 1) | (i < diffs.length - 1 ? 1 : 0)));
  }
  if (o.ss) {
    bytes.push(((o.ss.length - 1) << 5) | 0x10 | 0x08);
    for (const { width, height } of o.ss)
      bytes.push(width >> 8, width & 0xff, height >> 8, height & 0xff);
    bytes.push(1, 0x04); // one picture group: TID 0, U 0, one reference
    bytes.push(1);
  }
  return Buffer.from([...bytes, 0xaa, 0xbb]);
}

describe('parseVp9Descriptor', () => {
  it('reads picture id, layer indices and TL0PICIDX of non-flexible mode', () => {
    const d = parseVp9Descriptor(
      vp9Payload({ pictureId: 300, sid: 2, tid: 1, p: true, b: true, e: false, tl0: 42 }),
    )!;
    expect(d).toMatchObject({
      pictureId: 300,
      pictureIdBits: 15,
      spatialId: 2,
      temporalId: 1,
      interPicturePredicted: true,
      beginningOfFrame: true,
      endOfFrame: false,
      flexible: false,
      tl0PicIdx: 42,
      length: 5,
    });
  });

  it('reads reference differences in flexible mode', () => {
    const d = parseVp9Descriptor(
      vp9Payload({
        pictureId: 5,
        sid: 0,
        p: true,
        b: true,
        e: true,
        flexible: true,
        pDiffs: [1, 3],
      }),
    )!;
    expect(d.flexible).toBe(true);
    expect(d.tl0PicIdx).toBe(-1);
    expect(d.pDiffs).toEqual([1, 3]);
    expect(d.length).toBe(6);
  });

  it('reads the scalability structure of a keyframe', () => {
    const ss = [
      { width: 320, height: 180 },
      { width: 640, height: 360 },
      { width: 1280, height: 720 },
    ];
    const payload = vp9Payload({ pictureId: 1, sid: 0, p: false, b: true, e: false, ss });
    const d = parseVp9Descriptor(payload)!;
    expect(d.scalability).toEqual({ spatialLayers: 3, sizes: ss });
    expect(d.length).toBe(payload.length - 2);
    expect(isKeyframeStart('video/VP9', payload)).toBe(true);
  });

  it('refuses a descriptor cut short', () => {
    expect(parseVp9Descriptor(Buffer.from([0xa0]))).toBeUndefined();
    expect(parseVp9Descriptor(Buffer.from([]))).toBeUndefined();
  });
});

const SIZES = [
  { width: 320, height: 180 },
  { width: 640, height: 360 },
  { width: 1280, height: 720 },
];

/** One L3T3_KEY picture: three spatial layers of one packet each; a keyframe says its structure. */
function picture(pictureId: number, key: boolean, layers = SIZES) {
  return [0, 1, 2].map((sid) =>
    parseVp9Descriptor(
      vp9Payload({
        pictureId,
        sid,
        p: !key,
        b: true,
        e: true,
        ...(key && sid === 0 ? { ss: layers } : {}),
      }),
    )!,
  );
}

describe('Vp9SpatialSelector', () => {
  it('forwards the layers up to its target and marks the last one forwarded', () => {
    const selector = new Vp9SpatialSelector();
    selector.target = 1;
    const decisions = picture(1, true).map((d, i) => selector.select(d, i === 0, i === 2, 0));
    expect(decisions).toEqual([
      { forward: true, marker: false },
      { forward: true, marker: true },
      { forward: false, marker: false },
    ]);
  });

  it('goes down at the next picture and up only at a keyframe', () => {
    const selector = new Vp9SpatialSelector();
    selector.target = 2;
    picture(1, true).forEach((d, i) => selector.select(d, i === 0, i === 2, 0));
    expect(selector.current).toBe(2);
    selector.target = 0;
    const down = picture(2, false).map((d, i) => selector.select(d, false, i === 2, 10).forward);
    expect(down).toEqual([true, false, false]);
    selector.target = 2;
    expect(selector.wantsKeyframe(20)).toBe(true);
    const stillDown = picture(3, false).map(
      (d, i) => selector.select(d, false, i === 2, 20).forward,
    );
    expect(stillDown).toEqual([true, false, false]);
    const up = picture(4, true).map((d, i) => selector.select(d, i === 0, i === 2, 30).forward);
    expect(up).toEqual([true, true, true]);
    expect(selector.wantsKeyframe(30)).toBe(false);
  });

  it('asks for no keyframe for a layer the publisher does not send', () => {
    const selector = new Vp9SpatialSelector();
    selector.target = 2;
    // The encoder sends two spatial layers only (bandwidth).
    for (const [i, d] of picture(1, true, SIZES.slice(0, 2)).slice(0, 2).entries())
      selector.select(d, i === 0, i === 1, 0);
    expect(selector.current).toBe(1);
    expect(selector.wantsKeyframe(0)).toBe(false);
  });
});

describe('Forwarder with VP9 SVC', () => {
  it('renumbers around dropped spatial layers and sets the marker on the last forwarded one', () => {
    const { track, requests } = fakeTrack('video/VP9', [0]);
    const written: RtpPacket[] = [];
    const out: RtpWriter = { writable: true, write: (p) => written.push(RtpPacket.deSerialize(p)) };
    const forwarder = new Forwarder(track, out, 1);
    forwarder.start();
    let seq = 100;
    const send = (pictureId: number, key: boolean) => {
      for (const sid of [0, 1, 2]) {
        const ss = key && sid === 0 ? { ss: SIZES } : {};
        const payload = vp9Payload({ pictureId, sid, p: !key, b: true, e: true, ...ss });
        const packet = new RtpPacket(
          new RtpHeader({
            sequenceNumber: seq++,
            timestamp: pictureId * 3000,
            payloadType: 98,
            ssrc: 1,
            marker: sid === 2,
          }),
          payload,
        );
        const forwarded: ForwardedPacket = {
          layer: 0,
          packet,
          buffer: packet.serialize(),
          keyframe: isKeyframeStart('video/VP9', payload),
        };
        forwarder.onRtp(forwarded);
      }
    };
    send(1, true);
    send(2, false);
    send(3, false);
    expect(written.map((p) => p.header.sequenceNumber)).toEqual([100, 101, 102, 103, 104, 105]);
    expect(written.map((p) => p.header.marker)).toEqual([false, true, false, true, false, true]);
    expect(written.map((p) => parseVp9Descriptor(p.payload)!.spatialId)).toEqual([
      0, 1, 0, 1, 0, 1,
    ]);
    // A larger tile: the top layer comes with the next keyframe, which the forwarder asks for.
    requests.length = 0;
    forwarder.setMaxLayer(2);
    expect(requests).toContain(0);
    send(4, false);
    expect(written.length).toBe(8);
    send(5, true);
    expect(written.slice(8).map((p) => p.header.sequenceNumber)).toEqual([108, 109, 110]);
    expect(written.slice(8).map((p) => p.header.marker)).toEqual([false, false, true]);
    forwarder.stop();
  });
});
