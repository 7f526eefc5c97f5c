// The chrome every video room shares, whatever the provider: heading with recording and
// connection state, the stage (tiles, given by the provider's component), the control bar
// (provider controls + reactions, chat, layout and leave), the chat panel, notices and the
// screen shown once the call has ended.
import { useEffect, useRef, useState, type FormEvent, type ReactNode, type Ref } from 'react';
import type { Capabilities } from '@openconnect/contracts';
import type { ProviderName } from '@openconnect/contracts/provider-types';
import { t } from '../../i18n/t.ts';
import { useStore } from '../../store/useStore.ts';
import { Button } from '../../ui/Button.tsx';
import { LiveMessage, Notice } from '../../ui/Notice.tsx';
import type { DisconnectReason, RoomConnectionState } from '../room-types.ts';
import { REACTIONS } from './data-protocol.ts';
import { endMessage, mayRejoin } from './end-reasons.ts';
import type { RoomSession } from './room-session.ts';

export interface RoomFrameProps {
  title: string;
  /** Which provider carries the call, as `data-provider` for styles and tests. */
  provider: ProviderName;
  state: RoomConnectionState;
  reason: DisconnectReason | null;
  capabilities: Capabilities;
  session: RoomSession;
  /** The tiles. */
  stage: ReactNode;
  /** The element holding the tiles (the call telemetry watches it for the first remote frame). */
  stageRef?: Ref<HTMLDivElement>;
  /** Provider controls placed first in the bar: microphone, camera, screen share, devices. */
  controls: ReactNode;
  onLeave(): void;
  /** Offered when the call was lost and joining again may work. */
  onRejoin?: () => void;
  /** Extra actions on the ended screen (e.g. back to the console). */
  endActions?: ReactNode;
}

/** The room's frame around a provider's stage and controls. */
export function RoomFrame(props: RoomFrameProps) {
  const { session, state, capabilities } = props;
  const view = useStore(session.store);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = t('app.documentTitle', { page: props.title });
    headingRef.current?.focus();
  }, [props.title]);

  if (state === 'disconnected') return <EndedScreen {...props} headingRef={headingRef} />;

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

      {state === 'reconnecting' && (
        <div className="notice notice--info room__banner" role="status">
          {t('room.reconnecting')}
        </div>
      )}
      {view.recordingNotice && (
        <Notice tone="info" onDismiss={session.dismissRecordingNotice}>
          {t('room.recording.started')}
        </Notice>
      )}

      <div className={`room__body${view.chatOpen ? ' room__body--chat' : ''}`}>
        <div className="room__stage" ref={props.stageRef}>
          {props.stage}
        </div>
        {view.chatOpen && capabilities.chat && <ChatPanel session={session} />}
      </div>

      <ControlBar {...props} />
      <LiveMessage message={view.announcement} />
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
    </div>
  );
}

/** The control bar: the provider's controls, then layout, reactions, chat and leave. */
function ControlBar({ session, capabilities, controls, onLeave }: RoomFrameProps) {
  const view = useStore(session.store);
  return (
    <div className="room__controls" role="toolbar" aria-label={t('room.controls')}>
      {controls}
      <Button
        variant="secondary"
        aria-pressed={view.layout === 'speaker'}
        onClick={() => session.setLayout(view.layout === 'grid' ? 'speaker' : 'grid')}
      >
        {view.layout === 'grid' ? t('room.layout.speaker') : t('room.layout.grid')}
      </Button>
      {capabilities.reactions && (
        <div className="reaction-bar" role="group" aria-label={t('room.reactions')}>
          {REACTIONS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className="button button--secondary reaction-bar__button"
              aria-label={t('room.reaction.send', { emoji })}
              onClick={() => session.sendReaction(emoji)}
            >
              <span aria-hidden="true">{emoji}</span>
            </button>
          ))}
        </div>
      )}
      {capabilities.chat && (
        <Button
          variant="secondary"
          aria-pressed={view.chatOpen}
          onClick={() => session.setChatOpen(!view.chatOpen)}
        >
          {view.unread > 0 ? t('room.chat.unread', { count: view.unread }) : t('room.chat')}
        </Button>
      )}
      <Button variant="danger" onClick={onLeave}>
        {t('room.leave')}
      </Button>
    </div>
  );
}

function ChatPanel({ session }: { session: RoomSession }) {
  const view = useStore(session.store);
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => inputRef.current?.focus(), []);
  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [view.chat.length]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (session.sendChat(text)) setText('');
  }

  return (
    <aside className="chat" aria-labelledby="chat-title">
      <div className="chat__header">
        <h2 id="chat-title">{t('room.chat.title')}</h2>
        <Button variant="link" onClick={() => session.setChatOpen(false)}>
          {t('room.chat.close')}
        </Button>
      </div>
      {view.chat.length === 0 ? (
        <p className="chat__empty">{t('room.chat.empty')}</p>
      ) : (
        <ol className="chat__list" ref={listRef}>
          {view.chat.map((m) => (
            <li
              key={m.id}
              className={m.mine ? 'chat__message chat__message--mine' : 'chat__message'}
            >
              <span className="chat__from">
                {m.mine ? t('room.chat.me') : t('room.chat.from', { name: m.name })}
              </span>{' '}
              {m.text}
            </li>
          ))}
        </ol>
      )}
      <form className="chat__form" onSubmit={submit}>
        <label htmlFor="chat-input" className="visually-hidden">
          {t('room.chat.input')}
        </label>
        <input
          id="chat-input"
          ref={inputRef}
          className="field__input"
          value={text}
          maxLength={2000}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
        />
        <Button type="submit">{t('room.chat.send')}</Button>
      </form>
    </aside>
  );
}

/** Reactions floating over one participant's tile (decorative: the live region announces them). */
export function ReactionOverlay({ session, identity }: { session: RoomSession; identity: string }) {
  const view = useStore(session.store);
  const mine = view.reactions.filter((r) => r.identity === identity);
  if (mine.length === 0) return null;
  return (
    <div className="reaction-overlay" aria-hidden="true">
      {mine.map((r) => (
        <span key={r.id} className="reaction-float" data-emoji={r.emoji}>
          {r.emoji}
        </span>
      ))}
    </div>
  );
}
