// The call screen every video room shares, whatever the provider. It fills the viewport (no page
// scroll during a call): a slim header with the title, recording and connection state; the
// stage (tiles, given by the provider) with a side panel beside it or over it (the chat, or the
// page's own panel such as the host's queue); and one control bar fixed to the bottom. Leave asks
// first. One polite live region says what changed; the screen's heading takes focus when the
// call starts and when it ends. Also the screen shown once the call has ended.
import { useEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import type { Capabilities } from '@openconnect/contracts';
import type { ProviderName } from '@openconnect/contracts/provider-types';
import { t } from '../../i18n/t.ts';
import { useStore } from '../../store/useStore.ts';
import { Button } from '../../ui/Button.tsx';
import { ConfirmGroup } from '../../ui/ConfirmGroup.tsx';
import { LiveMessage } from '../../ui/Notice.tsx';
import type { DisconnectReason, RoomConnectionState } from '../room-types.ts';
import { ChatPanel } from './ChatPanel.tsx';
import { ControlBar, type MediaControls } from './ControlBar.tsx';
import { endMessage, mayRejoin } from './end-reasons.ts';
import type { RoomSession } from './room-session.ts';
import { CallFeedback } from '../../reports/CallFeedback.tsx';
import { SidePanel, type SidePanelSpec } from './SidePanel.tsx';

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
  /** A panel of the page's own beside the chat (the host's queue), with its bar button. */
  sidePanel?: SidePanelSpec;
  /** Leave was pressed and confirmed. */
  onLeave(): void;
  /** Offered when the call was lost and joining again may work. */
  onRejoin?: () => void;
  /** Extra actions on the ended screen (e.g. back to the console). */
  endActions?: ReactNode;
  /** Shown over the stage while the call is live: a scheduled visit's countdown. */
  banner?: ReactNode;
}

/** Reasons after which the visit is over for this person: their kept chat goes. */
const FINAL: readonly DisconnectReason[] = ['room-closed', 'room-not-found', 'kicked'];

/** The call screen around a provider's stage. */
export function RoomFrame(props: RoomFrameProps) {
  const { session, state } = props;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ended = state === 'disconnected';

  useEffect(() => {
    document.title = t('app.documentTitle', { page: props.title });
    headingRef.current?.focus();
  }, [props.title, ended]);

  useEffect(() => {
    if (state === 'reconnecting') session.announce(t('room.reconnecting'));
  }, [state, session]);

  useEffect(() => {
    if (ended && props.reason && FINAL.includes(props.reason)) session.forgetChat();
  }, [ended, props.reason, session]);

  if (ended) return <EndedScreen {...props} headingRef={headingRef} />;
  return <LiveScreen {...props} headingRef={headingRef} />;
}

/** The call under way. */
// Long by layout: header, stage with notices and panels, the bar, the leave question.
function LiveScreen(props: RoomFrameProps & { headingRef: Ref<HTMLHeadingElement> }) {
  const { session, state, capabilities, sidePanel } = props;
  const view = useStore(session.store);
  const [sideOpen, setSideOpen] = useState(false);
  const [askingLeave, setAskingLeave] = useState(false);
  const leaveRef = useRef<HTMLButtonElement>(null);
  const sideButtonRef = useRef<HTMLButtonElement>(null);

  // One panel at a time: opening the chat closes the page's panel.
  const chatOpen = view.chatOpen && capabilities.chat;
  useEffect(() => {
    if (chatOpen) setSideOpen(false);
  }, [chatOpen]);

  // The page's own changes (someone is waiting…) go through the call's one live region.
  const pageNews = sidePanel?.announcement;
  useEffect(() => {
    if (pageNews) session.announce(pageNews);
  }, [pageNews, session]);

  function toggleSide(open: boolean) {
    setSideOpen(open);
    if (open) session.setChatOpen(false);
    else sideButtonRef.current?.focus();
  }

  function cancelLeave() {
    setAskingLeave(false);
    leaveRef.current?.focus();
  }

  const panelOpen = chatOpen || (sideOpen && sidePanel !== undefined);
  return (
    <div className="room" data-provider={props.provider} data-state={state}>
      <header className="room__header">
        <h1 ref={props.headingRef} tabIndex={-1} className="room__title">
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

      <div className={panelOpen ? 'room__body room__body--chat' : 'room__body'}>
        <div className="room__stage" ref={props.stageRef}>
          {props.stage}
        </div>
        <div className="room__notices">
          {props.banner}
          {state === 'reconnecting' && (
            <div className="notice notice--info">{t('room.reconnecting')}</div>
          )}
          {view.recordingNotice && (
            <div className="notice notice--info">
              <div className="notice__body">{t('room.recording.started')}</div>
              <button
                type="button"
                className="button button--link notice__dismiss"
                onClick={session.dismissRecordingNotice}
              >
                {t('common.dismiss')}
              </button>
            </div>
          )}
        </div>
        {chatOpen && <ChatPanel session={session} />}
        {!chatOpen && sideOpen && sidePanel && (
          <SidePanel spec={sidePanel} onClose={() => toggleSide(false)} />
        )}
      </div>

      {askingLeave && (
        <div className="room__leave" onKeyDown={(e) => e.key === 'Escape' && cancelLeave()}>
          <ConfirmGroup
            question={t('room.leave.confirm')}
            consequence={t('room.leave.consequence')}
            confirmLabel={t('room.leave.yes')}
            focusQuestion
            onConfirm={props.onLeave}
            onCancel={cancelLeave}
          />
        </div>
      )}
      <ControlBar
        session={session}
        capabilities={capabilities}
        media={props.media}
        canChangeLayout={props.canChangeLayout}
        side={
          sidePanel && {
            spec: sidePanel,
            open: sideOpen && !chatOpen,
            ref: sideButtonRef,
            toggle: () => toggleSide(!(sideOpen && !chatOpen)),
          }
        }
        leaveRef={leaveRef}
        onLeave={() => setAskingLeave(true)}
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
      <p className="lead">{t(endMessage(props.reason))}</p>
      <div className="room-ended__actions">
        {props.onRejoin && mayRejoin(props.reason) && (
          <Button onClick={props.onRejoin}>{t('room.rejoin')}</Button>
        )}
        {props.endActions}
      </div>
      <CallFeedback endReason={props.reason} />
    </div>
  );
}
