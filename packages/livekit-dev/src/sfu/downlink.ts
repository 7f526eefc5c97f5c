// What the signal layer asks of the connection that carries media and data to a participant: the
// subscriber peer connection in the classic two-connection mode, or the participant's only peer
// connection in single peer connection mode. Both label forwarded tracks the same way and send
// data packets on `_reliable` / `_lossy` channels.
import type { RTCDataChannel, RTCRtpTransceiver } from 'werift';
import { DownTrack, type DownLinkOptions } from './down-track.ts';
import type { TrackSettings } from './layers.ts';
import { pickCodecs } from './peer-factory.ts';
import type { PublishedTrack } from './published-track.ts';

/** How a subscription is labelled in SDP so LiveKit clients can map it to a track. */
export interface SubscriptionLabel {
  publisherSid: string;
  trackSid: string;
  /** Preferred codec mime type (`video/VP8`, `video/H264`); the first of the kind when unknown. */
  mimeType?: string;
  /** What the subscriber wants of the track at first (its last UpdateTrackSettings, or a default). */
  settings?: TrackSettings;
}

/** The participant-bound side of a session. */
export interface Downlink {
  /** Sids of the tracks this participant is subscribed to (negotiated or not yet). */
  readonly subscribedTrackSids: string[];
  /** Whether the participant is subscribed to a track. */
  isSubscribed(trackSid: string): boolean;
  /** Starts sending a track to the participant (renegotiating as the mode requires). */
  subscribe(track: PublishedTrack, label: SubscriptionLabel): void;
  /** Stops sending a track. */
  unsubscribe(trackSid: string): void;
  /** Sends a data packet; false when the channel is not open. */
  sendData(data: Uint8Array, reliable: boolean): boolean;
  /** Applies a subscriber's UpdateTrackSettings to a subscription (sent or still waiting). */
  updateTrackSettings(trackSid: string, settings: TrackSettings): void;
  /** Asks for a keyframe of every forwarded video (after a resume). */
  requestKeyframes(): void;
  close(): Promise<void>;
}

/**
 * Makes a transceiver send `track` the way LiveKit clients expect: msid `<participant>|<track> <track>`
 * (clients read the track sid from it) and the codec the publisher sends. Returns its down track.
 */
export function bindDownTrack(
  transceiver: RTCRtpTransceiver,
  track: PublishedTrack,
  label: SubscriptionLabel,
  available: Parameters<typeof pickCodecs>[0],
  link?: DownLinkOptions,
): DownTrack {
  transceiver.sender.streamId = `${label.publisherSid}|${label.trackSid}`;
  // werift declares trackId readonly but it is a plain property; LiveKit clients read the track
  // sid from the msid, so it must be the sid rather than werift's random id.
  (transceiver.sender as { trackId: string }).trackId = label.trackSid;
  preferCodecs(transceiver, track, label, available);
  return new DownTrack(track, transceiver, label.settings, link);
}

/** Narrows a sending transceiver's codecs to those fit for `track`; the sender uses the first. */
export function preferCodecs(
  transceiver: RTCRtpTransceiver,
  track: PublishedTrack,
  label: SubscriptionLabel,
  available: Parameters<typeof pickCodecs>[0],
): void {
  // Audio arrives as Opus whatever the publisher sent (werift unwraps RED): what the subscriber
  // gets follows what was published (`audio/red` unless the client disabled it).
  const mimeType =
    track.kind === 'audio'
      ? (track.publishedMimeType ?? label.mimeType)
      : (track.mimeType ?? label.mimeType);
  transceiver.codecs = pickCodecs(available, mimeType, track.codecParameters);
  transceiver.sender.codec = transceiver.codecs[0];
}

/** Sends on a data channel if it is open. */
export function sendOnChannel(channel: RTCDataChannel | undefined, data: Uint8Array): boolean {
  if (channel?.readyState !== 'open') return false;
  try {
    channel.send(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    return true;
  } catch {
    return false;
  }
}
