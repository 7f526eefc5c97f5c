// Simulcast layers as LiveKit names and picks them. A layer's index is its VideoQuality (LOW 0,
// MEDIUM 1, HIGH 2), taken from the rid livekit-client gives each encoding ('q', 'h', 'f'); a
// track without simulcast has one layer, 0 (the client's dynacast treats it as 'q' too). What a
// subscriber receives follows its UpdateTrackSettings as in LiveKit's
// `MediaTrackReceiver.GetQualityForDimension` (pkg/rtc/mediatrackreceiver.go).
import { VideoQuality, type VideoLayer } from '@livekit/protocol';

/** The highest layer index (VideoQuality.HIGH). */
export const HIGHEST_LAYER = VideoQuality.HIGH;
/** A subscriber that wants no layer (disabled, hidden tile). */
export const NO_LAYER = -1;
/** LiveKit asks a layer to be at least 90% of the requested height. */
const LAYER_SELECTION_TOLERANCE = 0.9;

/** The layer index of a simulcast encoding's rid. */
export function layerForRid(rid: string | undefined): number {
  switch (rid) {
    case 'f':
      return VideoQuality.HIGH;
    case 'h':
      return VideoQuality.MEDIUM;
    default:
      return VideoQuality.LOW;
  }
}

/** What a subscriber asked for a track (UpdateTrackSettings, or the default at subscription). */
export interface TrackSettings {
  disabled?: boolean;
  quality?: VideoQuality;
  width?: number;
  height?: number;
}

/** The track's published size and layers (from its TrackInfo). */
export interface PublishedLayers {
  width: number;
  height: number;
  layers: readonly Pick<VideoLayer, 'quality' | 'width' | 'height'>[];
}

/** The highest layer a subscriber wants: NO_LAYER when disabled, else a VideoQuality. */
export function maxLayerFor(settings: TrackSettings, track: PublishedLayers): number {
  if (settings.disabled) return NO_LAYER;
  if (!settings.width || !settings.height) return settings.quality ?? HIGHEST_LAYER;
  const heights = track.layers
    .map((layer) => layer.height)
    .filter((h) => h > 0)
    .sort((a, b) => a - b);
  let requested = settings.height;
  if (heights.length === 0) {
    // No layer sizes: LiveKit's defaults of 180p, 360p and the track's size, compared on the
    // shorter side (portrait video compares widths).
    const portrait = track.width < track.height;
    const original = portrait ? track.width : track.height;
    if (!original) return HIGHEST_LAYER;
    heights.push(180, 360, original);
    requested = portrait ? settings.width : settings.height;
  }
  requested *= LAYER_SELECTION_TOLERANCE;
  // The smallest layer that still satisfies the request (LiveKit's loop, including its skip of
  // layers as large as the next one).
  for (let i = 0; i < heights.length; i++) {
    if (i === heights.length - 1) return i;
    if (heights[i]! >= requested && heights[i] !== heights[i + 1]) return i;
  }
  return HIGHEST_LAYER;
}

/**
 * The layer to forward, of those arriving: the highest at or below `maxLayer`, else the lowest
 * there is (degrade, never stall). NO_LAYER when nothing is wanted or nothing arrives.
 */
export function pickLayer(available: readonly number[], maxLayer: number): number {
  if (maxLayer === NO_LAYER || available.length === 0) return NO_LAYER;
  let best = NO_LAYER;
  for (const layer of available) if (layer <= maxLayer && layer > best) best = layer;
  return best === NO_LAYER ? Math.min(...available) : best;
}
