// What the call screen shows of a livekit-client Room, framework-free: the tiles' track
// references (a camera per participant, a placeholder where none is published, and shared
// screens), the remote sound to play, and which room and participant events change them. The
// same rules as @livekit/components-core's trackReferencesObservable and useTracks, which the
// call used before, without RxJS or the rest of the components: the call needs these few.
import {
  ParticipantEvent,
  RoomEvent,
  Track,
  type LocalParticipant,
  type Participant,
  type Room,
  type TrackPublication,
} from 'livekit-client';

/** A published track of a participant (subscribed or not). */
export interface TrackReference {
  participant: Participant;
  publication: TrackPublication;
  source: Track.Source;
}

/** A participant's camera that is not published: their tile shows the initial. */
export interface TrackPlaceholder {
  participant: Participant;
  publication?: undefined;
  source: Track.Source;
}

export type TrackReferenceOrPlaceholder = TrackReference | TrackPlaceholder;

/** Whether a reference has a publication (a track to render once subscribed). */
export const isTrackReference = (ref: TrackReferenceOrPlaceholder): ref is TrackReference =>
  ref.publication !== undefined;

/** Room events after which the tiles are read again (components-core's, for useTracks). */
export const TILE_EVENTS: readonly RoomEvent[] = [
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
  RoomEvent.ConnectionStateChanged,
  RoomEvent.LocalTrackPublished,
  RoomEvent.LocalTrackUnpublished,
  RoomEvent.TrackPublished,
  RoomEvent.TrackUnpublished,
  RoomEvent.TrackSubscriptionStatusChanged,
  RoomEvent.RoomMetadataChanged,
  RoomEvent.ActiveSpeakersChanged,
  RoomEvent.ConnectionQualityChanged,
  RoomEvent.ParticipantPermissionsChanged,
  RoomEvent.ParticipantMetadataChanged,
  RoomEvent.ParticipantNameChanged,
  RoomEvent.ParticipantAttributesChanged,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
  RoomEvent.TrackStreamStateChanged,
  RoomEvent.TrackSubscriptionFailed,
  RoomEvent.TrackSubscriptionPermissionChanged,
];

/** Room events after which the remote sound is read again (RoomAudioRenderer's: none extra). */
export const AUDIO_EVENTS: readonly RoomEvent[] = TILE_EVENTS.slice(0, 8);

/** Participant events that change what is published, muted or subscribed. */
export const MEDIA_EVENTS: readonly ParticipantEvent[] = [
  ParticipantEvent.TrackMuted,
  ParticipantEvent.TrackUnmuted,
  ParticipantEvent.ParticipantPermissionsChanged,
  ParticipantEvent.TrackPublished,
  ParticipantEvent.TrackUnpublished,
  ParticipantEvent.LocalTrackPublished,
  ParticipantEvent.LocalTrackUnpublished,
  ParticipantEvent.MediaDevicesError,
  ParticipantEvent.TrackSubscriptionStatusChanged,
];

/** Participant events that change whether a track counts as muted. */
export const MUTE_EVENTS: readonly ParticipantEvent[] = [
  ParticipantEvent.TrackMuted,
  ParticipantEvent.TrackUnmuted,
  ParticipantEvent.TrackSubscribed,
  ParticipantEvent.TrackUnsubscribed,
  ParticipantEvent.LocalTrackPublished,
  ParticipantEvent.LocalTrackUnpublished,
];

const everyone = (room: Room): Participant[] => [
  room.localParticipant,
  ...room.remoteParticipants.values(),
];

/** References to the tracks of `sources`, by participant (this page first), then by source. */
function references(room: Room, sources: Track.Source[], onlySubscribed: boolean) {
  const refs: TrackReference[] = [];
  for (const participant of everyone(room)) {
    for (const source of sources) {
      for (const publication of participant.trackPublications.values()) {
        if (publication.source === source && (!onlySubscribed || publication.track)) {
          refs.push({ participant, publication, source });
        }
      }
    }
  }
  return refs;
}

/**
 * The stage's tiles: every camera and shared screen, subscribed or not, and a camera placeholder
 * for each participant with no camera track (placeholders last, as useTracks adds them).
 */
export function tileReferences(room: Room): TrackReferenceOrPlaceholder[] {
  const refs: TrackReferenceOrPlaceholder[] = references(
    room,
    [Track.Source.Camera, Track.Source.ScreenShare],
    false,
  );
  for (const participant of everyone(room)) {
    const hasCamera = refs.some(
      (r) => r.participant.identity === participant.identity && r.source === Track.Source.Camera,
    );
    if (!hasCamera) refs.push({ participant, source: Track.Source.Camera });
  }
  return refs;
}

/** The others' subscribed sound: microphones and shared screens' audio. */
export function remoteAudioReferences(room: Room): TrackReference[] {
  return references(
    room,
    [Track.Source.Microphone, Track.Source.ScreenShareAudio, Track.Source.Unknown],
    true,
  ).filter((r) => !r.participant.isLocal && r.publication.kind === Track.Kind.Audio);
}

/** A reference's publication now: its own, or the participant's current one for its source. */
export function publicationOf(ref: TrackReferenceOrPlaceholder): TrackPublication | undefined {
  return ref.publication ?? ref.participant.getTrackPublication(ref.source);
}

/** Whether a track counts as muted: unpublished counts as muted. */
export function isMuted(ref: TrackReferenceOrPlaceholder): boolean {
  return publicationOf(ref)?.isMuted ?? true;
}

/** The sources this page turns on and off. */
export type ToggleSource = Track.Source.Camera | Track.Source.Microphone | Track.Source.ScreenShare;

/** Whether this page sends `source`. */
export function isSourceEnabled(participant: LocalParticipant, source: ToggleSource): boolean {
  if (source === Track.Source.Camera) return participant.isCameraEnabled;
  if (source === Track.Source.Microphone) return participant.isMicrophoneEnabled;
  return participant.isScreenShareEnabled;
}
