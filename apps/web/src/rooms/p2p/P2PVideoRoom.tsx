// The video room on the p2p provider: binds useP2PRoom to the shared RoomFrame, with our own
// tiles (the mesh hands us plain MediaStreams).
import { useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { constraintsFor, type MediaChoice } from '../../lobby/devices.ts';
import { t } from '../../i18n/t.ts';
import { useStore } from '../../store/useStore.ts';
import { Button } from '../../ui/Button.tsx';
import type { RoomParticipant } from '../room-types.ts';
import { createDeviceList } from '../video-room/device-list.ts';
import { DeviceMenu } from '../video-room/DeviceMenu.tsx';
import { arrangeTiles, gridColumns, type TileInfo } from '../video-room/layout.ts';
import { MediaTile, type Quality } from '../video-room/MediaTile.tsx';
import { RoomFrame } from '../video-room/RoomFrame.tsx';
import { createRoomSession, type RoomSession } from '../video-room/room-session.ts';
import { useCallTelemetry } from '../video-room/useCallTelemetry.ts';
import type { VideoRoomProps } from '../video-room/VideoRoom.tsx';
import type { InputKind } from './local-media.ts';
import type { P2PCredentials } from './p2p-room.ts';
import { useP2PRoom, type UseP2PRoom } from './useP2PRoom.ts';

interface Tile extends TileInfo {
  participant: RoomParticipant;
  stream: MediaStream | null;
}

function quality(p: RoomParticipant): Quality {
  switch (p.link) {
    case 'connected':
      return 'good';
    case 'reconnecting':
      return 'poor';
    case 'failed':
      return 'lost';
    default:
      return 'unknown';
  }
}

function tilesOf(participants: RoomParticipant[]): Tile[] {
  return participants.flatMap((p) => {
    const camera: Tile = {
      key: `${p.identity}:camera`,
      identity: p.identity,
      kind: 'camera',
      isLocal: p.isLocal,
      participant: p,
      stream: p.stream,
    };
    if (!p.screenStream) return [camera];
    return [
      camera,
      { ...camera, key: `${p.identity}:screen`, kind: 'screen' as const, stream: p.screenStream },
    ];
  });
}

/** The p2p video room. */
export default function P2PVideoRoom(props: VideoRoomProps & { credentials: P2PCredentials }) {
  const { credentials, media } = props;
  const mediaOptions = useMemo(() => mediaConstraints(media), [media]);
  const roomRef = useRef<UseP2PRoom | null>(null);
  const session = useMemo(
    () =>
      createRoomSession({
        send: (message) => roomRef.current?.sendData(message),
        selfIdentity: () => credentials.identity,
        nameOf: (identity) =>
          identity === credentials.identity
            ? credentials.displayName
            : (roomRef.current?.remotes.find((r) => r.identity === identity)?.displayName ??
              identity),
      }),
    [credentials],
  );
  useEffect(() => () => session.dispose(), [session]);

  const room = useP2PRoom(credentials, {
    media: mediaOptions,
    refreshCredentials: p2pOnly(props.refreshCredentials),
    onData: (received) => session.receive(received.from, received.message),
  });
  useEffect(() => {
    roomRef.current = room;
  });
  const stageRef = useCallTelemetry('p2p', room.state, props.joinedAt);

  return (
    <RoomFrame
      title={props.title}
      provider="p2p"
      state={room.state === 'idle' ? 'connecting' : room.state}
      reason={room.reason}
      capabilities={credentials.capabilities}
      session={session}
      stage={<Stage room={room} session={session} />}
      stageRef={stageRef}
      controls={
        room.local && (
          <Controls
            room={room}
            local={room.local}
            session={session}
            screenShare={credentials.capabilities.screenShare}
          />
        )
      }
      onLeave={() => {
        room.leave();
        props.onLeave();
      }}
      endActions={props.endActions}
    />
  );
}

/** Everyone's camera and shared screen, in the layout chosen. */
function Stage({ room, session }: { room: UseP2PRoom; session: RoomSession }) {
  const view = useStore(session.store);
  const participants = [...(room.local ? [room.local] : []), ...room.remotes];
  const { focus, others } = arrangeTiles(tilesOf(participants), view.layout);

  const renderTile = (tile: Tile, large = false) => (
    <MediaTile
      key={tile.key}
      identity={tile.identity}
      name={tile.participant.displayName}
      kind={tile.kind}
      isLocal={tile.isLocal}
      stream={tile.stream}
      micEnabled={tile.participant.micEnabled}
      cameraEnabled={tile.participant.cameraEnabled}
      quality={quality(tile.participant)}
      session={session}
      large={large}
    />
  );

  return (
    <>
      {room.state === 'connected' && room.remotes.length === 0 && (
        <p className="room__alone">{t('room.waitingForOthers')}</p>
      )}
      {focus ? (
        <div className="stage stage--focus">
          <div className="stage__focus">{renderTile(focus, true)}</div>
          <div className="stage__strip">{others.map((tile) => renderTile(tile))}</div>
        </div>
      ) : (
        <div
          className="stage stage--grid"
          style={{ '--columns': gridColumns(others.length) } as CSSProperties}
        >
          {others.map((tile) => renderTile(tile))}
        </div>
      )}
    </>
  );
}

interface ControlsProps {
  room: UseP2PRoom;
  local: RoomParticipant;
  session: RoomSession;
  screenShare: boolean;
}

/** Microphone and camera toggles with their device menus, and screen sharing. */
function Controls({ room, local, session, screenShare }: ControlsProps) {
  const devices = useDeviceMenus(room, session);
  return (
    <>
      <Button
        variant="secondary"
        aria-pressed={!local.micEnabled}
        onClick={() => room.setMicrophoneEnabled(!local.micEnabled)}
      >
        {local.micEnabled ? t('room.mic.off') : t('room.mic.on')}
      </Button>
      <DeviceMenu
        label={t('room.devices.microphoneMenu')}
        devices={devices.microphones}
        activeId={room.activeDevice('audioinput')}
        onSelect={(id) => devices.select('audioinput', id)}
      />
      <Button
        variant="secondary"
        aria-pressed={!local.cameraEnabled}
        onClick={() => room.setCameraEnabled(!local.cameraEnabled)}
      >
        {local.cameraEnabled ? t('room.camera.off') : t('room.camera.on')}
      </Button>
      <DeviceMenu
        label={t('room.devices.cameraMenu')}
        devices={devices.cameras}
        activeId={room.activeDevice('videoinput')}
        onSelect={(id) => devices.select('videoinput', id)}
      />
      {screenShare && (
        <Button
          variant="secondary"
          aria-pressed={room.screenSharing}
          onClick={() =>
            room.screenSharing
              ? room.stopScreenShare()
              : room.startScreenShare().catch(() => session.announce(t('room.screen.failed')))
          }
        >
          {room.screenSharing ? t('room.screen.stop') : t('room.screen.start')}
        </Button>
      )}
    </>
  );
}

/** The cameras and microphones for the menus, kept current, and switching between them. */
function useDeviceMenus(room: UseP2PRoom, session: RoomSession) {
  const deviceList = useMemo(
    () =>
      createDeviceList({
        camera: t('room.devices.camera'),
        microphone: t('room.devices.microphone'),
      }),
    [],
  );
  useEffect(() => deviceList.start(), [deviceList]);
  const devices = useStore(deviceList.store);
  const select = (kind: InputKind, deviceId: string) => {
    room.switchDevice(kind, deviceId).then(
      () => void deviceList.refresh(), // Labels may appear once a device was opened.
      () => session.announce(t('room.devices.failed')),
    );
  };
  return { ...devices, select };
}

/** A credentials refresh that fails once the visit moved off p2p: this room cannot follow it. */
function p2pOnly(refresh: VideoRoomProps['refreshCredentials']) {
  if (!refresh) return undefined;
  return async (): Promise<P2PCredentials> => {
    const fresh = await refresh();
    if (fresh.provider !== 'p2p') throw new Error('The visit moved to another provider.');
    return fresh;
  };
}

function mediaConstraints(media: MediaChoice | undefined) {
  if (!media) return undefined;
  const c = constraintsFor(media);
  return { audio: c.audio, video: c.video } as {
    audio: boolean | MediaTrackConstraints;
    video: boolean | MediaTrackConstraints;
  };
}
