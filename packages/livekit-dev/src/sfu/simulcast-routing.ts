// Routes each incoming simulcast packet to the media section it belongs to. LiveKit clients name the
// layers of every simulcast track alike (`q`, `h`, `f`), so a camera and a screen share both send a
// layer `q`. werift's router keeps one receiver per rid, whatever the section: once a second
// simulcast track is negotiated, the first track's packets are handed to the second, and because
// werift then learns their SSRC there, they stay there after the second track is gone — the
// subscriber's camera freezes when a screen share starts and never comes back. A real SFU, like
// LiveKit's, matches a packet by its MID and RID header extensions together (and by SSRC once
// learned); so does this.
import {
  rtpHeaderExtensionsParser,
  RTP_EXTENSION_URI,
  type RTCPeerConnection,
  type RTCRtpReceiver,
  type RtpPacket,
} from 'werift';

/** The part of werift's (private) RTP router this replaces and reads. */
interface WeriftRouter {
  ssrcTable: Record<number, unknown>;
  extIdUriMap: Record<number, string>;
  routeRtp: (packet: RtpPacket) => void;
}

/** Where a packet with MID and RID extensions goes; undefined when the pair is unknown. */
export function receiverForLayer(
  pc: Pick<RTCPeerConnection, 'getTransceivers'>,
  mid: string,
  rid: string,
): RTCRtpReceiver | undefined {
  const transceiver = pc.getTransceivers().find((t) => t.mid === mid);
  const receiver = transceiver?.receiver;
  return receiver && receiver.trackByRID[rid] ? receiver : undefined;
}

/**
 * Makes `pc` route simulcast packets by (MID, RID) and remember each layer's SSRC for the packets
 * that come without extensions. Packets without both extensions are routed as werift does.
 */
export function routeSimulcastByMid(pc: RTCPeerConnection): void {
  // werift declares its router private; it has no option for this, and its routing is what needs
  // replacing. The shape used is checked at run time below.
  const router = (pc as unknown as { router?: WeriftRouter }).router;
  if (!router || typeof router.routeRtp !== 'function' || !router.ssrcTable) return;
  const weriftRoute = router.routeRtp;
  router.routeRtp = (packet: RtpPacket) => {
    if (packet.header.extension) {
      const extensions = rtpHeaderExtensionsParser(packet.header.extensions, router.extIdUriMap);
      const rid = extensions[RTP_EXTENSION_URI.sdesRTPStreamID];
      const mid = extensions[RTP_EXTENSION_URI.sdesMid];
      if (typeof rid === 'string' && typeof mid === 'string') {
        const receiver = receiverForLayer(pc, mid, rid);
        if (receiver) {
          // The SSRC now belongs to this section: later packets, without extensions, follow it.
          router.ssrcTable[packet.header.ssrc] = receiver;
          if (receiver.trackBySSRC[packet.header.ssrc] !== receiver.trackByRID[rid])
            delete receiver.trackBySSRC[packet.header.ssrc];
          receiver.sdesMid = mid;
          receiver.latestRid = rid;
          receiver.handleRtpByRid(packet, rid, extensions);
          return;
        }
      }
    }
    weriftRoute(packet);
  };
}
