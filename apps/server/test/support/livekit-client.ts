// Connects to a LiveKit-compatible server the way a participant does, with LiveKit's own native
// client (@livekit/rtc-node) and the credentials OpenConnect issued.
import { Room, RoomEvent } from '@livekit/rtc-node';
import type { JoinCredentials } from '@openconnect/contracts';
import type { ConnectedClient } from './provider-contract.ts';

export interface LiveKitTestClient extends ConnectedClient {
  readonly room: Room;
}

/** Joins the room in `credentials`; resolves once connected. */
export async function connectLiveKit(credentials: JoinCredentials): Promise<LiveKitTestClient> {
  if (credentials.provider !== 'livekit') throw new Error('not LiveKit credentials');
  const room = new Room();
  const disconnected = new Promise<void>((resolve) =>
    room.once(RoomEvent.Disconnected, () => resolve()),
  );
  await room.connect(credentials.url, credentials.token, { autoSubscribe: false, dynacast: false });
  return {
    room,
    disconnected,
    close: async () => {
      if (room.isConnected) await room.disconnect();
    },
  };
}
