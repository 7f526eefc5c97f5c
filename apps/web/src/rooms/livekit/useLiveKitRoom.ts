// useLiveKitRoom: one livekit-client Room for a set of credentials, connected on mount and left
// on unmount, reported in the app's provider-neutral terms (state, reason, recording, speaker)
// with our data messages on the `openconnect` topic.
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  ConnectionState,
  Room,
  RoomEvent,
  VideoPresets,
  type DisconnectReason as LiveKitReason,
  type Participant,
} from 'livekit-client';
import type { JoinCredentials } from '@openconnect/contracts';
import type { MediaChoice } from '../../lobby/devices.ts';
import type { DisconnectReason, RoomConnectionState, RoomDataMessage } from '../room-types.ts';
import { DATA_TOPIC, decodeDataMessage, encodeDataMessage } from '../video-room/data-protocol.ts';
import { toDisconnectReason, toRoomState } from './disconnect-reasons.ts';

export type LiveKitCredentials = Extract<JoinCredentials, { provider: 'livekit' }>;

export interface UseLiveKitRoomOptions {
  media?: MediaChoice;
  /** A reaction or chat message from someone else. */
  onData?: (from: string, message: RoomDataMessage) => void;
  /** Recording started or stopped (LiveKit's room.isRecording). */
  onRecording?: (recording: boolean) => void;
  /** Camera or microphone could not start. */
  onMediaError?: (error: Error) => void;
}

export interface UseLiveKitRoom {
  room: Room;
  state: RoomConnectionState;
  reason: DisconnectReason | null;
  recording: boolean;
  /** The identity heard last, for the speaker layout. */
  activeSpeaker: string | null;
  send(message: RoomDataMessage): void;
  leave(): void;
  /** Connects again after the call was lost. */
  rejoin(): void;
}

/** Joins the LiveKit room the credentials are for; leaves on unmount. */
export function useLiveKitRoom(
  credentials: LiveKitCredentials,
  options: UseLiveKitRoomOptions = {},
): UseLiveKitRoom {
  const { media } = options;
  const [attempt, setAttempt] = useState(0);
  const room = useMemo(
    () =>
      new Room({
        adaptiveStream: true,
        dynacast: true,
        videoCaptureDefaults: {
          deviceId: media?.cameraId ?? undefined,
          resolution: VideoPresets.h720.resolution,
        },
        audioCaptureDefaults: { deviceId: media?.microphoneId ?? undefined },
      }),
    // A new Room per credentials and per rejoin attempt.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [credentials, attempt],
  );
  const [state, setState] = useState<RoomConnectionState>('connecting');
  const [reason, setReason] = useState<DisconnectReason | null>(null);
  const [recording, setRecording] = useState(false);
  const [activeSpeaker, setActiveSpeaker] = useState<string | null>(null);
  const [callbacks] = useState(() => ({ current: options }));
  useEffect(() => {
    callbacks.current = options;
  });

  useEffect(() => {
    let left = false;
    setState('connecting');
    setReason(null);
    const onState = (next: ConnectionState) => {
      if (next !== ConnectionState.Disconnected) setState(toRoomState(next));
    };
    const onDisconnected = (why?: LiveKitReason) => {
      setReason(left ? 'left' : toDisconnectReason(why));
      setState('disconnected');
    };
    const onData = (
      payload: Uint8Array,
      participant?: Participant,
      _kind?: unknown,
      topic?: string,
    ) => {
      if (topic !== DATA_TOPIC || !participant) return;
      const message = decodeDataMessage(payload);
      if (message) callbacks.current.onData?.(participant.identity, message);
    };
    const onRecording = (isRecording: boolean) => {
      setRecording(isRecording);
      callbacks.current.onRecording?.(isRecording);
    };
    const onSpeakers = (speakers: Participant[]) => {
      const first = speakers.find((p) => !p.isLocal);
      if (first) setActiveSpeaker(first.identity);
    };
    room
      .on(RoomEvent.ConnectionStateChanged, onState)
      .on(RoomEvent.Disconnected, onDisconnected)
      .on(RoomEvent.DataReceived, onData)
      .on(RoomEvent.RecordingStatusChanged, onRecording)
      .on(RoomEvent.ActiveSpeakersChanged, onSpeakers);

    room
      .connect(credentials.url, credentials.token)
      .then(async () => {
        if (left) return;
        setState('connected');
        if (room.isRecording) onRecording(true);
        try {
          await room.localParticipant.enableCameraAndMicrophone();
        } catch (error) {
          callbacks.current.onMediaError?.(
            error instanceof Error ? error : new Error(String(error)),
          );
        }
      })
      .catch(() => {
        if (left) return;
        setReason('network');
        setState('disconnected');
      });

    return () => {
      left = true;
      room
        .off(RoomEvent.ConnectionStateChanged, onState)
        .off(RoomEvent.Disconnected, onDisconnected)
        .off(RoomEvent.DataReceived, onData)
        .off(RoomEvent.RecordingStatusChanged, onRecording)
        .off(RoomEvent.ActiveSpeakersChanged, onSpeakers);
      void room.disconnect();
    };
  }, [room, credentials, callbacks]);

  const send = useCallback(
    (message: RoomDataMessage) => {
      if (room.state !== ConnectionState.Connected) return;
      void room.localParticipant
        .publishData(encodeDataMessage(message), { reliable: true, topic: DATA_TOPIC })
        .catch(() => undefined);
    },
    [room],
  );
  const leave = useCallback(() => {
    void room.disconnect();
  }, [room]);
  const rejoin = useCallback(() => setAttempt((n) => n + 1), []);

  return { room, state, reason, recording, activeSpeaker, send, leave, rejoin };
}
