// The call screen every video room shares, whatever the provider. It fills the viewport (no page
// scroll during a call): a slim header with the title, recording and connection state; the
// stage (tiles, given by the provider) with the chat beside it or over it; and one control bar
// fixed to the bottom. Also the screen shown once the call has ended.
import { useEffect, useRef, type ReactNode, type Ref } from 'react';
import type { Capabilities } from '@openconnect/contracts';
import type { ProviderName } from '@openconnect/contracts/provider-types';
import { t } from '../../i18n/t.ts';
import { useStore } from '../../store/useStore.ts';
import { Button } from '../../ui/Button.tsx';
import { LiveMessage, Notice } from '../../ui/Notice.tsx';
import type { DisconnectReason, RoomConnectionState } from '../room-types.ts';
import { ChatPanel } from './ChatPanel.tsx';
import { ControlBar, type MediaControls } from './ControlBar.tsx';
import { endMessage, mayRejoin } from './end-reasons.ts';
import type { RoomSession } from './room-session.ts';
import { CallFeedback } from '../../reports/CallFeedback.tsx';

export interface RoomFrameProps {
  title: string;
  /** Which provider carries the call, as `data-provider` for styles and tests. */
  provider: ProviderName;
  state: RoomConnectionState;
  reason: DisconnectReason | null;
  capabilities: Capabilities;
  session: RoomSession;
  /** The tiles (a `Stage`). */
  stage: ReactNode;
  /** The element holding the tiles (the call telemetry watches it for the first remote frame). */
  stageRef?: Ref<HTMLDivElement>;
  /** The local microphone, camera and screen share; null until the local media exists. */
  media: MediaControls | null;
  /** Whether the grid/speaker choice changes anything now. */
  canChangeLayout: boolean;
  onLeave(): void;
  /** Offered when the call was lost and joining again may work. */
  onRejoin?: () => void;
  /** Extra actions on the ended screen (e.g. back to the console). */
  endActions?: ReactNode;
}

/** The call screen around a provider's stage. */
export function RoomFrame(props: RoomFrameProps) {
  const { session, state, capabilities } = props;
  const view = useStore(session.store);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = t('app.documentTitle', { page: props.title });
    headingRef.current?.focus();
  }, [props.title]);

  if (state === 'disconnected') return <EndedScreen {...props} headingRef={headingRef} />;

  const chatOpen = view.chatOpen && capabilities.chat;
  return (
    <div className="room" data-provider={props.provider} data-state={state}>
      <header className="room__header">
        <h1 ref={headingRef} tabIndex={-1} className="room__title">
          {props.title}
        </h1>
        {view.recording && (
          <span className="room__recording" role="img" aria-label={t('room.recording')}>
            <span aria-hidden="true" className="room__recording-dot" />
            {t('room.recording')}
          </span>
        )}
        {state === 'connecting' && <span className="room__state">{t('room.connecting')}</span>}
      </header>

      <div className={chatOpen ? 'room__body room__body--chat' : 'room__body'}>
        <div className="room__stage" ref={props.stageRef}>
          {props.stage}
        </div>
        <div className="room__notices">
          {state === 'reconnecting' && (
            <div className="notice notice--info" role="status">
              {t('room.reconnecting')}
            </div>
          )}
          {view.recordingNotice && (
            <Notice tone="info" onDismiss={session.dismissRecordingNotice}>
              {t('room.recording.started')}
            </Notice>
          )}
        </div>
        {chatOpen && <ChatPanel session={session} />}
      </div>

      <ControlBar
        session={session}
        capabilities={capabilities}
        media={props.media}
        canChangeLayout={props.canChangeLayout}
        onLeave={props.onLeave}
      />
      <div className="visually-hidden">
        <LiveMessage message={view.announcement} />
      </div>
    </div>
  );
}

/** What is left once the call has ended: why, and what may be done next. */
function EndedScreen(props: RoomFrameProps & { headingRef: Ref<HTMLHeadingElement> }) {
  return (
    <div className="room-ended" data-provider={props.provider}>
      <h1 ref={props.headingRef} tabIndex={-1} className="page-heading">
        {t('room.ended.title')}
      </h1>
      <p className="lead" role="status">
        {t(endMessage(props.reason))}
      </p>
      <div className="room-ended__actions">
        {props.onRejoin && mayRejoin(props.reason) && (
          <Button onClick={props.onRejoin}>{t('room.rejoin')}</Button>
        )}
        {props.endActions}
      </div>
      <CallFeedback />
    </div>
  );
}
