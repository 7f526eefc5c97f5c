// The peer connection on which one participant sends media and data to the SFU. The client is the
// offerer; the server answers each offer (initial, renegotiation, ICE restart) in order.
import type { MediaStreamTrack, RTCPeerConnection, RTCRtpReceiver } from 'werift';
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
}

/** Publisher peer connection. */
export class PublisherTransport {
  readonly pc: RTCPeerConnection;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(events: PublisherTransportEvents, options: SfuPeerOptions = {}) {
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
      channel.onMessage.subscribe((data) =>
        events.onData(typeof data === 'string' ? Buffer.from(data) : data, channel.label),
      );
    });
    this.pc.connectionStateChange.subscribe((state) => events.onConnectionStateChange?.(state));
  }

  /** Answers an offer; offers are handled strictly one after another. Resolves the answer SDP. */
  answer(sdp: string): Promise<string> {
    const run = this.queue.then(async () => {
      await this.pc.setRemoteDescription({ type: 'offer', sdp });
      const answer = await this.pc.createAnswer();
      await this.pc.setLocalDescription(answer);
      await gatheringComplete(this.pc);
      return keepBundledSectionsOpen(this.pc.localDescription?.sdp ?? answer.sdp);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pc.close().catch(() => undefined);
  }
}
