// The subscriber side of forwarding: one published track sent on one subscriber's transceiver
// through a Forwarder (one layer, keyframe-gated, renumbered). werift's sender then sets SSRC and
// payload type, keeps a history for NACK retransmission, and reports PLI and FIR, which become
// keyframe requests to the publisher. A video also follows the subscriber's receiver reports and
// NACKs: what its own hop loses steps it down a layer, and back up once clean (degrade.ts).
import type { RTCRtpTransceiver } from 'werift';
import {
  GenericNack,
  RtcpPayloadSpecificFeedback,
  RtcpRrPacket,
  RtcpTransportLayerFeedback,
} from 'werift';
import { DegradePolicy } from './degrade.ts';
import { Forwarder } from './forwarder.ts';
import { HopLossMeter, signedPacketsLost } from './hop-loss.ts';
import { HIGHEST_LAYER, maxLayerFor, type TrackSettings } from './layers.ts';
import type { PublishedTrack } from './published-track.ts';

/** RTCP payload-specific feedback format of a Full Intra Request (RFC 5104). */
const FIR_FORMAT = 4;

/** How a down track treats its link. */
export interface DownLinkOptions {
  /**
   * Fraction (0..1) of video packets dropped on their way to the subscriber, read per packet: a
   * lossy link, injected by tests (Faults.loseVideoTo).
   */
  videoLoss?: () => number;
}

/** Sends one published track to one subscriber. */
export class DownTrack {
  readonly track: PublishedTrack;
  readonly transceiver: RTCRtpTransceiver;
  readonly forwarder: Forwarder;
  private readonly cleanups: Array<() => void> = [];
  private attached = false;
  private closed = false;

  constructor(
    track: PublishedTrack,
    transceiver: RTCRtpTransceiver,
    settings?: TrackSettings,
    options: DownLinkOptions = {},
  ) {
    this.track = track;
    this.transceiver = transceiver;
    const sender = transceiver.sender;
    const hop = track.kind === 'video' ? new HopLossMeter() : undefined;
    const videoLoss = track.kind === 'video' ? options.videoLoss : undefined;
    this.forwarder = new Forwarder(
      track,
      {
        write: (packet) => {
          // Sequence numbers as the subscriber sees them (werift keeps them unless a track is
          // replaced, which down tracks never do).
          hop?.onWrite(packet.readUInt16BE(2));
          if (videoLoss && Math.random() < videoLoss()) return;
          sendAsNegotiated(sender);
          void sender.sendRtp(packet).catch(() => undefined);
        },
        get writable() {
          return sender.dtlsTransport?.state === 'connected';
        },
        get codec() {
          return sender.codec?.mimeType.toLowerCase();
        },
      },
      settings ? maxLayerFor(settings, track.layout) : HIGHEST_LAYER,
    );
    if (hop) this.followLink(hop);
    const onLoss = () => this.forwarder.onPictureLoss();
    this.cleanups.push(sender.onPictureLossIndication.subscribe(onLoss).unSubscribe);
    this.cleanups.push(
      sender.onRtcp.subscribe((rtcp) => {
        if (
          rtcp.type === RtcpPayloadSpecificFeedback.type &&
          (rtcp as RtcpPayloadSpecificFeedback).feedback.count === FIR_FORMAT
        )
          onLoss();
      }).unSubscribe,
    );
  }

  /** Steps the video down and up with what the subscriber's hop loses (receiver reports, NACKs). */
  private followLink(hop: HopLossMeter): void {
    const sender = this.transceiver.sender;
    const policy = new DegradePolicy((steps) => this.forwarder.setLinkSteps(steps));
    this.cleanups.push(
      sender.onRtcp.subscribe((rtcp) => {
        const now = Date.now();
        if (rtcp.type === RtcpRrPacket.type) {
          for (const report of (rtcp as RtcpRrPacket).reports) {
            if (report.ssrc !== sender.ssrc) continue;
            const lost = hop.onReport(
              signedPacketsLost(report.packetsLost),
              report.highestSequence,
            );
            if (lost !== undefined) policy.onReceiverReport(lost, now);
          }
        } else if (rtcp.type === RtcpTransportLayerFeedback.type) {
          const nack = (rtcp as RtcpTransportLayerFeedback).feedback;
          if (!(nack instanceof GenericNack) || nack.mediaSourceSsrc !== sender.ssrc) return;
          const sentButLost = nack.lost.filter((seq) => !hop.neverSent(seq)).length;
          if (sentButLost > 0) policy.onNack(sentButLost, now);
        }
      }).unSubscribe,
    );
  }

  /** Starts forwarding (call once the subscriber's answer has been applied). */
  start(): void {
    if (this.attached || this.closed) return;
    this.attached = true;
    const dtls = this.transceiver.sender.dtlsTransport;
    // Whatever was forwarded before the transport came up was lost: start again from a keyframe.
    if (dtls)
      this.cleanups.push(
        dtls.onStateChange.subscribe((state) => {
          if (state === 'connected') this.forwarder.resync();
        }).unSubscribe,
      );
    this.forwarder.start();
  }

  /** Applies the subscriber's UpdateTrackSettings (adaptive stream: size, visibility). */
  updateSettings(settings: TrackSettings): void {
    this.forwarder.setMaxLayer(maxLayerFor(settings, this.track.layout));
  }

  /** Asks for a keyframe for what the subscriber receives (after a resume). */
  requestKeyframe(): void {
    this.forwarder.onPictureLoss();
  }

  /** Stops forwarding; the transceiver is left for the transport to remove. */
  close(): void {
    this.closed = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.forwarder.stop();
  }
}

/**
 * werift's sender wraps every packet in RED once any RED codec was negotiated on its section, also
 * when it sends with Opus: the subscriber would then decode RED headers as Opus and hear nothing.
 * Wrap only when RED is the codec the sender sends with.
 */
export function sendAsNegotiated(sender: {
  codec?: { mimeType: string };
  redRedundantPayloadType?: number;
}): void {
  if (sender.redRedundantPayloadType && sender.codec?.mimeType.toLowerCase() !== 'audio/red')
    sender.redRedundantPayloadType = undefined;
}
