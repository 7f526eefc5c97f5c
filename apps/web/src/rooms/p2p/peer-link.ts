// PeerLink: the media and data connection to one remote participant of a p2p room. One
// RTCPeerConnection negotiated with the "perfect negotiation" pattern (the polite side yields
// on offer collisions), a pre-negotiated data channel, and ICE restart when the path breaks.
import { P2PPeerMessage, type IceServer, type P2PSignalPayload } from '@openconnect/contracts';
import type { MediaLinkState } from '../room-types.ts';

/** How long ICE may stay `disconnected` before we restart it (it often recovers by itself). */
const DISCONNECTED_GRACE_MS = 2_500;

export interface PeerLinkOptions {
  remoteIdentity: string;
  /** The polite peer rolls back its own offer when offers collide. */
  polite: boolean;
  /**
   * Whether this side makes the first offer. The member already in the room does; the newcomer
   * answers first and offers only afterwards (screen share), which keeps the first negotiation
   * free of offer collisions.
   */
  initiator: boolean;
  iceServers: IceServer[];
  /** `relay`: TURN only, as the join answer says (absent: every candidate). */
  iceTransportPolicy?: RTCIceTransportPolicy;
  sendSignal(data: P2PSignalPayload): void;
  onTrack(track: MediaStreamTrack, stream: MediaStream): void;
  onMessage(message: P2PPeerMessage): void;
  /** The data channel opened: a good moment to send our media state. */
  onChannelOpen(): void;
  onLinkState(state: MediaLinkState): void;
  onError(message: string): void;
}

export class PeerLink {
  readonly pc: RTCPeerConnection;
  private readonly channel: RTCDataChannel;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private mayOffer: boolean;
  private queue: Promise<void> = Promise.resolve();
  private readonly earlyCandidates: Array<RTCIceCandidateInit | null> = [];
  /** Senders per local track id, so a track can be removed again. */
  private readonly senders = new Map<string, RTCRtpSender>();

  constructor(private readonly options: PeerLinkOptions) {
    this.mayOffer = options.initiator;
    this.pc = new RTCPeerConnection({
      iceServers: options.iceServers,
      iceTransportPolicy: options.iceTransportPolicy ?? 'all',
    });
    // Negotiated with a fixed id, so neither side has to be the one that creates it.
    this.channel = this.pc.createDataChannel('openconnect', { negotiated: true, id: 0 });
    this.channel.onopen = () => options.onChannelOpen();
    this.channel.onmessage = (event) => this.receive(event.data);

    this.pc.onnegotiationneeded = () => void this.offer();
    this.pc.onicecandidate = ({ candidate }) => {
      options.sendSignal({ candidate: candidate ? toCandidate(candidate) : null });
    };
    this.pc.ontrack = ({ track, streams }) => {
      options.onTrack(track, streams[0] ?? new MediaStream([track]));
    };
    this.pc.oniceconnectionstatechange = () => this.onIceState();
    this.pc.onconnectionstatechange = () => this.reportState();
  }

  /** Sends a track to this peer (triggers renegotiation). */
  addTrack(track: MediaStreamTrack, stream: MediaStream): void {
    if (this.closed || this.senders.has(track.id)) return;
    this.senders.set(track.id, this.pc.addTrack(track, stream));
  }

  /**
   * Sends `next` in place of `previous` on the same sender: no renegotiation, the remote side
   * keeps its stream and just sees other frames. Returns false when `previous` was not sent.
   */
  async replaceTrack(previous: MediaStreamTrack, next: MediaStreamTrack): Promise<boolean> {
    const sender = this.senders.get(previous.id);
    if (!sender || this.closed) return false;
    await sender.replaceTrack(next);
    this.senders.delete(previous.id);
    this.senders.set(next.id, sender);
    return true;
  }

  /**
   * Stops or resumes sending a track to this peer without renegotiation: the sender carries no
   * track while paused (audio only), so no frames cross the link at all.
   */
  async pauseTrack(track: MediaStreamTrack, paused: boolean): Promise<void> {
    const sender = this.senders.get(track.id);
    if (!sender || this.closed) return;
    const wanted = paused ? null : track;
    if (sender.track !== wanted) await sender.replaceTrack(wanted);
  }

  /** Stops sending a track (triggers renegotiation). */
  removeTrack(track: MediaStreamTrack): void {
    const sender = this.senders.get(track.id);
    if (!sender || this.closed) return;
    this.senders.delete(track.id);
    this.pc.removeTrack(sender);
  }

