// Warms the host's way into a call from where staff see "Join as host": the host room page, the
// video room, the provider's room and the call's strings load while the browser is idle, or at
// once when the link is pointed at or focused. Staff pages only, so visitors load nothing more.
import { useEffect } from 'react';
import type { ProviderType } from '@openconnect/contracts';
import { withMessages } from '../i18n/t.ts';
import { VideoRoom } from '../rooms/video-room/load-video-room.ts';
import { prefetchCall } from '../rooms/video-room/prefetch-call.ts';
import { lazyPart } from '../ui/lazy-part.ts';

/** The host room page with the call's strings (StaffPages renders this one). */
export const HostRoomPage = lazyPart(withMessages(['call'], () => import('./HostRoomPage.tsx')));

/** Starts loading what joining a visit on `provider` as host needs; each part once. */
export function prefetchHostRoom(provider: ProviderType | null): void {
  // A failed load is only a missed head start: the page loads it again when opened.
  HostRoomPage.load().catch(() => undefined);
  prefetchCall(provider, VideoRoom.load);
}

/** Prefetches the host room once the browser is idle, while a Join link is shown. */
export function usePrefetchHostRoomWhenIdle(provider: ProviderType | null): void {
  useEffect(() => {
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(() => prefetchHostRoom(provider), { timeout: 2000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(() => prefetchHostRoom(provider), 200);
    return () => clearTimeout(id);
  }, [provider]);
}
