// LiveKitCall: a LiveKit visit in the browser, framework-free. It owns one livekit-client Room
// per join attempt, connects it with the credentials from the server, turns on camera and
// microphone, and reports in the app's provider-neutral terms: connection state with a reason
// (a store), the participant heard last (for the speaker layout), and events for our data
// messages on the `openconnect` topic, recording on/off and problems that did not end the call.
// Tiles, tracks and device menus follow `room` through livekit-hooks.ts. The connection is
// prepared (DNS, TLS, and on LiveKit Cloud the region) as soon as the call is created, before
// it connects and long before camera and microphone are published.
// Named a call, not a room: livekit-client has `Room`, and a LiveKit room is the server's.
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
import { createStore, type Store } from '../../store/store.ts';
import { Emitter } from '../emitter.ts';
import type {
  DisconnectReason,
  ReceivedDataMessage,
  RoomConnectionState,
  RoomDataMessage,
  RoomEvents,
} from '../room-types.ts';
import { DATA_TOPIC, decodeDataMessage, encodeDataMessage } from '../video-room/data-protocol.ts';
import { toDisconnectReason, toRoomState } from './disconnect-reasons.ts';
import { LiveKitAudioOnly } from './livekit-audio-only.ts';

export type LiveKitCredentials = Extract<JoinCredentials, { provider: 'livekit' }>;

export interface LiveKitCallOptions {
  credentials: LiveKitCredentials;
  /** Camera and microphone chosen in the waiting room. */
  media?: MediaChoice;
  /**
   * Asked once connected, before camera and microphone are published, with whether the room is
   * being recorded: false keeps them off (the person chose to leave from the recording notice).
   */
  beforePublish?: (recording: boolean) => Promise<boolean>;
}

/** What the UI renders; a new object after every change. */
export interface LiveKitCallState {
  /** The Room of the current join attempt, for the hooks that render it. */
  room: Room;
  state: RoomConnectionState;
  /** Set when `state` is `disconnected`. */
  reason: DisconnectReason | null;
  /** The remote participant heard last, for the speaker layout. */
  activeSpeaker: string | null;
}

export interface LiveKitCallEvents {
  /** A reaction or chat message from someone else. */
  data: ReceivedDataMessage;
  /** Recording started or stopped (LiveKit's room.isRecording). */
  recording: boolean;
  /** Something failed that did not end the call: camera or microphone, or a message not sent. */
  error: RoomEvents['error'];
}

/** One LiveKit call for a set of credentials: connect(), then leave() or close(). */
export class LiveKitCall extends Emitter<LiveKitCallEvents> {
  readonly store: Store<LiveKitCallState>;
  /** Audio only (no camera sent or received), and who else is; starts as chosen before joining. */
  readonly audioOnly: LiveKitAudioOnly;
  /** The current connect() run; promises and listeners of an earlier run are ignored. */
  private run: { stopListening(): void } | undefined;

  constructor(private readonly options: LiveKitCallOptions) {
    super();
    this.audioOnly = new LiveKitAudioOnly(options.media?.audioOnly ?? false);
    this.store = createStore<LiveKitCallState>({
      room: this.newRoom(),
      state: 'connecting',
      reason: null,
      activeSpeaker: null,
    });
    this.prepare();
  }

  /**
   * Warms the connection up (livekit-client's prepareConnection: a HEAD to the server, and on
   * LiveKit Cloud the region lookup) while the page is still rendering the call; connect() then
   * finds DNS and TLS ready. Never fails: a warm-up that did not work only costs its time.
   */
  prepare(): void {
    const { url, token } = this.options.credentials;
    void this.room.prepareConnection(url, token).catch(() => undefined);
  }

  /** The livekit-client Room of the current attempt. */
  get room(): Room {
    return this.store.get().room;
  }

  /**
   * Connects the current Room and turns on camera and microphone. Does nothing while connected;
   * after close() it connects again (React's strict mode mounts, unmounts and mounts once more).
   */
  connect(): void {
    if (this.run) return;
    const room = this.room;
    const run = { stopListening: this.listen(room) };
    this.run = run;
    this.update({ state: 'connecting', reason: null });
    void room.connect(this.options.credentials.url, this.options.credentials.token).then(
      async () => {
        if (this.run !== run) return;
        this.update({ state: 'connected' });
        if (room.isRecording) this.emit('recording', true);
        const publish = this.options.beforePublish
          ? await this.options.beforePublish(room.isRecording)
          : true;
        if (this.run !== run || !publish) return;
        await this.publishCameraAndMicrophone(room);
      },
      (error: unknown) => {
        if (this.run !== run) return;
        // livekit-client has already retried; what is left is a call that could not start.
        this.update({ state: 'disconnected', reason: 'network' });
        this.emit('error', { kind: 'signaling', message: `could not connect: ${String(error)}` });
      },
    );
  }

