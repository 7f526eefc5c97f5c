// The part of a published track a forwarder talks to, for the SFU's unit tests.
import type { PublishedTrack } from '../../src/sfu/published-track.ts';

/** A video track of `mimeType` with `layers`, recording the keyframe requests it gets. */
export function fakeTrack(mimeType = 'video/VP8', layers = [0, 1, 2]) {
  const requests: number[] = [];
  const track = {
    kind: 'video' as const,
    mimeType,
    availableLayers: layers,
    packetsForwarded: 0,
    addSink() {},
    removeSink() {},
    setDemand() {},
    requestKeyframe(layer: number) {
      requests.push(layer);
      return true;
    },
  };
  return { track: track as unknown as PublishedTrack, requests };
}
