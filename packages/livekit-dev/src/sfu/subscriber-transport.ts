// The peer connection on which the SFU sends media (and data) to one participant. The server is
// the offerer here: every change of the subscribed set leads to a new offer, one at a time.
import type { RTCDataChannel, RTCPeerConnection } from 'werift';
import type { DownTrack } from './down-track.ts';
import { bindDownTrack, sendOnChannel, type Downlink, type SubscriptionLabel } from './downlink.ts';
import { gatheringComplete } from './ice.ts';
import type { TrackSettings } from './layers.ts';
import { createSfuPeerConnection, type SfuPeerOptions } from './peer-factory.ts';
import type { PublishedTrack } from './published-track.ts';
import { keepBundledSectionsOpen } from './sdp-fixups.ts';

export type { SubscriptionLabel } from './downlink.ts';

/** Callbacks to the signal layer. */
export interface SubscriberTransportEvents {
  /** An offer (with candidates) is ready to send; `offerId` must come back with the answer. */
  sendOffer(sdp: string, offerId: number): void;
  /** A data packet arrived on one of the server-created channels (clients rarely use these). */
  onData?(data: Buffer, reliable: boolean): void;
  onConnectionStateChange?(state: string): void;
}

/** Subscriber peer connection, its down tracks and its `_reliable` / `_lossy` channels. */
export class SubscriberTransport implements Downlink {
  readonly pc: RTCPeerConnection;
  private readonly downTracks = new Map<string, DownTrack>();
  private readonly reliable: RTCDataChannel;
  private readonly lossy: RTCDataChannel;
  private offerId = 0;
  private awaitingAnswer = false;
  private renegotiate = false;
  private closed = false;

  constructor(
    private readonly events: SubscriberTransportEvents,
    private readonly options: SfuPeerOptions = {},
  ) {
    this.pc = createSfuPeerConnection(options);
    this.reliable = this.pc.createDataChannel('_reliable', { ordered: true });
    this.lossy = this.pc.createDataChannel('_lossy', { ordered: false, maxRetransmits: 0 });
    this.reliable.onMessage.subscribe((data) => events.onData?.(toBuffer(data), true));
    this.lossy.onMessage.subscribe((data) => events.onData?.(toBuffer(data), false));
    this.pc.connectionStateChange.subscribe((state) => events.onConnectionStateChange?.(state));
  }

  /** Sids of the tracks this participant is subscribed to. */
  get subscribedTrackSids(): string[] {
    return [...this.downTracks.keys()];
  }

  /** Whether the participant is subscribed to a track. */
  isSubscribed(trackSid: string): boolean {
    return this.downTracks.has(trackSid);
  }

  /** Adds a track to the subscriber connection and renegotiates. No-op when already subscribed. */
  subscribe(track: PublishedTrack, label: SubscriptionLabel): void {
    if (this.closed || this.downTracks.has(label.trackSid)) return;
    const transceiver = this.pc.addTransceiver(track.kind, { direction: 'sendonly' });
    const codecs = this.pc.config.codecs[track.kind] ?? [];
    this.downTracks.set(
      label.trackSid,
      bindDownTrack(transceiver, track, label, codecs, this.options.link),
    );
    this.negotiate();
  }

  /** Removes a track from the subscriber connection and renegotiates. */
  unsubscribe(trackSid: string): void {
    const downTrack = this.downTracks.get(trackSid);
    if (!downTrack) return;
    this.downTracks.delete(trackSid);
    downTrack.close();
    if (this.closed) return;
    try {
      this.pc.removeTrack(downTrack.transceiver.sender);
    } catch {
      // already removed with its transceiver
    }
    this.negotiate();
  }

  /** Sends an offer now, or after the pending answer arrives. */
  negotiate(): void {
    if (this.closed) return;
    if (this.awaitingAnswer) {
      this.renegotiate = true;
      return;
    }
    this.awaitingAnswer = true;
    this.renegotiate = false;
    void this.createAndSendOffer();
  }

  /** Applies the client's answer and starts forwarding on the negotiated transceivers. */
  async handleAnswer(sdp: string): Promise<void> {
    if (this.closed) return;
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
    this.awaitingAnswer = false;
    for (const downTrack of this.downTracks.values()) {
      if (downTrack.transceiver.mid !== null) downTrack.start();
    }
    if (this.renegotiate) this.negotiate();
  }

  /** Sends a data packet to the participant; false when the channel is not open yet. */
  sendData(data: Uint8Array, reliable: boolean): boolean {
    return sendOnChannel(reliable ? this.reliable : this.lossy, data);
  }

  /** Applies a subscriber's UpdateTrackSettings to one of its down tracks. */
  updateTrackSettings(trackSid: string, settings: TrackSettings): void {
    this.downTracks.get(trackSid)?.updateSettings(settings);
  }

  /** Asks for a keyframe of every forwarded video (after a resume). */
  requestKeyframes(): void {
    for (const downTrack of this.downTracks.values()) downTrack.requestKeyframe();
  }

  /** Stops all forwarding and closes the connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const downTrack of this.downTracks.values()) downTrack.close();
    this.downTracks.clear();
    await this.pc.close().catch(() => undefined);
  }

  private async createAndSendOffer(): Promise<void> {
    try {
      const offer = await this.pc.createOffer();
      await this.pc.setLocalDescription(offer);
      await gatheringComplete(this.pc);
      if (this.closed) return;
      const sdp = keepBundledSectionsOpen(this.pc.localDescription?.sdp ?? offer.sdp);
      this.offerId += 1;
      this.events.sendOffer(sdp, this.offerId);
    } catch (error) {
      this.awaitingAnswer = false;
      if (!this.closed) throw error;
    }
  }
}

function toBuffer(data: string | Buffer): Buffer {
  return typeof data === 'string' ? Buffer.from(data) : data;
}
