import { describe, expect, it } from 'vitest';
import { RtpHeader, RtpPacket } from 'werift';
import { Forwarder, type RtpWriter } from './forwarder.ts';
import { NO_LAYER } from './layers.ts';
import type { ForwardedPacket } from './published-track.ts';
import { readVp8Fields } from './rtp-payload.ts';
import { vp8Payload } from '../../test/support/rtp-packets.ts';
import { fakeTrack } from '../../test/support/fake-track.ts';

function writer(): RtpWriter & { written: RtpPacket[]; writable: boolean } {
  const written: RtpPacket[] = [];
  return {
    written,
    writable: true,
    write: (packet) => written.push(RtpPacket.deSerialize(packet)),
  };
}

/** Layer `layer`'s stream: sequence numbers, timestamps and picture ids of its own. */
function layerStream(layer: number) {
  let seq = 1000 * (layer + 1);
  let ts = 50_000 * (layer + 1);
  let pictureId = 300 * (layer + 1);
  return (keyframe: boolean): ForwardedPacket => {
    const packet = new RtpPacket(
      new RtpHeader({
        sequenceNumber: seq++,
        timestamp: (ts += 3000),
        payloadType: 96,
        ssrc: 10 + layer,
      }),
      vp8Payload({ keyframe, pictureId: pictureId++, tl0: layer * 50 }),
    );
    return { layer, packet, buffer: packet.serialize(), keyframe };
  };
}

describe('Forwarder', () => {
  it('asks for a keyframe at once and forwards nothing before it', () => {
    const { track, requests } = fakeTrack();
    const out = writer();
    const forwarder = new Forwarder(track, out, 1);
    forwarder.start();
    expect(requests).toEqual([1]);
    const medium = layerStream(1);
    forwarder.onRtp(medium(false));
    forwarder.onRtp(medium(false));
    expect(out.written).toHaveLength(0);
    forwarder.onRtp(medium(true));
    forwarder.onRtp(medium(false));
    expect(out.written).toHaveLength(2);
    expect(forwarder.current).toBe(1);
    forwarder.stop();
  });

  it('starts on the first keyframe of a layer on the way to its target and climbs on the next', () => {
    const { track, requests } = fakeTrack();
    const out = writer();
    const forwarder = new Forwarder(track, out, 2);
    forwarder.start();
    expect(requests).toEqual([2]);
    const low = layerStream(0);
    const medium = layerStream(1);
    const high = layerStream(2);
    forwarder.onRtp(high(false));
    // The low layer's keyframe comes first: the receiver sees video now, not at the high one's.
    forwarder.onRtp(low(true));
    forwarder.onRtp(low(false));
    expect(forwarder.current).toBe(0);
    expect(out.written).toHaveLength(2);
    forwarder.onRtp(medium(true));
    expect(forwarder.current).toBe(1);
    // Still short of the target: it keeps asking for the high layer's keyframe.
    expect(forwarder.target).toBe(2);
    forwarder.onRtp(low(true));
    expect(forwarder.current).toBe(1);
    forwarder.onRtp(high(true));
    forwarder.onRtp(medium(true));
    expect(forwarder.current).toBe(2);
    const seqs = out.written.map((p) => p.header.sequenceNumber);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    forwarder.stop();
  });

  it('waits for a transport that can carry the keyframe', () => {
    const { track } = fakeTrack();
    const out = writer();
    out.writable = false;
    const forwarder = new Forwarder(track, out, 0);
    forwarder.start();
    const low = layerStream(0);
    forwarder.onRtp(low(true));
    expect(forwarder.current).toBe(NO_LAYER);
    out.writable = true;
    forwarder.onRtp(low(false));
    expect(out.written).toHaveLength(0);
    forwarder.onRtp(low(true));
    expect(out.written).toHaveLength(1);
    forwarder.stop();
  });

  it('switches layers on a keyframe with continuous sequence numbers, timestamps and picture ids', () => {
    const { track, requests } = fakeTrack();
    const out = writer();
    const forwarder = new Forwarder(track, out, 0);
    forwarder.start();
    const low = layerStream(0);
    const medium = layerStream(1);
    forwarder.onRtp(medium(false));
    forwarder.onRtp(low(true));
    forwarder.onRtp(low(false));
    forwarder.setMaxLayer(1);
    expect(requests.at(-1)).toBe(1);
    // Until the new layer's keyframe, the old one keeps playing.
    forwarder.onRtp(medium(false));
    forwarder.onRtp(low(false));
    forwarder.onRtp(medium(true));
    forwarder.onRtp(low(false));
    forwarder.onRtp(medium(false));
    const seqs = out.written.map((p) => p.header.sequenceNumber);
    expect(seqs).toEqual([seqs[0], seqs[0]! + 1, seqs[0]! + 2, seqs[0]! + 3, seqs[0]! + 4]);
    const timestamps = out.written.map((p) => p.header.timestamp);
    for (let i = 1; i < timestamps.length; i++)
      expect(timestamps[i]! - timestamps[i - 1]!).toBeGreaterThan(0);
    const pictureIds = out.written.map((p) => readVp8Fields(p.payload)!.pictureId);
    expect(pictureIds[3]).toBe(pictureIds[2]! + 1);
    expect(pictureIds[4]).toBe(pictureIds[3]! + 1);
    const tl0 = out.written.map((p) => readVp8Fields(p.payload)!.tl0PicIdx);
    expect(tl0[3]).toBe(tl0[2]! + 1);
    expect(forwarder.current).toBe(1);
    forwarder.stop();
  });

  it('forwards nothing while the receiver wants nothing, and starts again from a keyframe', () => {
    const { track } = fakeTrack();
    const out = writer();
    const forwarder = new Forwarder(track, out, 0);
    forwarder.start();
    const low = layerStream(0);
    forwarder.onRtp(low(true));
    forwarder.setMaxLayer(NO_LAYER);
    forwarder.onRtp(low(false));
    forwarder.onRtp(low(true));
    expect(out.written).toHaveLength(1);
    forwarder.setMaxLayer(0);
    forwarder.onRtp(low(false));
    forwarder.onRtp(low(true));
    expect(out.written).toHaveLength(2);
    forwarder.stop();
  });

  it("steps one layer down for the receiver's link, keyframe-gated, and back up", () => {
    const { track, requests } = fakeTrack();
    const out = writer();
    const forwarder = new Forwarder(track, out, 2);
    forwarder.start();
    const medium = layerStream(1);
    const high = layerStream(2);
    forwarder.onRtp(medium(false));
    forwarder.onRtp(high(true));
    expect(forwarder.current).toBe(2);
    forwarder.setLinkSteps(1);
    expect(requests.at(-1)).toBe(1);
    // The high layer plays on until the medium one's keyframe: never a stall.
    forwarder.onRtp(high(false));
    expect(out.written).toHaveLength(2);
    forwarder.onRtp(medium(true));
    forwarder.onRtp(high(false));
    expect(forwarder.current).toBe(1);
    expect(out.written).toHaveLength(3);
    // Never below the lowest layer, whatever the link.
    forwarder.setLinkSteps(5);
    expect(forwarder.target).toBe(1);
    forwarder.setLinkSteps(0);
    expect(forwarder.target).toBe(2);
    forwarder.onRtp(high(true));
    expect(forwarder.current).toBe(2);
    forwarder.stop();
  });
});
