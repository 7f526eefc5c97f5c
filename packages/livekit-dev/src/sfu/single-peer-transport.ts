// Single peer connection mode (`/rtc/v1`): one peer connection per participant carries what it
// publishes and what it receives. The client is always the offerer. Its offers carry receive-only
// media sections (three audio and three video at first); the server sends a subscribed track by
// answering one of those sections `sendonly` with the track's msid, and tells the client which
// track is on which section (`midToTrackId` in the answer). When it needs a new negotiation —
// more sections than the client offered, a new or removed subscription — it sends a
// MediaSectionsRequirement, upon which the client adds that many receive-only sections and offers
// again. This is what LiveKit's server does (`PCTransport` as answerer, `OnUnmatchedMedia`).
// Data for the participant goes out on the channels the client itself opened.
import type { RTCRtpTransceiver } from 'werift';
import type { DownTrack } from './down-track.ts';
import {
  bindDownTrack,
  preferCodecs,
  sendOnChannel,
  type Downlink,
  type SubscriptionLabel,
} from './downlink.ts';
import type { TrackSettings } from './layers.ts';
import type { SfuPeerOptions } from './peer-factory.ts';
import type { PublishedTrack } from './published-track.ts';
import { PublisherTransport, type PublisherTransportEvents } from './publisher-transport.ts';

type Kind = 'audio' | 'video';

/** Callbacks of a single peer connection besides the publisher's. */
export interface SinglePeerTransportEvents extends PublisherTransportEvents {
  /** Asks the client for an offer with (at least) this many more receive-only sections. */
  requireMediaSections(numAudios: number, numVideos: number): void;
}

interface Sending {
  downTrack: DownTrack;
  transceiver: RTCRtpTransceiver;
  label: SubscriptionLabel;
}

/** The one peer connection of a participant in single peer connection mode. */
export class SinglePeerTransport extends PublisherTransport implements Downlink {
  /** Subscriptions waiting for a section of the client's next offer. */
  private readonly pending = new Map<string, { track: PublishedTrack; label: SubscriptionLabel }>();
  private readonly sending = new Map<string, Sending>();
  /** Sections that carried a track once; not reused, so a client never sees a receiver change hands. */
  private readonly retired = new Set<string>();
  /** True from a requirement (or the join) until the next offer has been answered. */
  private awaitingOffer = true;
  /** True while an offer is being answered. */
  private answering = false;
  /** Something changed while answering, perhaps too late for the answer: negotiate again. */
  private dirty = false;
  private isClosing = false;

  constructor(
    private readonly downEvents: SinglePeerTransportEvents,
    private readonly options: SfuPeerOptions = {},
  ) {
    super(downEvents, options);
  }

  get subscribedTrackSids(): string[] {
    return [...this.sending.keys(), ...this.pending.keys()];
  }

  isSubscribed(trackSid: string): boolean {
    return this.sending.has(trackSid) || this.pending.has(trackSid);
  }

  subscribe(track: PublishedTrack, label: SubscriptionLabel): void {
    if (this.isClosing || this.isSubscribed(label.trackSid)) return;
    this.pending.set(label.trackSid, { track, label });
    this.renegotiate();
  }

  unsubscribe(trackSid: string): void {
    if (this.pending.delete(trackSid)) return;
    const entry = this.sending.get(trackSid);
    if (!entry) return;
    this.sending.delete(trackSid);
    entry.downTrack.close();
    entry.transceiver.setDirection('inactive');
    if (entry.transceiver.mid) this.retired.add(entry.transceiver.mid);
    this.renegotiate();
  }

  sendData(data: Uint8Array, reliable: boolean): boolean {
    return sendOnChannel(this.channels.get(reliable ? '_reliable' : '_lossy'), data);
  }

  updateTrackSettings(trackSid: string, settings: TrackSettings): void {
    const waiting = this.pending.get(trackSid);
    if (waiting) waiting.label.settings = settings;
    this.sending.get(trackSid)?.downTrack.updateSettings(settings);
  }

  requestKeyframes(): void {
    for (const { downTrack } of this.sending.values()) downTrack.requestKeyframe();
  }

  override async close(): Promise<void> {
    this.isClosing = true;
    for (const { downTrack } of this.sending.values()) downTrack.close();
    this.sending.clear();
    this.pending.clear();
    await super.close();
  }

  /** Binds waiting subscriptions to the offer's free receive-only sections. */
  protected override beforeAnswer(): void {
    this.answering = true;
    // Applying an offer resets every section's codecs to all those offered: narrow them again.
    for (const { downTrack, transceiver, label } of this.sending.values())
      preferCodecs(transceiver, downTrack.track, label, transceiver.codecs);
    for (const [trackSid, { track, label }] of this.pending) {
      const transceiver = this.freeSections(track.kind)[0];
      if (!transceiver) continue;
      transceiver.setDirection('sendonly');
      const downTrack = bindDownTrack(
        transceiver,
        track,
        label,
        transceiver.codecs,
        this.options.link,
      );
      this.sending.set(trackSid, { downTrack, transceiver, label });
      this.pending.delete(trackSid);
    }
  }

  /** Starts forwarding on the answered sections and asks for what is still missing. */
  protected override afterAnswer(): Record<string, string> {
    const midToTrackId: Record<string, string> = {};
    for (const [trackSid, { downTrack, transceiver }] of this.sending) {
      if (!transceiver.mid) continue;
      midToTrackId[transceiver.mid] = trackSid;
      downTrack.start();
    }
    this.answering = false;
    this.awaitingOffer = false;
    // After the answer has gone out (the caller sends it once this returns).
    setImmediate(() => {
      if (this.dirty || this.pending.size > 0) this.renegotiate();
    });
    return midToTrackId;
  }

  /**
   * Asks the client to offer again, with enough new sections for the waiting subscriptions. While
   * an offer is on its way there is nothing to ask: its answer will carry the change.
   */
  private renegotiate(): void {
    if (this.isClosing) return;
    if (this.answering) {
      this.dirty = true;
      return;
    }
    if (this.awaitingOffer) return;
    this.dirty = false;
    this.awaitingOffer = true;
    const missing = (kind: Kind) =>
      Math.max(
        0,
        [...this.pending.values()].filter((p) => p.track.kind === kind).length -
          this.freeSections(kind).length,
      );
    this.downEvents.requireMediaSections(missing('audio'), missing('video'));
  }

  /** Sections the client offered receive-only that carry nothing and never did. */
  private freeSections(kind: Kind): RTCRtpTransceiver[] {
    return this.pc
      .getTransceivers()
      .filter(
        (t) =>
          t.kind === kind &&
          t.mid !== null &&
          t.offerDirection === 'sendonly' &&
          t.direction !== 'sendonly' &&
          !this.retired.has(t.mid),
      );
  }
}
