// LiveKit's connection states and disconnect reasons in the app's provider-neutral terms.
import { ConnectionState, DisconnectReason as LiveKitReason } from 'livekit-client';
import type { DisconnectReason, RoomConnectionState } from '../room-types.ts';

/** The room state for a LiveKit connection state. */
export function toRoomState(state: ConnectionState): RoomConnectionState {
  switch (state) {
    case ConnectionState.Connecting:
      return 'connecting';
    case ConnectionState.Connected:
      return 'connected';
    case ConnectionState.Reconnecting:
    case ConnectionState.SignalReconnecting:
      return 'reconnecting';
    case ConnectionState.Disconnected:
      return 'disconnected';
  }
}

/** Why the call ended, from LiveKit's reason (undefined: the connection was lost). */
export function toDisconnectReason(reason: LiveKitReason | undefined): DisconnectReason {
  switch (reason) {
    case LiveKitReason.CLIENT_INITIATED:
      return 'left';
    case LiveKitReason.PARTICIPANT_REMOVED:
      return 'kicked';
    case LiveKitReason.ROOM_DELETED:
    case LiveKitReason.ROOM_CLOSED:
      return 'room-closed';
    case LiveKitReason.DUPLICATE_IDENTITY:
      return 'replaced';
    case LiveKitReason.JOIN_FAILURE:
    case LiveKitReason.SIGNAL_CLOSE:
    case LiveKitReason.SERVER_SHUTDOWN:
    case LiveKitReason.CONNECTION_TIMEOUT:
    case LiveKitReason.MEDIA_FAILURE:
    case undefined:
      return 'network';
    default:
      return 'error';
  }
}
