// P2PRoom: a p2p visit in the browser, framework-free. It joins the signaling WebSocket with the
// credentials from the server, publishes camera and microphone to every other participant over
// one RTCPeerConnection each (a mesh), carries reactions and chat over data channels, shares the
// screen, switches camera or microphone mid-call, recovers from network blips and reports
// everything as a RoomSnapshot plus events. The socket itself is SignalingClient's.
import type {
  JoinCredentials,
  P2PClientMessage,
  P2PPeer,
  P2PPeerMessage,
  P2PServerMessage,
} from '@openconnect/contracts';
import type {
  DisconnectReason,
  ParticipantLeftReason,
  RoomConnectionState,
  RoomDataMessage,
  RoomEvents,
  RoomParticipant,
  RoomSnapshot,
} from '../room-types.ts';
import { closeOutcome, reconnectDelayMs } from './close-reasons.ts';
import { Emitter } from '../emitter.ts';
import { LocalMedia, type InputKind, type MediaWanted } from './local-media.ts';
import { PeerLink } from './peer-link.ts';
import { RemotePeer } from './remote-peer.ts';
import { SignalingClient } from './signaling-client.ts';

export type P2PCredentials = Extract<JoinCredentials, { provider: 'p2p' }>;

export interface P2PRoomOptions {
  credentials: P2PCredentials;
  /** Fetches fresh credentials when a reconnect finds the token expired. */
  refreshCredentials?: () => Promise<P2PCredentials>;
  /** What to capture; both on by default. */
  media?: MediaWanted;
  /** Join in audio only: the camera is captured but neither sent nor received. */
  audioOnly?: boolean;
  /** Reconnect attempts after losing signaling before giving up (default 8, about 40 s). */
  maxReconnectAttempts?: number;
}

