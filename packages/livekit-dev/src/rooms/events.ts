// The events the room registry emits. Webhooks and the signal layer both listen to these; every
// payload carries snapshots (clones), so a listener can keep them without seeing later changes.
import type { DisconnectReason, ParticipantInfo, Room, TrackInfo } from '@livekit/protocol';

/** Why a room went away. */
export type RoomEndCause = 'deleted' | 'empty_timeout' | 'departure_timeout' | 'server_shutdown';

/** A data message sent to a room through `RoomService.SendData`. */
export interface RoomDataMessage {
  payload: Uint8Array;
  /** DataPacket_Kind: 0 = reliable, 1 = lossy. */
  kind: number;
  topic?: string;
  /** Recipients by sid; empty together with `destinationIdentities` means everyone. */
  destinationSids: string[];
  destinationIdentities: string[];
}

/** Event name → listener arguments, for a typed `EventEmitter`. */
export interface RegistryEvents {
  /** A room came into existence (CreateRoom or auto-create on join). */
  roomCreated: [event: { room: Room }];
  /** A room's metadata changed (UpdateRoomMetadata). */
  roomUpdated: [event: { room: Room }];
  /** A room was closed; its participants have already been reported as left. */
  roomDeleted: [event: { room: Room; cause: RoomEndCause }];
  /** A participant entered a room. */
  participantJoined: [event: { room: Room; participant: ParticipantInfo }];
  /** A participant's name, metadata, attributes, permission, state or tracks changed. */
  participantUpdated: [event: { room: Room; participant: ParticipantInfo }];
  /** A participant is gone (left, removed, replaced, or the room closed). */
  participantLeft: [event: { room: Room; participant: ParticipantInfo; reason: DisconnectReason }];
  /**
   * The server took a participant out (RemoveParticipant, a duplicate identity joining, room
   * deletion): whoever holds its connection must close it with `reason`. `participantLeft` follows.
   */
  participantRemoved: [
    event: { room: Room; participant: ParticipantInfo; reason: DisconnectReason },
  ];
  /** A participant published a track. */
  trackPublished: [event: { room: Room; participant: ParticipantInfo; track: TrackInfo }];
  /** A participant's track was unpublished (by the client, or because the participant left). */
  trackUnpublished: [event: { room: Room; participant: ParticipantInfo; track: TrackInfo }];
  /**
   * A track's muted flag changed. `byServer` is true for MutePublishedTrack: the publisher's client
   * must be told to mute (or unmute) the track itself.
   */
  trackMuted: [
    event: {
      room: Room;
      participant: ParticipantInfo;
      track: TrackInfo;
      muted: boolean;
      byServer: boolean;
    },
  ];
  /** UpdateSubscriptions: the participant's subscriptions to these tracks must change. */
  subscriptionsUpdated: [
    event: { room: Room; participant: ParticipantInfo; trackSids: string[]; subscribe: boolean },
  ];
  /** SendData: deliver this message to the room's participants. */
  dataSent: [event: { room: Room; message: RoomDataMessage }];
}

/** Names of the registry's events. */
export type RegistryEventName = keyof RegistryEvents;
