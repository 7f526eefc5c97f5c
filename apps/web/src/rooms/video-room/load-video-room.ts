// The video room on staff pages (with the call's strings), shared by the host's page and the
// console's prefetch (host-room-prefetch.ts): a room loaded while staff looked at Join renders at
// once instead of suspending (lazyPart). The waiting room has its own, in its chunk.
import { withMessages } from '../../i18n/t.ts';
import { lazyPart } from '../../ui/lazy-part.ts';

export const VideoRoom = lazyPart(withMessages(['call'], () => import('./VideoRoom.tsx')));
