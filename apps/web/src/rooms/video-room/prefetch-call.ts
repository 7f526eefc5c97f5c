// Loads the call's code before it is needed: the video room, the provider's room and the call's
// strings, each once. Staff pages call it while the host looks at a Join link or checks their
// devices, so pressing Join waits for the join call and the connection, not for scripts. The page
// passes the very part it renders the room with (lazyPart's `load`): what was prefetched then
// renders at once. (The waiting room does the same in its own chunk, while the visitor waits.)
import type { ProviderType } from '@openconnect/contracts';

/** Loads the video room's module (which loads a provider's room once each). */
export type VideoRoomLoader = () => Promise<{
  loadProviderRoom(provider: ProviderType): Promise<unknown>;
}>;

/**
 * Starts loading the call's code for a visit on `provider` (both providers' rooms when the visit
 * has not chosen yet). A failed load is only a missed head start: the call loads it again.
 */
export function prefetchCall(provider: ProviderType | null, loadRoom: VideoRoomLoader): void {
  for (const name of provider ? [provider] : (['p2p', 'livekit'] as const)) {
    loadRoom()
      .then((module) => module.loadProviderRoom(name))
      .catch(() => undefined);
  }
}
