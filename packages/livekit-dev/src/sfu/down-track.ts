// The subscriber side of forwarding: one published track sent on one subscriber's transceiver.
// werift's sender rewrites SSRC, payload type, sequence numbers and timestamps, keeps a history for
// NACK retransmission, and reports PLIs, which are passed on to the publisher.
import type { RTCRtpTransceiver } from 'werift';
import type { PublishedTrack, RtpSink } from './published-track.ts';

/** Sends one published track to one subscriber. */
export class DownTrack implements RtpSink {
  readonly track: PublishedTrack;
  readonly transceiver: RTCRtpTransceiver;
  private readonly unsubscribePli: () => void;
  private attached = false;
  private closed = false;

  constructor(track: PublishedTrack, transceiver: RTCRtpTransceiver) {
    this.track = track;
    this.transceiver = transceiver;
    this.unsubscribePli = transceiver.sender.onPictureLossIndication.subscribe(() =>
      track.requestKeyframe(),
    ).unSubscribe;
  }

  /** Starts forwarding (call once the subscriber's answer has been applied). */
  start(): void {
    if (this.attached || this.closed) return;
    this.attached = true;
    this.track.addSink(this);
  }

  writeRtp(packet: Buffer): void {
    this.transceiver.sender.sendRtp(packet).catch(() => undefined);
  }

  /** Stops forwarding; the transceiver is left for the transport to remove. */
  close(): void {
    this.closed = true;
    this.unsubscribePli();
    this.track.removeSink(this);
  }
}