  /** Turns audio only on or off. */
  setAudioOnly(on: boolean): Promise<void> {
    return this.audioOnly.set(this.room, on);
  }

  /** Leaves the call; the room reports `disconnected` with reason `left`. */
  leave(): void {
    void this.room.disconnect();
  }

  /** Joins again after the call was lost, on a fresh Room with the same credentials. */
  rejoin(): void {
    this.close();
    this.store.set((s) => ({ ...s, room: this.newRoom(), activeSpeaker: null }));
    this.connect();
  }

  /** Stops reporting and disconnects, without a state change: the UI is going away. */
  close(): void {
    const run = this.run;
    if (!run) return;
    this.run = undefined;
    run.stopListening();
    void this.room.disconnect();
  }

  /** Sends a reaction or chat message to everyone; dropped while not connected. */
  send(message: RoomDataMessage): void {
    const room = this.room;
    if (room.state !== ConnectionState.Connected) return;
    room.localParticipant
      .publishData(encodeDataMessage(message), { reliable: true, topic: DATA_TOPIC })
      .catch((error: unknown) =>
        this.emit('error', { kind: 'signaling', message: `message not sent: ${String(error)}` }),
      );
  }

  /** The display name of a participant, or their identity when they are not (or no longer) here. */
  nameOf(identity: string): string {
    const { credentials } = this.options;
    if (identity === credentials.identity) return credentials.displayName;
    return this.room.remoteParticipants.get(identity)?.name || identity;
  }

  private newRoom(): Room {
    const { media } = this.options;
    return new Room({
      adaptiveStream: true,
      dynacast: true,
      videoCaptureDefaults: {
        deviceId: media?.cameraId ?? undefined,
        resolution: VideoPresets.h720.resolution,
      },
      audioCaptureDefaults: { deviceId: media?.microphoneId ?? undefined },
    });
  }

  private async publishCameraAndMicrophone(room: Room): Promise<void> {
    try {
      // In audio only from the start, the camera is never opened.
      if (this.audioOnly.on) await room.localParticipant.setMicrophoneEnabled(true);
      else await room.localParticipant.enableCameraAndMicrophone();
    } catch (error) {
      // The call goes on without them; the user can still hear, see and try the toggles.
      this.emit('error', {
        kind: 'media',
        message: `camera or microphone unavailable: ${String(error)}`,
      });
    }
  }

  /** Follows the Room's events; returns the function that stops. */
  private listen(room: Room): () => void {
    const onState = (next: ConnectionState) => {
      // Disconnected comes with its reason in the Disconnected event.
      if (next !== ConnectionState.Disconnected) this.update({ state: toRoomState(next) });
    };
    const onDisconnected = (why?: LiveKitReason) =>
      this.update({ state: 'disconnected', reason: toDisconnectReason(why) });
    const onData = (
      payload: Uint8Array,
      participant?: Participant,
      _kind?: unknown,
      topic?: string,
    ) => {
      // No participant: the server sent it, and the server does not speak our protocol.
      if (topic !== DATA_TOPIC || !participant) return;
      const message = decodeDataMessage(payload);
      if (message)
        this.emit('data', { from: participant.identity, message, receivedAt: Date.now() });
    };
    const onRecording = (recording: boolean) => this.emit('recording', recording);
    const onSpeakers = (speakers: Participant[]) => {
      // Silence keeps the last speaker on the big tile rather than jumping back.
      const first = speakers.find((p) => !p.isLocal);
      if (first) this.update({ activeSpeaker: first.identity });
    };
    const stopAudioOnly = this.audioOnly.attach(room);
    room
      .on(RoomEvent.ConnectionStateChanged, onState)
      .on(RoomEvent.Disconnected, onDisconnected)
      .on(RoomEvent.DataReceived, onData)
      .on(RoomEvent.RecordingStatusChanged, onRecording)
      .on(RoomEvent.ActiveSpeakersChanged, onSpeakers);
    return () => {
      stopAudioOnly();
      room
        .off(RoomEvent.ConnectionStateChanged, onState)
        .off(RoomEvent.Disconnected, onDisconnected)
        .off(RoomEvent.DataReceived, onData)
        .off(RoomEvent.RecordingStatusChanged, onRecording)
        .off(RoomEvent.ActiveSpeakersChanged, onSpeakers);
    };
  }

  private update(change: Partial<Omit<LiveKitCallState, 'room'>>): void {
    this.store.set((s) => {
      const same = Object.entries(change).every(([k, v]) => s[k as keyof typeof change] === v);
      // The same state again (speakers are reported many times a second) renders nothing.
      return same ? s : { ...s, ...change };
    });
  }
}
