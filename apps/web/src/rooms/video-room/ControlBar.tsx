// The call's one control bar, the same on every provider: microphone and camera (each with its
// device menu), screen share, reactions, chat, the grid/speaker choice in groups, and Leave.
// Icon buttons with their words as visible labels; on narrow screens the words become tooltips
// but stay the buttons' accessible names. Off states are unmistakable: a light button with a
// slashed red icon that says what pressing it does ("Unmute", "Start video").
import {
  useState,
  type ButtonHTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
} from 'react';
import type { Capabilities } from '@openconnect/contracts';
import { t } from '../../i18n/t.ts';
import { useStore } from '../../store/useStore.ts';
import { REACTIONS } from './data-protocol.ts';
import type { SidePanelSpec } from './SidePanel.tsx';
import { Emoji } from './Emoji.tsx';
import { Icon, type IconName } from './icons.tsx';
import type { RoomSession } from './room-session.ts';

/** What a provider lets the bar do with the local media. */
export interface MediaControls {
  micEnabled: boolean;
  cameraEnabled: boolean;
  toggleMic(): void;
  toggleCamera(): void;
  /** Present when the visit allows screen sharing. */
  screen?: { sharing: boolean; toggle(): void };
  /** Audio only: no camera sent or received. */
  audioOnly?: { on: boolean; toggle(): void };
  /** The device menus beside the microphone and camera buttons. */
  micMenu?: ReactNode;
  cameraMenu?: ReactNode;
}

interface CallControlProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  icon: IconName;
  label: string;
  /** `off`: a device is off (light, red icon); `danger`: Leave. */
  tone?: 'off' | 'danger';
  /** The label is only ever a tooltip (the small device-menu buttons). */
  tipOnly?: boolean;
  ref?: Ref<HTMLButtonElement>;
}

/** One icon button of the bar; its label is its accessible name. */
export function CallControl({
  icon,
  label,
  tone,
  tipOnly = false,
  className,
  children,
  ...rest
}: CallControlProps) {
  return (
    <button
      type="button"
      className={['control', tone && `control--${tone}`, className].filter(Boolean).join(' ')}
      {...rest}
    >
      <Icon name={icon} />
      <span className={tipOnly ? 'control__label control__label--tip' : 'control__label'}>
        {label}
      </span>
      {children}
    </button>
  );
}

interface ControlBarProps {
  session: RoomSession;
  capabilities: Capabilities;
  /** Null until the local media exists. */
  media: MediaControls | null;
  /** Whether the grid/speaker choice changes anything (groups without a shared screen). */
  canChangeLayout: boolean;
  /** The page's own panel (the host's queue): its button opens and closes it. */
  side?: { spec: SidePanelSpec; open: boolean; ref: Ref<HTMLButtonElement>; toggle(): void };
  leaveRef?: Ref<HTMLButtonElement>;
  /** Leave was pressed (the frame asks to confirm). */
  onLeave(): void;
}

/** The bar fixed to the bottom of the call screen. */
// Long by listing: one button per call control, in the order the bar shows them.
export function ControlBar({
  session,
  capabilities,
  media,
  canChangeLayout,
  side,
  leaveRef,
  onLeave,
}: ControlBarProps) {
  const view = useStore(session.store);
  return (
    <div className="room__controls" role="toolbar" aria-label={t('room.controls')}>
      {media && (
        <>
          <div className="control-group">
            <CallControl
              icon={media.micEnabled ? 'mic' : 'micOff'}
              label={media.micEnabled ? t('room.mic.off') : t('room.mic.on')}
              tone={media.micEnabled ? undefined : 'off'}
              aria-pressed={!media.micEnabled}
              onClick={media.toggleMic}
            />
            {media.micMenu}
          </div>
          <div className="control-group">
            <CallControl
              icon={media.cameraEnabled ? 'camera' : 'cameraOff'}
              label={media.cameraEnabled ? t('room.camera.off') : t('room.camera.on')}
              tone={media.cameraEnabled ? undefined : 'off'}
              aria-pressed={!media.cameraEnabled}
              onClick={media.toggleCamera}
            />
            {media.cameraMenu}
          </div>
          {media.audioOnly && (
            // The label says the state, so it is the whole accessible name (no aria-pressed too).
            <CallControl
              icon="headphones"
              label={media.audioOnly.on ? t('room.audioOnly.on') : t('room.audioOnly.off')}
              tone={media.audioOnly.on ? 'off' : undefined}
              data-audio-only={media.audioOnly.on}
              onClick={media.audioOnly.toggle}
            />
          )}
          {media.screen && (
            <CallControl
              icon={media.screen.sharing ? 'screenStop' : 'screen'}
              label={media.screen.sharing ? t('room.screen.stop') : t('room.screen.start')}
              aria-pressed={media.screen.sharing}
              onClick={media.screen.toggle}
            />
          )}
        </>
      )}
      {capabilities.reactions && <ReactionPicker session={session} />}
      {capabilities.chat && (
        <CallControl
          icon="chat"
          label={view.unread > 0 ? t('room.chat.unread', { count: view.unread }) : t('room.chat')}
          aria-pressed={view.chatOpen}
          onClick={() => session.setChatOpen(!view.chatOpen)}
        >
          {view.unread > 0 && (
            <span className="control__count" aria-hidden="true">
              {view.unread}
            </span>
          )}
        </CallControl>
      )}
      {side && (
        <CallControl
          ref={side.ref}
          icon="people"
          label={side.spec.count > 0 ? side.spec.countLabel : side.spec.label}
          aria-pressed={side.open}
          data-count={side.spec.count}
          onClick={side.toggle}
        >
          {side.spec.count > 0 && (
            <span className="control__count" aria-hidden="true">
              {side.spec.count}
            </span>
          )}
        </CallControl>
      )}
      {canChangeLayout && (
        <CallControl
          icon="speaker"
          label={t('room.layout.speaker')}
          aria-pressed={view.layout === 'speaker'}
          onClick={() => session.setLayout(view.layout === 'grid' ? 'speaker' : 'grid')}
        />
      )}
      <CallControl
        ref={leaveRef}
        icon="leave"
        label={t('room.leave')}
        tone="danger"
        onClick={onLeave}
      />
    </div>
  );
}

/**
 * The reactions: in the bar itself on wide screens, behind a "Reactions" button on narrow ones
 * (CSS decides which shows, so both sizes have the same buttons).
 */
function ReactionPicker({ session }: { session: RoomSession }) {
  const [open, setOpen] = useState(false);
  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      setOpen(false);
    }
  }
  return (
    <div className={open ? 'reactions reactions--open' : 'reactions'} onKeyDown={onKeyDown}>
      <CallControl
        icon="smile"
        label={t('room.reactions')}
        className="reactions__toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      />
      <div className="reactions__list" role="group" aria-label={t('room.reactions')}>
        {REACTIONS.map((emoji) => (
          <button
            key={emoji}
            type="button"
            className="control control--emoji"
            aria-label={t('room.reaction.send', { emoji })}
            onClick={() => session.sendReaction(emoji)}
          >
            <Emoji emoji={emoji} />
          </button>
        ))}
      </div>
    </div>
  );
}
