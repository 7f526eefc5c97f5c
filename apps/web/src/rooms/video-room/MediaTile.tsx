// One participant's camera or shared screen as a tile: the video, their name, microphone and
// connection state, and the reactions floating over it. Used by the p2p room; the LiveKit room
// uses LiveKit's ParticipantTile with the same overlay and data attributes.
import { t } from '../../i18n/t.ts';
import { ReactionOverlay } from './RoomFrame.tsx';
import type { RoomSession } from './room-session.ts';
import { StreamVideo } from './StreamVideo.tsx';

export type Quality = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

interface MediaTileProps {
  identity: string;
  name: string;
  kind: 'camera' | 'screen';
  isLocal: boolean;
  stream: MediaStream | null;
  micEnabled: boolean;
  cameraEnabled: boolean;
  quality: Quality;
  session: RoomSession;
  large?: boolean;
}

/** A participant's tile. */
export function MediaTile(props: MediaTileProps) {
  const label =
    props.kind === 'screen'
      ? t('room.screenOf', { name: props.name })
      : props.isLocal
        ? t('room.you', { name: props.name })
        : props.name;
  const showVideo = props.kind === 'screen' || props.cameraEnabled;
  return (
    <figure
      className={`tile${props.large ? ' tile--large' : ''}`}
      data-identity={props.identity}
      data-kind={props.kind}
      data-local={props.isLocal || undefined}
    >
      {showVideo && props.stream ? (
        <StreamVideo
          stream={props.stream}
          // Your own audio never plays back; a screen share carries none here.
          muted={props.isLocal || props.kind === 'screen'}
          mirrored={props.isLocal && props.kind === 'camera'}
          label={label}
        />
      ) : (
        <div className="tile__placeholder" aria-hidden="true">
          {props.name.slice(0, 1).toUpperCase()}
        </div>
      )}
      {/* A hidden camera still carries the participant's voice. */}
      {!showVideo && props.stream && !props.isLocal && (
        <StreamVideo stream={props.stream} label={label} className="visually-hidden" />
      )}
      <figcaption className="tile__caption">
        <span className="tile__name">{label}</span>
        {props.kind === 'camera' && !props.micEnabled && (
          <span className="tile__badge">{t('room.muted')}</span>
        )}
        {props.kind === 'camera' && !props.cameraEnabled && (
          <span className="tile__badge">{t('room.cameraOff')}</span>
        )}
        {props.kind === 'camera' && !props.isLocal && (
          <span className={`tile__quality tile__quality--${props.quality}`}>
            {t('room.quality', { quality: t(`room.quality.${props.quality}`) })}
          </span>
        )}
      </figcaption>
      {props.kind === 'camera' && (
        <ReactionOverlay session={props.session} identity={props.identity} />
      )}
    </figure>
  );
}
