// The video room on LiveKit: a LiveKitCall through useLiveKitCall, shown on the shared call
// screen (RoomFrame, Stage, ControlBar, TileFrame) like the p2p room. Our own small hooks over
// livekit-client's events (livekit-hooks.ts) give the tiles, toggles and device lists, and
// LiveKitMedia.tsx the video and sound elements. This folder is the only one that imports
// livekit-client, so it loads only when credentials say LiveKit.
import { useEffect, useMemo, type ReactNode, type Ref } from 'react';
import { ConnectionQuality, Track, type Participant, type Room } from 'livekit-client';
import { t } from '../../i18n/t.ts';
import { useStore } from '../../store/useStore.ts';
import type { MediaControls } from '../video-room/ControlBar.tsx';
import { DeviceMenu } from '../video-room/DeviceMenu.tsx';
import { layoutChoiceMatters, type TileInfo } from '../video-room/layout.ts';
import { RoomFrame } from '../video-room/RoomFrame.tsx';
import { createRoomSession, type RoomSession } from '../video-room/room-session.ts';
import { Stage } from '../video-room/Stage.tsx';
import { consentApiFor } from '../video-room/consent-api.ts';
import { createRecordingConsent, type RecordingConsent } from '../video-room/recording-consent.ts';
import { RecordingConsentDialog } from '../video-room/RecordingConsentDialog.tsx';
import { TileFrame, tileLabel, type Quality, type TilePlace } from '../video-room/TileFrame.tsx';
import { liveKitStats } from '../video-room/telemetry-media-path.ts';
import { useCallTelemetry } from '../video-room/useCallTelemetry.ts';
import type { VideoRoomProps } from '../video-room/VideoRoom.tsx';
import type { LiveKitCall, LiveKitCredentials } from './livekit-call.ts';
import type { AudioOnlyState } from './livekit-audio-only.ts';
import { useLiveKitCall } from './useLiveKitCall.ts';
import {
  useConnectionQuality,
  useIsMuted,
  useMediaDevices,
  useParticipantName,
  useTileReferences,
  useTrackToggle,
} from './livekit-hooks.ts';
import { RoomAudio, VideoTrack } from './LiveKitMedia.tsx';
import { isTrackReference, type TrackReferenceOrPlaceholder } from './livekit-tracks.ts';

interface Tile extends TileInfo {
  ref: TrackReferenceOrPlaceholder;
}

/** The LiveKit video room. */
export default function LiveKitVideoRoom(
  props: VideoRoomProps & { credentials: LiveKitCredentials },
) {
  const { credentials } = props;
  // The recording notice: asked before camera and microphone are published, and whenever
  // recording starts or stops; only where this visit can be recorded.
  const consent = useMemo(
    () => createRecordingConsent(credentials.capabilities.recording ? consentApiFor() : undefined),
    [credentials],
  );
  const { call, room, state, reason, activeSpeaker } = useLiveKitCall(
    credentials,
    props.media,
    (recording) => consent.check(recording).then((outcome) => outcome === 'continue'),
  );
  // One session per call: chat and reactions outlive a rejoin, which keeps the call.
  const session = useMemo(
    () =>
      createRoomSession({
        send: (message) => call.send(message),
        selfIdentity: () => credentials.identity,
        roomId: credentials.roomId,
        nameOf: (identity) => call.nameOf(identity),
      }),
    [call, credentials],
  );
  useEffect(() => () => session.dispose(), [session]);
  useEffect(() => feedSession(call, session), [call, session]);
  useEffect(
    () => feedConsent(call, session, consent, props.onLeave),
    [call, session, consent, props.onLeave],
  );
  const stageRef = useCallTelemetry('livekit', state, props.joinedAt, () => liveKitStats(room));

  return (
    <>
      {state === 'disconnected' ? (
        <Frame {...props} call={call} session={session} state={state} reason={reason} />
      ) : (
        <>
          <ConnectedFrame
            {...props}
            call={call}
            session={session}
            state={state}
            reason={reason}
            room={room}
            activeSpeaker={activeSpeaker}
            stageRef={stageRef}
          />
          <RoomAudio room={room} />
        </>
      )}
      {state !== 'disconnected' && <RecordingConsentDialog consent={consent} />}
    </>
  );
}