type Phase = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export class P2PRoom extends Emitter<RoomEvents> {
  private phase: Phase = 'idle';
  private reason: DisconnectReason | null = null;
  private credentials: P2PCredentials;
  private signaling: SignalingClient | undefined;
  private self: P2PPeer | undefined;
  private readonly remotes = new Map<string, RemotePeer>();
  private readonly media = new LocalMedia();
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private reconnectAttempt = 0;
  private lastState: RoomConnectionState = 'idle';
  private current: RoomSnapshot;
  private joined: { resolve(): void; reject(error: Error): void } | undefined;
  /** Settles once camera and microphone are open or refused. */
  private captured: Promise<void> = Promise.resolve();

  constructor(private readonly options: P2PRoomOptions) {
    super();
    this.credentials = options.credentials;
    this.media.audioOnly = options.audioOnly ?? false;
    this.current = this.buildSnapshot();
  }

  /** The room as it is now; a new object after every change. */
  get snapshot(): RoomSnapshot {
    return this.current;
  }

  /** Captures local media and joins; resolves once the server welcomed us, rejects if it refused. */
  async connect(): Promise<void> {
    if (this.phase !== 'idle') throw new Error('P2PRoom.connect() may be called once.');
    this.phase = 'connecting';
    this.changed();
    const welcomed = new Promise<void>((resolve, reject) => (this.joined = { resolve, reject }));
    // The socket opens while the camera does, neither waiting for the other; what the server
    // says waits for the camera (openSocket), so every peer link starts with our tracks.
    this.captured = this.captureMedia();
    this.openSocket();
    await this.captured;
    return welcomed;
  }

  /** Leaves the room: tells the server, closes every connection and stops local media. */
  leave(): void {
    if (this.phase === 'closed') return;
    this.sendToServer({ type: 'leave' });
    this.signaling?.close(1000, 'left');
    this.finish('left');
  }

  setMicrophoneEnabled(enabled: boolean): void {
    this.media.setMicrophoneEnabled(enabled);
    this.broadcastMediaState();
  }

  setCameraEnabled(enabled: boolean): void {
    this.media.setCameraEnabled(enabled);
    this.broadcastMediaState();
  }

  /**
   * Audio only on or off: stops (or resumes) sending the camera to every peer, and tells them, so
   * each stops (or resumes) sending theirs to us. No renegotiation either way.
   */
  setAudioOnly(on: boolean): void {
    this.media.setAudioOnly(on);
    for (const remote of this.remotes.values()) this.applyVideoSending(remote);
    this.broadcastMediaState();
  }

  /**
   * Switches to another camera or microphone mid-call: every peer gets the new track on the same
   * sender (no renegotiation), the old track stops, and muting stays as it was. Rejects when the
   * device cannot be opened; the call goes on with the old one.
   */
  async switchDevice(kind: InputKind, deviceId: string): Promise<void> {
    if (this.isClosed()) return;
    const { previous, next } = await this.media.replaceDevice(kind, deviceId);
    if (this.isClosed()) {
      // The room closed while the device opened; media.stop() already ran for the old tracks.
      next.stop();
      return;
    }
    const stream = this.media.camera;
    await Promise.all(
      [...this.remotes.values()].map(async ({ link }) => {
        try {
          const replaced = previous ? await link.replaceTrack(previous, next) : false;
          // A kind this participant did not send before (no camera at the start) is a new track.
          if (!replaced && stream) link.addTrack(next, stream);
        } catch (error) {
          this.emit('error', { kind: 'media', message: `device switch failed: ${String(error)}` });
        }
      }),
    );
    previous?.stop();
    // A new camera goes out on the same sender: keep it silent where audio only says so.
    if (kind === 'videoinput') {
      for (const remote of this.remotes.values()) this.applyVideoSending(remote);
    }
    this.changed();
  }

  /** The device id of the camera or microphone in use, or null. */
  activeDevice(kind: InputKind): string | null {
    return this.media.deviceId(kind);
  }

  /** Shares a screen, window or tab chosen by the user; stops when the browser's bar says so. */
  async startScreenShare(): Promise<void> {
    if (this.isClosed()) return;
    const stream = await this.media.startScreenShare(() => this.stopScreenShare());
    if (!stream) return;
    // The room may have closed while the user was choosing what to share.
    if (this.isClosed()) return void this.media.stopScreenShare();
    for (const track of stream.getTracks()) {
      for (const remote of this.remotes.values()) remote.link.addTrack(track, stream);
    }
    this.broadcastMediaState();
  }

  stopScreenShare(): void {
    const stream = this.media.stopScreenShare();
    if (!stream) return;
    for (const track of stream.getTracks()) {
      for (const remote of this.remotes.values()) remote.link.removeTrack(track);
    }
    this.broadcastMediaState();
  }

  /** Restarts ICE on every media link, e.g. after the device changed networks. */
  restartIce(): void {
    for (const remote of this.remotes.values()) remote.link.restartIce();
  }

  /**
   * The stats of a connected media link (the first one's: in a mesh each link has its own path),
   * for the call's media path; undefined while no link is connected.
   */
  linkStats(): Promise<RTCStatsReport> | undefined {
    for (const remote of this.remotes.values()) {
      if (remote.linkState === 'connected') return remote.link.pc.getStats();
    }
    return undefined;
  }

  /** Sends a reaction or chat message to everyone; returns how many participants it reached. */
  sendData(message: RoomDataMessage): number {
    let reached = 0;
    for (const remote of this.remotes.values()) if (remote.link.send(message)) reached += 1;
    return reached;
  }

  private isClosed(): boolean {
    return this.phase === 'closed';
  }

  private async captureMedia(): Promise<void> {
    try {
      await this.media.capture(this.options.media);
    } catch (error) {
      this.emit('error', {
        kind: 'media',
        message: `camera or microphone unavailable: ${String(error)}`,
      });
    }
    this.changed();
  }

  private openSocket(): void {
    const { signalingUrl: url, roomId, token } = this.credentials;
    const signaling: SignalingClient = new SignalingClient({
      url,
      roomId,
      token,
      // In order, after the camera; dropped once this socket is no longer the room's.
      onMessage: (message) =>
        void this.captured.then(() => {
          if (this.signaling === signaling) this.onServerMessage(message);
        }),
      onMalformed: () =>
        this.emit('error', {
          kind: 'signaling',
          message: 'ignored a malformed message from the server',
        }),
      onLost: (code) => this.onSocketLost(code),
    });
    this.signaling = signaling;
  }

  private onServerMessage(message: P2PServerMessage): void {
    switch (message.type) {
      case 'welcome':
        this.self = message.self;
        this.phase = 'open';
        this.reconnectAttempt = 0;
        this.signaling?.startHeartbeat(message.heartbeatIntervalMs);
        for (const peer of message.peers) this.addRemote(peer, false);
        this.changed();
        this.joined?.resolve();
        this.joined = undefined;
        return;
      case 'peer-joined':
        this.removeRemote(message.peer.identity, 'reconnected');
        this.addRemote(message.peer, true);
        return;
      case 'peer-left':
        this.removeRemote(message.identity, message.reason);
        return;
      case 'signal':
        void this.remotes.get(message.from)?.link.signal(message.data);
        return;
      case 'error':
        // A signal that crossed a peer's departure is expected; their peer-left says the rest.
        if (message.code === 'PEER_NOT_FOUND') return;
        this.emit('error', { kind: 'signaling', message: message.message });
        return;
      case 'pong':
        return;
    }
  }

  /** Starts the link to a peer; `initiator` when they are the newcomer and we offer first. */
  private addRemote(peer: P2PPeer, initiator: boolean): void {
    const self = this.self;
    if (!self || peer.identity === self.identity) return;
    const link = new PeerLink({
      remoteIdentity: peer.identity,
      polite: self.identity < peer.identity,
      initiator,
      iceServers: this.credentials.iceServers,
      iceTransportPolicy: this.credentials.iceTransportPolicy,
      sendSignal: (data) => this.sendToServer({ type: 'signal', to: peer.identity, data }),
      onTrack: (_track, stream) => {
        remote.addStream(stream);
        stream.addEventListener('removetrack', () => this.changed());
        this.changed();
      },
      onMessage: (message) => this.onPeerMessage(remote, message),
      onChannelOpen: () => link.send(this.media.state()),
      onLinkState: (state) => {
        remote.linkState = state;
        this.changed();
      },
      onError: (message) => this.emit('error', { kind: 'negotiation', message }),
    });
    const remote = new RemotePeer(peer, link);
    this.remotes.set(peer.identity, remote);
    for (const { track, stream } of this.media.publications()) link.addTrack(track, stream);
    this.applyVideoSending(remote);
    this.emit('participant-joined', remote.toParticipant());
    this.changed();
  }

  private removeRemote(identity: string, reason: ParticipantLeftReason): void {
    const remote = this.remotes.get(identity);
    if (!remote) return;
    remote.link.close();
    this.remotes.delete(identity);
    this.emit('participant-left', { identity, reason });
    this.changed();
  }

  private onPeerMessage(remote: RemotePeer, message: P2PPeerMessage): void {
    if (message.type === 'media-state') {
      remote.setMediaState(message);
      this.applyVideoSending(remote);
      this.changed();
    } else {
      this.emit('data', { from: remote.peer.identity, message, receivedAt: Date.now() });
    }
  }

  private onSocketLost(code: number): void {
    this.signaling = undefined;
    if (this.phase === 'closed') return;
    // The server has told the others we are gone; links are rebuilt after the next welcome.
    for (const identity of [...this.remotes.keys()]) this.removeRemote(identity, 'disconnected');
    const outcome = closeOutcome(code, this.options.refreshCredentials !== undefined);
    const maxAttempts = this.options.maxReconnectAttempts ?? 8;
    if (!outcome.retry) return this.finish(outcome.reason);
    if (this.reconnectAttempt >= maxAttempts) return this.finish('network');
    this.phase = 'reconnecting';
    this.changed();
    const delay = reconnectDelayMs(this.reconnectAttempt++);
    this.reconnectTimer = setTimeout(() => void this.reconnect(outcome.freshCredentials), delay);
  }

  private async reconnect(freshCredentials: boolean): Promise<void> {
    if (this.phase !== 'reconnecting') return;
    if (freshCredentials && this.options.refreshCredentials) {
      try {
        this.credentials = await this.options.refreshCredentials();
      } catch {
        return this.finish('token-expired');
      }
    }
    if (this.phase === 'reconnecting') this.openSocket();
  }

  private finish(reason: DisconnectReason): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    this.reason = reason;
    clearTimeout(this.reconnectTimer);
    const signaling = this.signaling;
    this.signaling = undefined;
    signaling?.close(1000);
    for (const identity of [...this.remotes.keys()]) this.removeRemote(identity, 'disconnected');
    this.media.stop();
    this.joined?.reject(new Error(`could not join the visit: ${reason}`));
    this.joined = undefined;
    this.changed();
  }

  /** Sends our camera to `remote` unless we or they are in audio only. */
  private applyVideoSending(remote: RemotePeer): void {
    const camera = this.media.cameraTrack;
    if (!camera) return;
    remote.link
      .pauseTrack(camera, this.media.audioOnly || remote.audioOnly)
      .catch((error: unknown) =>
        this.emit('error', { kind: 'media', message: `audio only: ${String(error)}` }),
      );
  }

  private sendToServer(message: P2PClientMessage): void {
    this.signaling?.send(message);
  }

  private broadcastMediaState(): void {
    const state = this.media.state();
    for (const remote of this.remotes.values()) remote.link.send(state);
    this.changed();
  }

  private publicState(): RoomConnectionState {
    switch (this.phase) {
      case 'idle':
        return 'idle';
      case 'connecting':
        return 'connecting';
      case 'reconnecting':
        return 'reconnecting';
      case 'closed':
        return 'disconnected';
      case 'open':
        for (const remote of this.remotes.values())
          if (remote.linkState === 'reconnecting') return 'reconnecting';
        return 'connected';
    }
  }

  private buildSnapshot(): RoomSnapshot {
    const c = this.credentials;
    const local: RoomParticipant = {
      identity: c.identity,
      displayName: c.displayName,
      role: c.role,
      isLocal: true,
      micEnabled: this.media.micEnabled,
      cameraEnabled: this.media.cameraEnabled,
      audioOnly: this.media.audioOnly,
      stream: this.media.camera,
      screenStream: this.media.screen,
    };
    return {
      state: this.publicState(),
      reason: this.reason,
      local,
      remotes: [...this.remotes.values()].map((r) => r.toParticipant()),
      screenSharing: this.media.screen !== null,
    };
  }

  private changed(): void {
    this.current = this.buildSnapshot();
    if (this.current.state !== this.lastState) {
      this.lastState = this.current.state;
      this.emit('state', { state: this.current.state, reason: this.current.reason });
    }
    this.emit('change', this.current);
  }
}
