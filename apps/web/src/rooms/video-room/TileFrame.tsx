// One participant's camera or shared screen on the stage, whatever the provider: the provider
// hands in its video element, this frame adds the name ("(you)" on your own), microphone,
// camera and connection state, and the reactions floating over it. Both providers mark tiles
// the same way (`.tile[data-kind][data-local]`), which the telemetry and the specs rely on.
import type { ReactNode } from 'react';
import { roleOfIdentity } from '@openconnect/contracts/invite-roles';
import { t } from '../../i18n/t.ts';
import { Icon } from './icons.tsx';
import { ReactionOverlay } from './ReactionOverlay.tsx';
import './tile-role.css';
import type { RoomSession } from './room-session.ts';

export type Quality = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

/** Where a tile sits on the stage, for its size and how much it says. */
export type TilePlace = 'focus' | 'pip' | 'grid' | 'strip';

export interface TileFrameProps {
  identity: string;
  name: string;
  kind: 'camera' | 'screen';
  isLocal: boolean;
  micEnabled: boolean;
  cameraEnabled: boolean;
  quality: Quality;
  session: RoomSession;
  place: TilePlace;
  /** The video, or null to show the person's initial. */
  video: ReactNode;
  /** This person is in audio only: the tile says so rather than showing a still picture. */
  audioOnly?: boolean;
  /** Anything else the tile needs (e.g. a hidden element that keeps the voice playing). */
  children?: ReactNode;
}

/** The tile's visible name: "Screen shared by Ann", "Ann (you)" or "Ann". */
export function tileLabel(kind: 'camera' | 'screen', name: string, isLocal: boolean): string {
  if (kind === 'screen') return t('room.screenOf', { name });
  return isLocal ? t('room.you', { name }) : name;
}

/** A participant's tile. */
export function TileFrame(props: TileFrameProps) {
  const label = tileLabel(props.kind, props.name, props.isLocal);
  const camera = props.kind === 'camera';
  const weak = props.quality === 'poor' || props.quality === 'lost';
  // Someone added to the call carries their role (interpreter…) in their identity.
  const role = roleOfIdentity(props.identity);
  return (
    <figure
      className={`tile tile--${props.place}`}
      data-identity={props.identity}
      data-kind={props.kind}
      data-local={props.isLocal || undefined}
      data-audio-only={(camera && props.audioOnly) || undefined}
    >
      {props.video ?? (
        <div className="tile__placeholder" aria-hidden="true">
          <span>{props.name.slice(0, 1).toUpperCase()}</span>
        </div>
      )}
      {props.children}
      <figcaption className="tile__caption">
        {camera && !props.micEnabled && (
          <span className="tile__badge tile__badge--off">
            <Icon name="micOff" />
            <span className="visually-hidden">{t('room.muted')}</span>
          </span>
        )}
        <span className="tile__name">{label}</span>
        {camera && props.audioOnly && (
          <span className="tile__badge tile__badge--audio-only">
            <Icon name="headphones" />
            <span className="tile__badge-text">{t('room.audioOnly')}</span>
          </span>
        )}
        {role && <span className="tile__role">{t(`room.role.${role}`)}</span>}
        {camera && !props.cameraEnabled && (
          <span className="visually-hidden">{t('room.cameraOff')}</span>
        )}
        {camera && !props.isLocal && (
          <span className={weak ? 'tile__badge tile__badge--weak' : 'visually-hidden'}>
            {t('room.quality', { quality: t(`room.quality.${props.quality}`) })}
          </span>
        )}
      </figcaption>
      {camera && <ReactionOverlay session={props.session} identity={props.identity} />}
    </figure>
  );
}