interface FrameProps extends VideoRoomProps {
  credentials: LiveKitCredentials;
  call: LiveKitCall;
  session: RoomSession;
  state: ReturnType<typeof useLiveKitCall>['state'];
  reason: ReturnType<typeof useLiveKitCall>['reason'];
}

/** The call screen with a given stage and bar (none once the call has ended). */
function Frame(
  props: FrameProps & {
    stage?: ReactNode;
    stageRef?: Ref<HTMLDivElement>;
    controls?: MediaControls | null;
    canChangeLayout?: boolean;
  },
) {
  return (
    <RoomFrame
      title={props.title}
      provider="livekit"
      state={props.state}
      reason={props.reason}
      capabilities={props.credentials.capabilities}
      session={props.session}
      stage={props.stage}
      stageRef={props.stageRef}
      media={props.controls ?? null}
      canChangeLayout={props.canChangeLayout ?? false}
      sidePanel={props.sidePanel}
      banner={props.banner}
      onLeave={() => {
        props.call.leave();
        props.onLeave();
      }}
      onRejoin={() => props.call.rejoin()}
      endActions={props.endActions}
    />
  );
}

/** The live call: LiveKit's tracks on our stage, LiveKit's toggles behind our bar. */
function ConnectedFrame(
  props: FrameProps & { room: Room; activeSpeaker: string | null; stageRef: Ref<HTMLDivElement> },
) {
  const { session, room } = props;
  const refs = useTileReferences(room);
  const tiles: Tile[] = refs.map((ref) => ({
    key: `${ref.participant.identity}:${ref.source}`,
    identity: ref.participant.identity,
    kind: ref.source === Track.Source.ScreenShare ? 'screen' : 'camera',
    isLocal: ref.participant.isLocal,
    ref,
  }));
  const audioOnly = useStore(props.call.audioOnly.store);
  const controls = withAudioOnly(
    useMediaControls(room, session, props.credentials.capabilities.screenShare),
    props.call,
    audioOnly.on,
    session,
  );
  return (
    <Frame
      {...props}
      stage={
        <Stage
          tiles={tiles}
          session={session}
          speaker={props.activeSpeaker}
          alone={props.state === 'connected' && tiles.every((x) => x.isLocal)}
          renderTile={(tile, place) => (
            <LiveKitTile
              key={tile.key}
              trackRef={tile.ref}
              session={session}
              place={place}
              audioOnly={audioOnly}
            />
          )}
        />
      }
      controls={controls}
      canChangeLayout={layoutChoiceMatters(tiles)}
    />
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

/** The bar's audio-only toggle; starting video ends audio only, as the camera is wanted again. */
function withAudioOnly(
  controls: MediaControls,
  call: LiveKitCall,
  on: boolean,
  session: RoomSession,
): MediaControls {
  return {
    ...controls,
    toggleCamera: on ? () => void call.setAudioOnly(false) : controls.toggleCamera,
    audioOnly: {
      on,
      toggle: () => {
        void call.setAudioOnly(!on);
        session.announce(on ? t('room.audioOnly.announce.off') : t('room.audioOnly.announce.on'));
      },
    },
  };
}

/** How often the call reads its notice again: a facility may start asking during a call. */
const CONSENT_RECHECK_MS = 20_000;

/**
 * Tells the recording notice when recording starts or stops (the dialog then replaces the
 * session's floating notice), and leaves the call when the person chose "Leave the visit". The
 * notice is also read again now and then: no push reaches a participant when the facility turns
 * on "recording needs everyone's consent" mid-call, and Start would wait for them.
 */
function feedConsent(
  call: LiveKitCall,
  session: RoomSession,
  consent: RecordingConsent,
  onLeave: () => void,
) {
  const unsubscribe = [
    call.on('recording', (recording) => {
      consent.recordingChanged(recording);
      if (consent.asks) session.dismissRecordingNotice();
    }),
    consent.onLeave(() => {
      call.leave();
      onLeave();
    }),
  ];
  const recheck = setInterval(() => {
    if (call.store.get().state === 'connected') consent.recordingChanged(call.room.isRecording);
  }, CONSENT_RECHECK_MS);
  return () => {
    clearInterval(recheck);
    unsubscribe.forEach((off) => off());
  };
}

/** LiveKit's microphone, camera and screen share, and its device lists, for our bar. */
function useMediaControls(room: Room, session: RoomSession, screenShare: boolean): MediaControls {
  const mic = useTrackToggle(room, Track.Source.Microphone);
  const camera = useTrackToggle(room, Track.Source.Camera);
  const screen = useTrackToggle(room, Track.Source.ScreenShare, {
    captureOptions: { audio: false, selfBrowserSurface: 'include' },
    onDeviceError: () => session.announce(t('room.screen.failed')),
  });
  return {
    micEnabled: mic.enabled,
    cameraEnabled: camera.enabled,
    toggleMic: () => void mic.toggle(),
    toggleCamera: () => void camera.toggle(),
    screen: screenShare
      ? { sharing: screen.enabled, toggle: () => void screen.toggle() }
      : undefined,
    micMenu: (
      <LiveKitDeviceMenu room={room} kind="audioinput" label={t('room.devices.microphoneMenu')} />
    ),
    cameraMenu: (
      <LiveKitDeviceMenu room={room} kind="videoinput" label={t('room.devices.cameraMenu')} />
    ),
  };
}

/** Our device menu over LiveKit's device list and switching. */
function LiveKitDeviceMenu({
  room,
  kind,
  label,
}: {
  room: Room;
  kind: MediaDeviceKind;
  label: string;
}) {
  const { devices, activeDeviceId, setActiveMediaDevice } = useMediaDevices(room, kind);
  const options = devices.map((d, i) => ({
    deviceId: d.deviceId,
    label:
      d.label ||
      `${kind === 'videoinput' ? t('room.devices.camera') : t('room.devices.microphone')} ${i + 1}`,
  }));
  return (
    <DeviceMenu
      label={label}
      devices={options}
      activeId={activeDeviceId}
      onSelect={(id) => void setActiveMediaDevice(id)}
    />
  );
}

const qualities: Record<ConnectionQuality, Quality> = {
  [ConnectionQuality.Excellent]: 'excellent',
  [ConnectionQuality.Good]: 'good',
  [ConnectionQuality.Poor]: 'poor',
  [ConnectionQuality.Lost]: 'lost',
  [ConnectionQuality.Unknown]: 'unknown',
};

/** A LiveKit track in our tile. */
function LiveKitTile({
  trackRef,
  session,
  place,
  audioOnly,
}: {
  trackRef: TrackReferenceOrPlaceholder;
  session: RoomSession;
  place: TilePlace;
  audioOnly: AudioOnlyState;
}) {
  const participant: Participant = trackRef.participant;
  const kind = trackRef.source === Track.Source.ScreenShare ? 'screen' : 'camera';
  const name = useParticipantName(participant);
  const quality = useConnectionQuality(participant);
  const videoMuted = useIsMuted(trackRef);
  const micMuted = useIsMuted({ participant, source: Track.Source.Microphone });
  const displayName = name || participant.identity;
  const isLocal = participant.isLocal;
  // In audio only no camera arrives (ours or theirs): show the initial, never a frozen frame.
  const inAudioOnly = isLocal ? audioOnly.on : audioOnly.peers.includes(participant.identity);
  const noCamera = kind === 'camera' && (inAudioOnly || audioOnly.on);
  const showVideo = isTrackReference(trackRef) && !videoMuted && !noCamera;
  return (
    <TileFrame
      identity={participant.identity}
      name={displayName}
      kind={kind}
      isLocal={isLocal}
      micEnabled={!micMuted}
      cameraEnabled={kind === 'screen' || showVideo}
      quality={qualities[quality]}
      session={session}
      place={place}
      audioOnly={inAudioOnly}
      video={
        showVideo ? (
          <VideoTrack
            trackRef={trackRef}
            className={
              isLocal && kind === 'camera' ? 'stream-video stream-video--mirrored' : 'stream-video'
            }
            aria-label={tileLabel(kind, displayName, isLocal)}
          />
        ) : null
      }
    />
  );
}
