// React bindings of a livekit-client Room for the call screen: each hook reads one value (the
// tiles, the remote sound, a name, a connection quality, a mute, a toggle, a device list) and
// reads it again on the room's or participant's events that change it. They replace the few
// @livekit/components-react hooks the call used, with the same values, without its RxJS layer.
import { useEffect, useRef, useState } from 'react';
import {
  ParticipantEvent,
  Room,
  RoomEvent,
  Track,
  type ConnectionQuality,
  type Participant,
  type ScreenShareCaptureOptions,
} from 'livekit-client';
import {
  AUDIO_EVENTS,
  isMuted,
  isSourceEnabled,
  MEDIA_EVENTS,
  MUTE_EVENTS,
  remoteAudioReferences,
  TILE_EVENTS,
  tileReferences,
  type ToggleSource,
  type TrackReference,
  type TrackReferenceOrPlaceholder,
} from './livekit-tracks.ts';

type Listener = () => void;
interface Evented {
  on(event: string, listener: Listener): unknown;
  off(event: string, listener: Listener): unknown;
}

/** Calls `update` on each of `events`; returns the function that stops. */
export function follow(
  target: Room | Participant,
  events: readonly string[],
  update: Listener,
): () => void {
  // livekit-client's typed emitters fix each event's payload; these listeners read none of it.
  const emitter = target as unknown as Evented;
  events.forEach((event) => emitter.on(event, update));
  return () => events.forEach((event) => emitter.off(event, update));
}

/**
 * `read()` now and again on each of `target`'s `events`; `key` names anything else `read`
 * depends on, so a change of it reads again too.
 */
function useFollowed<T>(
  target: Room | Participant,
  events: readonly string[],
  read: () => T,
  key: string = '',
): T {
  const [value, setValue] = useState(read);
  const latest = useRef(read);
  useEffect(() => {
    latest.current = read;
  });
  useEffect(() => {
    const update = () => {
      const next = latest.current();
      setValue(() => next);
    };
    update();
    return follow(target, events, update);
  }, [target, events, key]);
  return value;
}

/** The stage's tiles: cameras (or their placeholders) and shared screens. */
export function useTileReferences(room: Room): TrackReferenceOrPlaceholder[] {
  return useFollowed(room, TILE_EVENTS, () => tileReferences(room));
}

/** The others' subscribed microphones and screen audio. */
export function useRemoteAudio(room: Room): TrackReference[] {
  return useFollowed(room, AUDIO_EVENTS, () => remoteAudioReferences(room));
}

/** The track of a publication, once subscribed (or published, on this page). */
export function usePublishedTrack(ref: TrackReference): Track | undefined {
  return useFollowed(ref.participant, MEDIA_EVENTS, () => ref.publication.track, refKey(ref));
}

const NAME_EVENTS = [
  ParticipantEvent.ParticipantMetadataChanged,
  ParticipantEvent.ParticipantNameChanged,
];

/** A participant's display name as they set it (may be empty). */
export function useParticipantName(participant: Participant): string | undefined {
  return useFollowed(participant, NAME_EVENTS, () => participant.name);
}

const QUALITY_EVENTS = [ParticipantEvent.ConnectionQualityChanged];

/** A participant's connection quality as the server reports it. */
export function useConnectionQuality(participant: Participant): ConnectionQuality {
  return useFollowed(participant, QUALITY_EVENTS, () => participant.connectionQuality);
}

/** Whether the track of a reference (or its participant's track of its source) is muted. */
export function useIsMuted(ref: TrackReferenceOrPlaceholder): boolean {
  return useFollowed(ref.participant, MUTE_EVENTS, () => isMuted(ref), refKey(ref));
}

/** A reference's identity: participant, source and track. */
export const refKey = (ref: TrackReferenceOrPlaceholder) =>
  `${ref.participant.identity}_${ref.source}_${ref.publication?.trackSid ?? 'placeholder'}`;

export interface TrackToggleOptions {
  /** Capture options of a screen share. */
  captureOptions?: ScreenShareCaptureOptions;
  /** A device error, reported here instead of rejecting the toggle. */
  onDeviceError?: (error: Error) => void;
}

/** This page's camera, microphone or screen share: whether it is sent, and a toggle. */
export function useTrackToggle(
  room: Room,
  source: ToggleSource,
  options: TrackToggleOptions = {},
): { enabled: boolean; toggle(): Promise<void> } {
  const local = room.localParticipant;
  const enabled = useFollowed(local, MEDIA_EVENTS, () => isSourceEnabled(local, source), source);
  const toggle = async () => {
    const on = !isSourceEnabled(local, source);
    try {
      if (source === Track.Source.Camera) await local.setCameraEnabled(on);
      else if (source === Track.Source.Microphone) await local.setMicrophoneEnabled(on);
      else await local.setScreenShareEnabled(on, options.captureOptions);
    } catch (error) {
      if (!options.onDeviceError || !(error instanceof Error)) throw error;
      options.onDeviceError(error);
    }
  };
  return { enabled, toggle };
}

/** The devices of a kind, the one the room uses, and a switch to another. */
export function useMediaDevices(room: Room, kind: MediaDeviceKind) {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [activeDeviceId, setActiveDeviceId] = useState(room.getActiveDevice(kind) ?? 'default');
  useEffect(() => {
    let current = true;
    // The call already has permission; asking again would open the devices (as LiveKit's menu).
    const list = () =>
      Room.getLocalDevices(kind, false).then(
        (found) => current && setDevices(found),
        () => current && setDevices([]),
      );
    void list();
    navigator.mediaDevices?.addEventListener('devicechange', list);
    return () => {
      current = false;
      navigator.mediaDevices?.removeEventListener('devicechange', list);
    };
  }, [kind]);
  useEffect(() => {
    const onActive = (changed: MediaDeviceKind, deviceId: string) => {
      if (changed === kind && deviceId) setActiveDeviceId(deviceId);
    };
    room.on(RoomEvent.ActiveDeviceChanged, onActive);
    return () => {
      room.off(RoomEvent.ActiveDeviceChanged, onActive);
    };
  }, [room, kind]);
  const setActiveMediaDevice = (id: string) => room.switchActiveDevice(kind, id);
  return { devices, activeDeviceId, setActiveMediaDevice };
}
