// Builds the server side of every WebRTC peer connection the SFU uses: Opus (plain or as RED), VP8
// and H.264 with the feedback LiveKit clients expect (NACK, PLI, FIR), the header extensions
// simulcast needs (MID, RID), host candidates only (no STUN: everything runs on one machine) and
// IPv4; simulcast packets are routed by MID and RID (simulcast-routing.ts).
//
// RED (RFC 2198, audio/red) is Opus with the previous packets repeated in each packet, which
// livekit-client asks for by default. werift unwraps it on arrival (recovering lost packets from
// the repeats), so every sink sees plain Opus; a subscriber whose section negotiated RED first gets
// it wrapped again by werift's sender, any other gets Opus (see down-track.ts).
import {
  RTCPeerConnection,
  RTCRtpCodecParameters,
  useAbsSendTime,
  useAudioLevelIndication,
  useFIR,
  useNACK,
  usePLI,
  useREMB,
  useRepairedRtpStreamId,
  useSdesMid,
  useSdesRTPStreamId,
} from 'werift';
import type { DownLinkOptions } from './down-track.ts';
import { routeSimulcastByMid } from './simulcast-routing.ts';

/** Codecs the SFU accepts from publishers and offers to subscribers. */
export function sfuCodecs(): { audio: RTCRtpCodecParameters[]; video: RTCRtpCodecParameters[] } {
  const videoFeedback = () => [useNACK(), usePLI(), useFIR(), useREMB()];
  return {
    // werift numbers RED's redundant encoding as the payload type that follows it: Opus.
    audio: [
      new RTCRtpCodecParameters({ mimeType: 'audio/red', clockRate: 48000, channels: 2 }),
      new RTCRtpCodecParameters({
        mimeType: 'audio/opus',
        clockRate: 48000,
        channels: 2,
        parameters: 'minptime=10;useinbandfec=1',
      }),
    ],
    video: [
      new RTCRtpCodecParameters({
        mimeType: 'video/VP8',
        clockRate: 90000,
        rtcpFeedback: videoFeedback(),
      }),
      new RTCRtpCodecParameters({
        mimeType: 'video/H264',
        clockRate: 90000,
        rtcpFeedback: videoFeedback(),
        parameters: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f',
      }),
    ],
  };
}

/**
 * Orders the codecs a subscriber may receive for a track: those of the track's mime type first
 * (the one whose packetization mode and profile match the publisher's first of all), falling back
 * to the first codec of the kind when the subscriber offers none of that type. A sender sends with
 * the first.
 */
export function pickCodecs(
  available: RTCRtpCodecParameters[],
  mimeType: string | undefined,
  fmtp?: string,
): RTCRtpCodecParameters[] {
  const ofMime = (mime: string) =>
    available.filter((c) => c.mimeType.toLowerCase() === mime.toLowerCase());
  if (mimeType?.toLowerCase() === 'audio/red') {
    // RED needs the Opus it carries in the same section; without Opus there is no RED.
    const opus = ofMime('audio/opus');
    return opus.length === 0 ? available.slice(0, 1) : [...ofMime('audio/red'), ...opus];
  }
  const sameMime = mimeType ? ofMime(mimeType) : [];
  if (sameMime.length === 0) {
    // Audio falls back to Opus, never to RED alone.
    const fallback = available.filter((c) => c.mimeType.toLowerCase() !== 'audio/red');
    return fallback.slice(0, 1);
  }
  const wanted = fmtpParameters(fmtp);
  const score = (codec: RTCRtpCodecParameters): number => {
    const have = fmtpParameters(codec.parameters);
    return (
      (have['packetization-mode'] === (wanted['packetization-mode'] ?? '1') ? 2 : 0) +
      (have['profile-level-id'] === wanted['profile-level-id'] ? 1 : 0) +
      ((have['profile-id'] ?? '0') === (wanted['profile-id'] ?? '0') ? 1 : 0)
    );
  };
  return [...sameMime].sort((a, b) => score(b) - score(a));
}

function fmtpParameters(fmtp: string | undefined): Record<string, string> {
  const entries = (fmtp ?? '')
    .split(';')
    .map((part) => part.trim().split('='))
    .filter((kv): kv is [string, string] => kv.length === 2);
  return Object.fromEntries(entries.map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]));
}

/** Options for the SFU's peer connections. */
export interface SfuPeerOptions {
  /** Extra host addresses to offer as candidates (loopback by default). */
  hostAddresses?: string[];
  /** How the tracks sent on these connections treat their link (see down-track.ts). */
  link?: DownLinkOptions;
}

/** Creates a peer connection configured for the SFU. */
export function createSfuPeerConnection(options: SfuPeerOptions = {}): RTCPeerConnection {
  const pc = new RTCPeerConnection({
    codecs: sfuCodecs(),
    headerExtensions: {
      audio: [useSdesMid(), useAudioLevelIndication()],
      video: [useSdesMid(), useSdesRTPStreamId(), useRepairedRtpStreamId(), useAbsSendTime()],
    },
    iceServers: [],
    iceUseIpv4: true,
    iceUseIpv6: false,
    iceAdditionalHostAddresses: options.hostAddresses ?? ['127.0.0.1'],
  });
  routeSimulcastByMid(pc);
  return pc;
}