  /** Restarts ICE (renegotiates with fresh candidates); the media keeps its tracks. */
  restartIce(): void {
    if (!this.closed) this.pc.restartIce();
  }

  /** Sends a message over the data channel; false when the channel is not open. */
  send(message: P2PPeerMessage): boolean {
    if (this.channel.readyState !== 'open') return false;
    this.channel.send(JSON.stringify(message));
    return true;
  }

  /**
   * Handles a description or candidate relayed from the remote peer. Signals are applied one at
   * a time in arrival order, and candidates that come before their description wait for it.
   */
  signal(data: P2PSignalPayload): Promise<void> {
    this.queue = this.queue.then(() => this.apply(data));
    return this.queue;
  }

  private async apply(data: P2PSignalPayload): Promise<void> {
    if (this.closed) return;
    try {
      if ('description' in data) {
        const description = data.description;
        const readyForOffer =
          !this.makingOffer && (this.pc.signalingState === 'stable' || this.settingRemoteAnswer);
        const collision = description.type === 'offer' && !readyForOffer;
        this.ignoreOffer = !this.options.polite && collision;
        if (this.ignoreOffer) return;
        this.settingRemoteAnswer = description.type === 'answer';
        await this.pc.setRemoteDescription(description);
        this.settingRemoteAnswer = false;
        this.mayOffer = true;
        if (description.type === 'offer') {
          await this.pc.setLocalDescription();
          this.sendDescription();
        }
        const early = this.earlyCandidates.splice(0);
        for (const candidate of early) await this.addCandidate(candidate);
      } else if (!this.pc.remoteDescription) {
        if (!this.ignoreOffer) this.earlyCandidates.push(data.candidate);
      } else {
        await this.addCandidate(data.candidate);
      }
    } catch (error) {
      this.options.onError(
        `negotiation with ${this.options.remoteIdentity} failed: ${String(error)}`,
      );
    }
  }

  private async addCandidate(candidate: RTCIceCandidateInit | null): Promise<void> {
    try {
      await this.pc.addIceCandidate(candidate ?? undefined);
    } catch (error) {
      // Candidates of an offer we ignored (we were impolite in a collision) cannot apply.
      if (!this.ignoreOffer) throw error;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.restartTimer);
    this.channel.close();
    this.pc.close();
  }

  private async offer(): Promise<void> {
    if (this.closed || !this.mayOffer) return;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      // A colliding remote offer may have replaced ours meanwhile (we were polite): send only ours.
      if (this.pc.localDescription?.type === 'offer') this.sendDescription();
    } catch (error) {
      this.options.onError(`offer to ${this.options.remoteIdentity} failed: ${String(error)}`);
    } finally {
      this.makingOffer = false;
    }
  }

  private sendDescription(): void {
    const local = this.pc.localDescription;
    if (local) this.options.sendSignal({ description: { type: local.type, sdp: local.sdp } });
  }

  private onIceState(): void {
    const state = this.pc.iceConnectionState;
    clearTimeout(this.restartTimer);
    if (state === 'failed') {
      this.pc.restartIce();
    } else if (state === 'disconnected') {
      this.restartTimer = setTimeout(() => {
        if (!this.closed && this.pc.iceConnectionState === 'disconnected') this.pc.restartIce();
      }, DISCONNECTED_GRACE_MS);
    }
    this.reportState();
  }

  private reportState(): void {
    if (this.closed) return;
    const ice = this.pc.iceConnectionState;
    const connection = this.pc.connectionState;
    let state: MediaLinkState = 'connecting';
    if (connection === 'connected' && (ice === 'connected' || ice === 'completed'))
      state = 'connected';
    else if (ice === 'disconnected' || ice === 'failed' || connection === 'disconnected')
      state = 'reconnecting';
    else if (connection === 'failed') state = 'failed';
    this.options.onLinkState(state);
  }

  private receive(raw: unknown): void {
    if (typeof raw !== 'string' || raw.length > 16_384) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return;
    }
    const parsed = P2PPeerMessage.safeParse(json);
    if (parsed.success) this.options.onMessage(parsed.data);
  }
}

function toCandidate(candidate: RTCIceCandidate) {
  return {
    candidate: candidate.candidate,
    sdpMid: candidate.sdpMid,
    sdpMLineIndex: candidate.sdpMLineIndex,
    usernameFragment: candidate.usernameFragment,
  };
}
