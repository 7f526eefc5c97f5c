// The video room on the p2p provider: binds useP2PRoom to the shared call screen (RoomFrame,
// Stage, ControlBar), with MediaTile for the mesh's plain MediaStreams.
import { useEffect, useMemo, useRef } from 'react';
import { constraintsFor, type MediaChoice } from '../../lobby/devices.ts';
import { t } from '../../i18n/t.ts';
import { useStore } from '../../store/useStore.ts';
import type { RoomParticipant } from '../room-types.ts';
import { createDeviceList } from '../video-room/device-list.ts';
import { DeviceMenu } from '../video-room/DeviceMenu.tsx';
import type { MediaControls } from '../video-room/ControlBar.tsx';
import { layoutChoiceMatters, type TileInfo } from '../video-room/layout.ts';
import { MediaTile } from '../video-room/MediaTile.tsx';
import { RoomFrame } from '../video-room/RoomFrame.tsx';
import { Stage } from '../video-room/Stage.tsx';
import type { Quality } from '../video-room/TileFrame.tsx';
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
// Long by wiring: the p2p room's state, devices and session handed to the shared call screen.
export default function P2PVideoRoom(props: VideoRoomProps & { credentials: P2PCredentials }) {
  const { credentials, media } = props;
  const mediaOptions = useMemo(() => mediaConstraints(media), [media]);
  const roomRef = useRef<UseP2PRoom | null>(null);
  const session = useMemo(
    () =>
      createRoomSession({
        send: (message) => roomRef.current?.sendData(message),
        selfIdentity: () => credentials.identity,
        roomId: credentials.roomId,
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
    audioOnly: media?.audioOnly,
    refreshCredentials: p2pOnly(props.refreshCredentials),
    onData: (received) => session.receive(received.from, received.message),
  });
  useEffect(() => {
    roomRef.current = room;
  });
  const stageRef = useCallTelemetry('p2p', room.state, props.joinedAt, () =>
    roomRef.current?.linkStats(),
  );

  const tiles = tilesOf([...(room.local ? [room.local] : []), ...room.remotes]);
  const controls = useMediaControls(room, session, credentials.capabilities.screenShare);

  return (
    <RoomFrame
      title={props.title}
      provider="p2p"
      state={room.state === 'idle' ? 'connecting' : room.state}
      reason={room.reason}
      capabilities={credentials.capabilities}
      session={session}
      stage={
        <Stage
          tiles={tiles}
          session={session}
          alone={room.state === 'connected' && room.remotes.length === 0}
          renderTile={(tile, place) => (
            <MediaTile
              key={tile.key}
              identity={tile.identity}
              name={tile.participant.displayName}
              kind={tile.kind}
              isLocal={tile.isLocal}
              stream={tile.stream}
              micEnabled={tile.participant.micEnabled}
              // In audio only no camera arrives: show the initial, never a frozen frame.
              cameraEnabled={
                tile.participant.cameraEnabled &&
                !tile.participant.audioOnly &&
                !room.local?.audioOnly
              }
              audioOnly={tile.participant.audioOnly}
              quality={quality(tile.participant)}
              session={session}
              place={place}
            />
          )}
        />
      }
      stageRef={stageRef}
      media={controls}
      canChangeLayout={layoutChoiceMatters(tiles)}
      sidePanel={props.sidePanel}
      banner={props.banner}
      onLeave={() => {
        room.leave();
        props.onLeave();
      }}
      endActions={props.endActions}
    />
  );
}

/** The bar's microphone, camera (with their device menus) and screen share on the mesh. */
function useMediaControls(
  room: UseP2PRoom,
  session: RoomSession,
  screenShare: boolean,
): MediaControls | null {
  const devices = useDeviceMenus(room, session);
  const local = room.local;
  if (!local) return null;
  return {
    micEnabled: local.micEnabled,
    cameraEnabled: local.cameraEnabled,
    toggleMic: () => room.setMicrophoneEnabled(!local.micEnabled),
    // Starting video ends audio only: the camera is wanted again.
    toggleCamera: () =>
      local.audioOnly ? room.setAudioOnly(false) : room.setCameraEnabled(!local.cameraEnabled),
    audioOnly: {
      on: local.audioOnly === true,
      toggle: () => {
        room.setAudioOnly(!local.audioOnly);
        session.announce(
          local.audioOnly ? t('room.audioOnly.announce.off') : t('room.audioOnly.announce.on'),
        );
      },
    },
    screen: screenShare
      ? {
          sharing: room.screenSharing,
          toggle: () =>
            room.screenSharing
              ? room.stopScreenShare()
              : room.startScreenShare().catch(() => session.announce(t('room.screen.failed'))),
        }
      : undefined,
    micMenu: (
      <DeviceMenu
        label={t('room.devices.microphoneMenu')}
        devices={devices.microphones}
        activeId={room.activeDevice('audioinput')}
        onSelect={(id) => devices.select('audioinput', id)}
      />
    ),
    cameraMenu: (
      <DeviceMenu
        label={t('room.devices.cameraMenu')}
        devices={devices.cameras}
        activeId={room.activeDevice('videoinput')}
        onSelect={(id) => devices.select('videoinput', id)}
      />
    ),
  };
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
