// The peer connection on which one participant sends media and data to the SFU. The client is the
// offerer; the server answers each offer (initial, renegotiation, ICE restart) in order. In single
// peer connection mode a subclass also sends on it (see single-peer-transport.ts).
import type { MediaStreamTrack, RTCDataChannel, RTCPeerConnection, RTCRtpReceiver } from 'werift';
import { gatheringComplete } from './ice.ts';
import { createSfuPeerConnection, type SfuPeerOptions } from './peer-factory.ts';
import { keepBundledSectionsOpen } from './sdp-fixups.ts';

/** A media stream the publisher started sending (one per simulcast layer). */
export interface IncomingTrack {
  track: MediaStreamTrack;
  receiver: RTCRtpReceiver;
  kind: 'audio' | 'video';
  /** The track id from the SDP's msid: LiveKit clients use it as the AddTrackRequest cid. */
  remoteTrackId?: string;
  mid?: string;
}

/** Callbacks to the signal layer. */
export interface PublisherTransportEvents {
  onTrack(incoming: IncomingTrack): void;
  /** A data packet arrived on one of the client's channels (`_reliable`, `_lossy`, ...). */
  onData(data: Buffer, label: string): void;
  onConnectionStateChange?(state: string): void;
  /**
   * The codec mime type the client asked to publish a track with (its AddTrackRequest), by the
   * track id of the offer's msid; the answer lists it first, so the client sends that codec.
   */
  preferredCodec?(trackId: string): string | undefined;
}

/** An answer to a client's offer. */
export interface TransportAnswer {
  sdp: string;
  /** mid → track sid of the sections the server sends on (single peer connection mode). */
  midToTrackId: Record<string, string>;
}

/** Publisher peer connection. */
export class PublisherTransport {
  readonly pc: RTCPeerConnection;
  /** The data channels the client opened, by label (`_reliable`, `_lossy`, `_data_track`). */
  protected readonly channels = new Map<string, RTCDataChannel>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private readonly events: PublisherTransportEvents;

  constructor(events: PublisherTransportEvents, options: SfuPeerOptions = {}) {
    this.events = events;
    this.pc = createSfuPeerConnection(options);
    this.pc.onTrack.subscribe((track) => {
      const transceiver = this.pc.getTransceivers().find((t) => t.receiver.tracks.includes(track));
      if (!transceiver) return;
      // With simulcast, werift reports the m-section once; each layer is one of receiver.tracks.
      for (const layer of transceiver.receiver.tracks) {
        events.onTrack({
          track: layer,
          receiver: transceiver.receiver,
          kind: track.kind === 'audio' ? 'audio' : 'video',
          remoteTrackId: transceiver.receiver.remoteTrackId,
          mid: transceiver.mid ?? undefined,
        });
      }
    });
    this.pc.onDataChannel.subscribe((channel) => {
      this.channels.set(channel.label, channel);
      channel.onMessage.subscribe((data) =>
        events.onData(typeof data === 'string' ? Buffer.from(data) : data, channel.label),
      );
    });
    this.pc.connectionStateChange.subscribe((state) => events.onConnectionStateChange?.(state));
  }

  /** Answers an offer; offers are handled strictly one after another. */
  answer(sdp: string): Promise<TransportAnswer> {
    const run = this.queue.then(async () => {
      // werift's addTransceiver (which setRemoteDescription uses for new sections) takes over the
      // slot of any transceiver last answered inactive, of any kind, unless it was used for
      // sending; that transceiver's section is still in the offer and the answer then fails
      // ("Transceiver with mid=… not found"). Inactive sections are common: a client's unpublished
      // track, a single peer connection's unused receive sections. Mark them all as used.
      for (const transceiver of this.pc.getTransceivers()) transceiver.usedForSender = true;
      await this.pc.setRemoteDescription({ type: 'offer', sdp });
      this.preferPublishedCodecs();
      this.beforeAnswer();
      const answer = await this.pc.createAnswer();
      await this.pc.setLocalDescription(answer);
      await gatheringComplete(this.pc);
      return {
        sdp: keepBundledSectionsOpen(this.pc.localDescription?.sdp ?? answer.sdp),
        midToTrackId: this.afterAnswer(),
      };
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Puts the codec each published track asked for first in its section of the answer, as
   * LiveKit's server does (the client offers its default order, VP8 first, and sends the first
   * codec of the answer).
   */
  private preferPublishedCodecs(): void {
    for (const transceiver of this.pc.getTransceivers()) {
      const trackId = transceiver.receiver.remoteTrackId;
      if (!trackId) continue;
      const mime = this.events.preferredCodec?.(trackId)?.toLowerCase();
      if (!mime) continue;
      const codecs = transceiver.codecs;
      const first = codecs.filter((c) => c.mimeType.toLowerCase() === mime);
      if (first.length === 0 || codecs[0]?.mimeType.toLowerCase() === mime) continue;
      transceiver.codecs = [...first, ...codecs.filter((c) => c.mimeType.toLowerCase() !== mime)];
    }
  }

  /** Runs between applying an offer and creating the answer (a subclass binds sections there). */
  protected beforeAnswer(): void {}

  /** Runs once the answer is set; returns the mid → track sid map to send with it. */
  protected afterAnswer(): Record<string, string> {
    return {};
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pc.close().catch(() => undefined);
  }
}
