// The video room on LiveKit: a LiveKitCall through useLiveKitCall, rendered with
// @livekit/components-react (tiles, layouts, audio, toggles, device menus, connection quality)
// inside the shared RoomFrame. With livekit-call.ts, the only module that imports LiveKit's
// packages, so they load only when a LiveKit call starts.
import { useEffect, useMemo } from 'react';
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
import type { LiveKitCall, LiveKitCredentials } from './livekit-call.ts';
import { useLiveKitCall } from './useLiveKitCall.ts';

interface Tile extends TileInfo {
  ref: TrackReferenceOrPlaceholder;
}

/** The LiveKit video room. */
export default function LiveKitVideoRoom(
  props: VideoRoomProps & { credentials: LiveKitCredentials },
) {
  const { credentials } = props;
  const { call, room, state, reason, activeSpeaker } = useLiveKitCall(credentials, props.media);
  // One session per call: chat and reactions outlive a rejoin, which keeps the call.
  const session = useMemo(
    () =>
      createRoomSession({
        send: (message) => call.send(message),
        selfIdentity: () => credentials.identity,
        nameOf: (identity) => call.nameOf(identity),
      }),
    [call, credentials],
  );
  useEffect(() => () => session.dispose(), [session]);
  useEffect(() => feedSession(call, session), [call, session]);
  const stageRef = useCallTelemetry('livekit', state, props.joinedAt);

  return (
    <RoomContext.Provider value={room}>
      <div data-lk-theme="default" className="lk-root">
        <RoomFrame
          title={props.title}
          provider="livekit"
          state={state}
          reason={reason}
          capabilities={credentials.capabilities}
          session={session}
          stage={
            state === 'disconnected' ? null : (
              <Stage session={session} activeSpeaker={activeSpeaker} />
            )
          }
          stageRef={stageRef}
          controls={
            <Controls session={session} screenShare={credentials.capabilities.screenShare} />
          }
          onLeave={() => {
            call.leave();
            props.onLeave();
          }}
          onRejoin={() => call.rejoin()}
          endActions={props.endActions}
        />
        {state !== 'disconnected' && <RoomAudioRenderer />}
      </div>
    </RoomContext.Provider>
  );
}

/** Hands the call's messages, recording changes and media problems to the session. */
function feedSession(call: LiveKitCall, session: RoomSession): () => void {
  const unsubscribe = [
    call.on('data', ({ from, message }) => session.receive(from, message)),
    call.on('recording', (recording) => session.setRecording(recording)),
    call.on('error', (error) => {
      // A failed join shows as the ended screen and a lost message is not worth interrupting
      // for; a camera or microphone that did not start is something the user can act on.
      if (error.kind === 'media') session.announce(t('room.media.failed'));
    }),
  ];
  return () => unsubscribe.forEach((off) => off());
}

/** LiveKit's microphone, camera and screen-share toggles with their device menus. */
function Controls({ session, screenShare }: { session: RoomSession; screenShare: boolean }) {
  return (
    <>
      <TrackToggle source={Track.Source.Microphone}>{t('room.devices.microphone')}</TrackToggle>
      <MediaDeviceMenu kind="audioinput">{t('room.devices.microphoneMenu')}</MediaDeviceMenu>
      <TrackToggle source={Track.Source.Camera}>{t('room.devices.camera')}</TrackToggle>
      <MediaDeviceMenu kind="videoinput">{t('room.devices.cameraMenu')}</MediaDeviceMenu>
      {screenShare && (
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
