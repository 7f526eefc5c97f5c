// The video room on LiveKit: livekit-client through useLiveKitRoom, rendered with
// @livekit/components-react (tiles, layouts, audio, toggles, device menus, connection quality)
// inside the shared RoomFrame. The only module besides the hook that imports LiveKit's packages.
import { useEffect, useMemo, useRef } from 'react';
import { Track } from 'livekit-client';
import {
  CarouselLayout,
  FocusLayoutContainer,
  GridLayout,
  MediaDeviceMenu,
  ParticipantTile,
  RoomAudioRenderer,
  RoomContext,
  TrackRefContext,
  TrackToggle,
  useTrackRefContext,
  useTracks,
  type TrackReferenceOrPlaceholder,
} from '@livekit/components-react';
import '@livekit/components-styles';
import { t } from '../../i18n/t.ts';
import { useStore } from '../../store/useStore.ts';
import { arrangeTiles, type TileInfo } from '../video-room/layout.ts';
import { ReactionOverlay, RoomFrame } from '../video-room/RoomFrame.tsx';
import { createRoomSession, type RoomSession } from '../video-room/room-session.ts';
import { useCallTelemetry } from '../video-room/useCallTelemetry.ts';
import type { VideoRoomProps } from '../video-room/VideoRoom.tsx';
import { useLiveKitRoom, type LiveKitCredentials } from './useLiveKitRoom.ts';

interface Tile extends TileInfo {
  ref: TrackReferenceOrPlaceholder;
}

/** The LiveKit video room. */
export default function LiveKitVideoRoom(
  props: VideoRoomProps & { credentials: LiveKitCredentials },
) {
  const { credentials } = props;
  const roomRef = useRef<ReturnType<typeof useLiveKitRoom> | null>(null);
  const session = useMemo(
    () =>
      createRoomSession({
        send: (message) => roomRef.current?.send(message),
        selfIdentity: () => credentials.identity,
        nameOf: (identity) => {
          const room = roomRef.current?.room;
          if (identity === credentials.identity) return credentials.displayName;
          const p = room?.remoteParticipants.get(identity);
          return p?.name || identity;
        },
      }),
    [credentials],
  );
  useEffect(() => () => session.dispose(), [session]);

  const lk = useLiveKitRoom(credentials, {
    media: props.media,
    onData: (from, message) => session.receive(from, message),
    onRecording: (recording) => session.setRecording(recording),
    onMediaError: () => session.announce(t('room.media.failed')),
  });
  useEffect(() => {
    roomRef.current = lk;
  });
  const stageRef = useCallTelemetry('livekit', lk.state, props.joinedAt);

  const caps = credentials.capabilities;
  const controls = (
    <>
      <TrackToggle source={Track.Source.Microphone}>{t('room.devices.microphone')}</TrackToggle>
      <MediaDeviceMenu kind="audioinput">{t('room.devices.microphoneMenu')}</MediaDeviceMenu>
      <TrackToggle source={Track.Source.Camera}>{t('room.devices.camera')}</TrackToggle>
      <MediaDeviceMenu kind="videoinput">{t('room.devices.cameraMenu')}</MediaDeviceMenu>
      {caps.screenShare && (
        <TrackToggle
          source={Track.Source.ScreenShare}
          captureOptions={{ audio: false, selfBrowserSurface: 'include' }}

          onDeviceError={() => session.announce(t('room.screen.failed'))}
        >
          {t('room.screen.start')}
        </TrackToggle>
      )}
    </>
  );

  return (
    <RoomContext.Provider value={lk.room}>
      <div data-lk-theme="default" className="lk-root">
        <RoomFrame
          title={props.title}
          provider="livekit"
          state={lk.state}
          reason={lk.reason}
          capabilities={caps}
          session={session}
          stage={
            lk.state === 'disconnected' ? null : (
              <Stage session={session} activeSpeaker={lk.activeSpeaker} />
            )
          }
          stageRef={stageRef}
          controls={controls}
          onLeave={() => {
            lk.leave();
            props.onLeave();
          }}
          onRejoin={lk.rejoin}
          endActions={props.endActions}
        />
        {lk.state !== 'disconnected' && <RoomAudioRenderer />}
      </div>
    </RoomContext.Provider>
  );
}

function Stage({ session, activeSpeaker }: { session: RoomSession; activeSpeaker: string | null }) {
  const view = useStore(session.store);
  const refs = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    { onlySubscribed: false },
  );
  const tiles: Tile[] = refs.map((ref) => ({
    key: `${ref.participant.identity}:${ref.source}`,
    identity: ref.participant.identity,
    kind: ref.source === Track.Source.ScreenShare ? 'screen' : 'camera',
    isLocal: ref.participant.isLocal,
    ref,
  }));
  const { focus, others } = arrangeTiles(tiles, view.layout, activeSpeaker);
  const tile = <SessionTile session={session} />;
  return (
    <>
      {tiles.every((x) => x.isLocal) && <p className="room__alone">{t('room.waitingForOthers')}</p>}
      {focus ? (
        <FocusLayoutContainer className="stage stage--focus">
          <CarouselLayout tracks={others.map((x) => x.ref)}>{tile}</CarouselLayout>
          <TrackRefContext.Provider value={focus.ref}>
            <SessionTile session={session} large />
          </TrackRefContext.Provider>
        </FocusLayoutContainer>
      ) : (
        <GridLayout tracks={others.map((x) => x.ref)} className="stage stage--grid">
          {tile}
        </GridLayout>
      )}
    </>
  );
}

/** LiveKit's tile for the track in context, with our reactions and test-friendly attributes. */
function SessionTile({ session, large = false }: { session: RoomSession; large?: boolean }) {
  const ref = useTrackRefContext();
  const kind = ref.source === Track.Source.ScreenShare ? 'screen' : 'camera';
  return (
    <div
      className={large ? 'tile tile--large' : 'tile'}
      data-identity={ref.participant.identity}
      data-kind={kind}
      data-local={ref.participant.isLocal || undefined}
    >
      <ParticipantTile trackRef={ref} />
      {kind === 'camera' && (
        <ReactionOverlay session={session} identity={ref.participant.identity} />
      )}
    </div>
  );
}
