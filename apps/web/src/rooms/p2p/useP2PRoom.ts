// useP2PRoom: binds a P2PRoom to React. The room logic lives in p2p-room.ts; this hook only
// creates the room for a set of credentials, mirrors its snapshot into React and leaves on unmount.
import {
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type {
  ReceivedDataMessage,
  RoomDataMessage,
  RoomEvents,
  RoomSnapshot,
} from '../room-types.ts';
import type { InputKind } from './local-media.ts';
import { P2PRoom, type P2PCredentials, type P2PRoomOptions } from './p2p-room.ts';

export interface UseP2PRoomOptions {
  refreshCredentials?: P2PRoomOptions['refreshCredentials'];
  media?: P2PRoomOptions['media'];
  audioOnly?: boolean;
  /** Called for every reaction or chat message from someone else. */
  onData?: (message: ReceivedDataMessage) => void;
  /** Called when someone leaves (left, kicked, disconnected). */
  onParticipantLeft?: (event: RoomEvents['participant-left']) => void;
  /** Called for problems that did not end the room. */
  onError?: (event: RoomEvents['error']) => void;
}

export interface UseP2PRoom extends RoomSnapshot {
  setMicrophoneEnabled(enabled: boolean): void;
  setCameraEnabled(enabled: boolean): void;
  /** Audio only: no camera sent or received. */
  setAudioOnly(on: boolean): void;
  startScreenShare(): Promise<void>;
  stopScreenShare(): void;
  /** Switches camera or microphone mid-call; rejects when the device cannot be opened. */
  switchDevice(kind: InputKind, deviceId: string): Promise<void>;
  /** The device id of the camera or microphone in use, or null. */
  activeDevice(kind: InputKind): string | null;
  /** Sends a reaction or chat message; returns how many participants it reached. */
  sendData(message: RoomDataMessage): number;
  /** A connected media link's stats (undefined while none is), for the call's media path. */
  linkStats(): Promise<RTCStatsReport> | undefined;
  leave(): void;
}

const idle: RoomSnapshot = {
  state: 'idle',
  reason: null,
  local: null,
  remotes: [],
  screenSharing: false,
};
const noop = () => () => undefined;

/** Joins the p2p room the credentials are for (null: stay idle); leaves on unmount or new credentials. */
export function useP2PRoom(
  credentials: P2PCredentials | null,
  options: UseP2PRoomOptions = {},
): UseP2PRoom {
  const [room, setRoom] = useState<P2PRoom | null>(null);
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });

  // A layout effect: the call starts connecting once the room is in the page, not after the
  // browser has painted it (a few hundred milliseconds on a busy phone).
  useLayoutEffect(() => {
    if (!credentials) return;
    const next = new P2PRoom({
      credentials,
      media: latest.current.media,
      audioOnly: latest.current.audioOnly,
      refreshCredentials:
        latest.current.refreshCredentials && (() => latest.current.refreshCredentials!()),
    });
    const unsubscribe = [
      next.on('data', (message) => latest.current.onData?.(message)),
      next.on('participant-left', (event) => latest.current.onParticipantLeft?.(event)),
      next.on('error', (event) => latest.current.onError?.(event)),
    ];
    setRoom(next);
    // A refused join ends in state `disconnected` with a reason; nothing else to do here.
    next.connect().catch(() => undefined);
    return () => {
      unsubscribe.forEach((off) => off());
      next.leave();
    };
  }, [credentials]);

  const subscribe = useMemo(
    () => (room ? (onChange: () => void) => room.on('change', onChange) : noop),
    [room],
  );
  const snapshot = useSyncExternalStore(subscribe, () => room?.snapshot ?? idle);

  return {
    ...snapshot,
    setMicrophoneEnabled: useCallback((on: boolean) => room?.setMicrophoneEnabled(on), [room]),
    setCameraEnabled: useCallback((on: boolean) => room?.setCameraEnabled(on), [room]),
    setAudioOnly: useCallback((on: boolean) => room?.setAudioOnly(on), [room]),
    startScreenShare: useCallback(async () => room?.startScreenShare(), [room]),
    stopScreenShare: useCallback(() => room?.stopScreenShare(), [room]),
    switchDevice: useCallback(
      async (kind: InputKind, deviceId: string) => room?.switchDevice(kind, deviceId),
      [room],
    ),
    activeDevice: useCallback((kind: InputKind) => room?.activeDevice(kind) ?? null, [room]),
    sendData: useCallback((message: RoomDataMessage) => room?.sendData(message) ?? 0, [room]),
    linkStats: useCallback(() => room?.linkStats(), [room]),
    leave: useCallback(() => room?.leave(), [room]),
  };
}
