// The video room for both providers: picks the implementation from `credentials.provider` and
// loads it on demand, so neither the mesh nor livekit-client weighs on pages that do not call.
// Leaving (confirmed in the call) shows "You left the visit" with Join again while the visit goes
// on; joining again fetches fresh credentials and starts the provider's room anew.
import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import type { JoinCredentials, ProviderType } from '@openconnect/contracts';
import type { MediaChoice } from '../../lobby/devices.ts';
import { t } from '../../i18n/t.ts';
import { Loading } from '../../ui/Layout.tsx';
import { lazyPart } from '../../ui/lazy-part.ts';
import { CallCountdown } from '../../visits/schedule/CallCountdown.tsx';
import { createChatHistory } from './chat-history.ts';
import { LeftScreen } from './LeftScreen.tsx';
import type { SidePanelSpec } from './SidePanel.tsx';
import './video-room.css';

const P2PVideoRoom = lazyPart(() => import('../p2p/P2PVideoRoom.tsx'));
const LiveKitVideoRoom = lazyPart(() => import('../livekit/LiveKitVideoRoom.tsx'));

/**
 * Loads a provider's room ahead of the call (prefetch-call.ts). Its imports stay in this module
 * so the rooms' chunks, and the visitor's, are split as when only the call loads them.
 */
export function loadProviderRoom(provider: ProviderType): Promise<unknown> {
  return (provider === 'livekit' ? LiveKitVideoRoom : P2PVideoRoom).load();
}

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
  /** New credentials for a reconnect whose token expired, and for joining again after leaving. */
  refreshCredentials?: () => Promise<JoinCredentials>;
  /** Whether the visit still goes on (asked on "You left"); without it Join again is offered. */
  isVisitLive?: () => Promise<boolean>;
  /** The participant is done with the call: left and did not join again. */
  onLeave(): void;
  /** Actions on the ended and "You left" screens (e.g. back to the console). */
  endActions?: ReactNode;
  /** A panel of the page's own in the call (the host's queue). */
  sidePanel?: SidePanelSpec;
  /** When a scheduled visit ends (extensions included): the call counts down to it. */
  endsAt?: string | null | undefined;
  /** Adds minutes to the end: staff, where the facility allows extensions. */
  onExtend?: ((minutes: 5 | 15) => Promise<unknown>) | undefined;
  /** Shown over the stage while the call is live (set here: the countdown). */
  banner?: ReactNode;
}

/** A video visit, on whichever provider the credentials are for. */
export default function VideoRoom(props: VideoRoomProps) {
  const [credentials, setCredentials] = useState(props.credentials);
  const [attempt, setAttempt] = useState(0);
  const [left, setLeft] = useState(false);
  const leftRef = useRef(false);
  leftRef.current = left;
  const roomId = credentials.roomId;
  // Going elsewhere from "You left" (back to the console) is leaving for good: the chat goes.
  useEffect(
    () => () => {
      if (leftRef.current) createChatHistory(roomId).clear();
    },
    [roomId],
  );

  if (left) {
    return (
      <LeftScreen
        isVisitLive={props.isVisitLive}
        rejoin={async () => {
          const fresh = props.refreshCredentials ? await props.refreshCredentials() : credentials;
          setCredentials(fresh);
          setAttempt((n) => n + 1);
          setLeft(false);
        }}
        done={() => {
          createChatHistory(credentials.roomId).clear();
          props.onLeave();
        }}
        endActions={props.endActions}
      />
    );
  }

  const room = {
    ...props,
    // A join again starts its timings at the click.
    joinedAt: attempt === 0 ? props.joinedAt : undefined,
    onLeave: () => setLeft(true),
    banner: props.endsAt ? (
      <CallCountdown endsAt={props.endsAt} onExtend={props.onExtend} />
    ) : undefined,
  };
  return (
    <Suspense fallback={<Loading label={t('room.loading')} />}>
      {credentials.provider === 'livekit' ? (
        <LiveKitVideoRoom key={attempt} {...room} credentials={credentials} />
      ) : (
        <P2PVideoRoom key={attempt} {...room} credentials={credentials} />
      )}
    </Suspense>
  );
}
