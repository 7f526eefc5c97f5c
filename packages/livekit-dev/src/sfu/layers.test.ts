import { VideoQuality } from '@livekit/protocol';
import { describe, expect, it } from 'vitest';
import { layerForRid, maxLayerFor, NO_LAYER, pickLayer } from './layers.ts';

// LiveKit Meet's camera: 720p capture with 540p and 216p simulcast layers.
const meet = {
  width: 1280,
  height: 720,
  layers: [
    { quality: VideoQuality.LOW, width: 384, height: 216 },
    { quality: VideoQuality.MEDIUM, width: 960, height: 540 },
    { quality: VideoQuality.HIGH, width: 1280, height: 720 },
  ],
};

describe('maxLayerFor (LiveKit GetQualityForDimension)', () => {
  it('gives a 960x540 tile the 540p layer and a small tile the 216p one', () => {
    expect(maxLayerFor({ width: 960, height: 540 }, meet)).toBe(VideoQuality.MEDIUM);
    expect(maxLayerFor({ width: 640, height: 360 }, meet)).toBe(VideoQuality.MEDIUM);
    expect(maxLayerFor({ width: 320, height: 180 }, meet)).toBe(VideoQuality.LOW);
    expect(maxLayerFor({ width: 1920, height: 1080 }, meet)).toBe(VideoQuality.HIGH);
  });

  it('takes the quality when no size is given, and nothing when disabled', () => {
    expect(maxLayerFor({ quality: VideoQuality.LOW }, meet)).toBe(VideoQuality.LOW);
    expect(maxLayerFor({}, meet)).toBe(VideoQuality.HIGH);
    expect(maxLayerFor({ disabled: true, width: 960, height: 540 }, meet)).toBe(NO_LAYER);
  });

  it("falls back to LiveKit's 180p/360p/original sizes without layer sizes", () => {
    const plain = { width: 1280, height: 720, layers: [] };
    expect(maxLayerFor({ width: 1280, height: 720 }, plain)).toBe(VideoQuality.HIGH);
    expect(maxLayerFor({ width: 640, height: 360 }, plain)).toBe(VideoQuality.MEDIUM);
    expect(maxLayerFor({ width: 320, height: 180 }, plain)).toBe(VideoQuality.LOW);
  });
});

describe('pickLayer', () => {
  it('forwards the best layer at or below the wish, else the lowest there is', () => {
    expect(pickLayer([0, 1, 2], VideoQuality.MEDIUM)).toBe(1);
    expect(pickLayer([0, 2], VideoQuality.MEDIUM)).toBe(0);
    expect(pickLayer([2], VideoQuality.LOW)).toBe(2);
    expect(pickLayer([0, 1], NO_LAYER)).toBe(NO_LAYER);
    expect(pickLayer([], VideoQuality.HIGH)).toBe(NO_LAYER);
  });

  it("maps livekit-client's rids to qualities", () => {
    expect(['q', 'h', 'f', undefined].map(layerForRid)).toEqual([0, 1, 2, 0]);
  });
});
