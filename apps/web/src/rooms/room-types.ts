// The shape of a live video room as the UI sees it, whatever provider carries the media:
// connection state with a reason, participants with their streams and media state, and data
// messages (reactions, chat). The p2p and LiveKit room implementations both report in these terms.
import type { ParticipantRole } from '@openconnect/contracts';

/** Where the room connection is. `reconnecting` covers signaling and media (ICE) recovery. */
export type RoomConnectionState =
  'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** Why a room ended up `disconnected`. */
export type DisconnectReason =
  | 'left' // this participant left
  | 'kicked' // staff removed this participant
  | 'room-closed' // staff ended the visit
  | 'room-not-found' // the visit is unknown or already over
  | 'room-full' // no seat left
  | 'replaced' // the same person joined from another tab or device
  | 'token-expired' // credentials expired and could not be refreshed
  | 'unauthorized' // credentials were refused
  | 'network' // the connection was lost and reconnecting failed
  | 'error'; // anything else; see the error event

/** Media link to one remote participant. */
export type MediaLinkState = 'connecting' | 'connected' | 'reconnecting' | 'failed';

export interface RoomParticipant {
  identity: string;
  displayName: string;
  role: ParticipantRole;
  isLocal: boolean;
  micEnabled: boolean;
  cameraEnabled: boolean;
  /** Camera and microphone; null until media arrives (or when the local device was refused). */
  stream: MediaStream | null;
  /** The shared screen, while sharing. */
  screenStream: MediaStream | null;
  /** For remote participants: the state of the media link to them. */
  link?: MediaLinkState;
  /** Audio only: sends no camera and receives none; their tile says so. */
  audioOnly?: boolean;
}

/** App messages participants send each other. */
export type RoomDataMessage = { type: 'reaction'; emoji: string } | { type: 'chat'; text: string };

export interface ReceivedDataMessage {
  from: string;
  message: RoomDataMessage;
  receivedAt: number;
}

/** Why a remote participant left, as the room tells it. */
export type ParticipantLeftReason = 'left' | 'disconnected' | 'kicked' | 'reconnected';

/** Everything the UI renders, in one immutable value. */
export interface RoomSnapshot {
  state: RoomConnectionState;
  /** Set when `state` is `disconnected`. */
  reason: DisconnectReason | null;
  local: RoomParticipant | null;
  remotes: readonly RoomParticipant[];
  screenSharing: boolean;
}

/** Events a room emits. `change` fires whenever the snapshot changed. */
export interface RoomEvents {
  change: RoomSnapshot;
  state: { state: RoomConnectionState; reason: DisconnectReason | null };
  'participant-joined': RoomParticipant;
  'participant-left': { identity: string; reason: ParticipantLeftReason };
  data: ReceivedDataMessage;
  /** Something failed that did not end the room (a device, one peer's negotiation). */
  error: { kind: 'media' | 'negotiation' | 'signaling'; message: string };
}
