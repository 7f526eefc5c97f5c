// Audio only on LiveKit: while on, this page publishes no camera and is subscribed to nobody's
// camera (livekit-client's RemoteTrackPublication.setSubscribed, so the SFU forwards none), and
// it tells the others on the data topic `openconnect-media`, so their tiles say "Audio only"
// rather than just "camera off". It also keeps the list of who else is in audio only. A shared
// screen is not a camera and still arrives. Part of the LiveKit room implementation.
import {
  RoomEvent,
  Track,
  type Participant,
  type RemoteParticipant,
  type RemoteTrack,
  type RemoteTrackPublication,
  type Room,
} from 'livekit-client';
import { createStore, type Store } from '../../store/store.ts';

/** The data topic of media-state messages (ours: `{ "audioOnly": boolean }`). */
export const MEDIA_TOPIC = 'openconnect-media';

export interface AudioOnlyState {
  /** This page is in audio only. */
  on: boolean;
  /** The identities of others who said they are. */
  peers: readonly string[];
}

const isCamera = (publication: RemoteTrackPublication) =>
  publication.source === Track.Source.Camera;

/** Reads a media-state message; undefined when it is not one. */
export function decodeMediaState(payload: Uint8Array): { audioOnly: boolean } | undefined {
  if (payload.byteLength > 256) return undefined;
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(payload));
    const audioOnly = (value as { audioOnly?: unknown } | null)?.audioOnly;
    return typeof audioOnly === 'boolean' ? { audioOnly } : undefined;
  } catch {
    return undefined;
  }
}

/** Audio only for one LiveKit call: attach() to each Room, set() to switch. */
export class LiveKitAudioOnly {
  readonly store: Store<AudioOnlyState>;

  constructor(initial: boolean) {
    this.store = createStore<AudioOnlyState>({ on: initial, peers: [] });
  }

  get on(): boolean {
    return this.store.get().on;
  }

  /** Follows a Room's participants and tracks; returns the function that stops. */
  attach(room: Room): () => void {
    const onConnected = () => {
      this.applySubscriptions(room);
      if (this.on) this.announce(room);
    };
    const onPublished = (publication: RemoteTrackPublication) => {
      if (this.on && isCamera(publication)) publication.setSubscribed(false);
    };
    const onSubscribed = (_track: RemoteTrack, publication: RemoteTrackPublication) =>
      onPublished(publication);
    const onJoined = (participant: RemoteParticipant) => {
      if (this.on) this.announce(room, [participant.identity]);
    };
    const onLeft = (participant: RemoteParticipant) => this.setPeer(participant.identity, false);
    const onData = (
      payload: Uint8Array,
      participant?: Participant,
      _kind?: unknown,
      topic?: string,
    ) => {
      if (topic !== MEDIA_TOPIC || !participant) return;
      const state = decodeMediaState(payload);
      if (state) this.setPeer(participant.identity, state.audioOnly);
    };
    room
      .on(RoomEvent.Connected, onConnected)
      .on(RoomEvent.TrackPublished, onPublished)
      .on(RoomEvent.TrackSubscribed, onSubscribed)
      .on(RoomEvent.ParticipantConnected, onJoined)
      .on(RoomEvent.ParticipantDisconnected, onLeft)
      .on(RoomEvent.DataReceived, onData);
    return () => {
      room
        .off(RoomEvent.Connected, onConnected)
        .off(RoomEvent.TrackPublished, onPublished)
        .off(RoomEvent.TrackSubscribed, onSubscribed)
        .off(RoomEvent.ParticipantConnected, onJoined)
        .off(RoomEvent.ParticipantDisconnected, onLeft)
        .off(RoomEvent.DataReceived, onData);
    };
  }

  /** Turns audio only on or off in `room`: the camera, the subscriptions, and the others told. */
  async set(room: Room, on: boolean): Promise<void> {
    if (this.on === on) return;
    this.store.set((s) => ({ ...s, on }));
    this.applySubscriptions(room);
    this.announce(room);
    await room.localParticipant.setCameraEnabled(!on);
  }

  /** Every remote camera subscribed, or none while in audio only. */
  private applySubscriptions(room: Room): void {
    for (const participant of room.remoteParticipants.values()) {
      for (const publication of participant.trackPublications.values()) {
        if (isCamera(publication)) publication.setSubscribed(!this.on);
      }
    }
  }

  private announce(room: Room, to?: string[]): void {
    const payload = new TextEncoder().encode(JSON.stringify({ audioOnly: this.on }));
    room.localParticipant
      .publishData(payload, { reliable: true, topic: MEDIA_TOPIC, destinationIdentities: to })
      // Not connected (yet): the Connected handler says it once we are.
      .catch(() => undefined);
  }

  private setPeer(identity: string, audioOnly: boolean): void {
    this.store.set((s) => {
      const has = s.peers.includes(identity);
      if (has === audioOnly) return s;
      return {
        ...s,
        peers: audioOnly ? [...s.peers, identity] : s.peers.filter((p) => p !== identity),
      };
    });
  }
}
