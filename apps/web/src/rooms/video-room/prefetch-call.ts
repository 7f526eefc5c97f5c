// Loads the call's code before it is needed: the video room, the provider's room and the call's
// strings, each once. Staff pages call it while the host looks at a Join link or checks their
// devices, so pressing Join waits for the join call and the connection, not for scripts; the
// waiting room calls it while the visitor waits (from its thread, loaded after the page and
// outside its budget), so being let in waits for the connection only.
import type { ProviderType } from '@openconnect/contracts';
import { withMessages } from '../../i18n/t.ts';
import type * as VideoRoomModule from './VideoRoom.tsx';

/**
 * Wraps a loader so each key is loaded at most once; a load that failed (offline) may be tried
 * again by the next call for its key. Returns the key's pending or settled load.
 */
export function loadOnce<K, T>(load: (key: K) => Promise<T>): (key: K) => Promise<T> {
  const started = new Map<K, Promise<T>>();
  return (key) => {
    let promise = started.get(key);
    if (!promise) {
      promise = load(key);
      started.set(key, promise);
      promise.catch(() => started.delete(key));
    }
    return promise;
  };
}

// withMessages, as the pages use it: importing loadMessages here would add a name to the
// visitor's shared chunk.
const loadRoom = loadOnce<'video-room', typeof VideoRoomModule>(
  withMessages(['call'], () => import('./VideoRoom.tsx')),
);
const loadProvider = loadOnce((provider: ProviderType) =>
  loadRoom('video-room').then((module) => module.loadProviderRoom(provider)),
);

/**
 * Starts loading the call's code for a visit on `provider` (both providers' rooms when the visit
 * has not chosen yet). A failed load is only a missed head start: the call loads it again.
 */
export function prefetchCall(provider: ProviderType | null): void {
  for (const name of provider ? [provider] : (['p2p', 'livekit'] as const)) {
    loadProvider(name).catch(() => undefined);
  }
}
