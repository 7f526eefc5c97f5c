// The video room for both providers: picks the implementation from `credentials.provider` and
// loads it on demand, so neither the mesh nor livekit-client weighs on pages that do not call.
import { lazy, Suspense, type ReactNode } from 'react';
import type { JoinCredentials } from '@openconnect/contracts';
import type { MediaChoice } from '../../lobby/devices.ts';
import { t } from '../../i18n/t.ts';
import { Loading } from '../../ui/Layout.tsx';
import './video-room.css';

const P2PVideoRoom = lazy(() => import('../p2p/P2PVideoRoom.tsx'));
const LiveKitVideoRoom = lazy(() => import('../livekit/LiveKitVideoRoom.tsx'));

export interface VideoRoomProps {
  credentials: JoinCredentials;
  title: string;
  /** Devices chosen in the waiting room. */
  media?: MediaChoice;
  /**
   * `performance.now()` when the participant pressed Join or was admitted: the start of the
   * timings the room reports. Defaults to when the room first rendered.
   */
  joinedAt?: number;
  /** New credentials for a reconnect whose token expired. */
  refreshCredentials?: () => Promise<JoinCredentials>;
  /** The participant pressed Leave (the room has already been left). */
  onLeave(): void;
  /** Actions on the ended screen (e.g. back to the console). */
  endActions?: ReactNode;
}

/** A video visit, on whichever provider the credentials are for. */
export default function VideoRoom(props: VideoRoomProps) {
  const { credentials } = props;
  return (
    <Suspense fallback={<Loading label={t('room.loading')} />}>
      {credentials.provider === 'livekit' ? (
        <LiveKitVideoRoom {...props} credentials={credentials} />
      ) : (
        <P2PVideoRoom {...props} credentials={credentials} />
      )}
    </Suspense>
  );
}
