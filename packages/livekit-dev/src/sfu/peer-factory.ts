// Builds the server side of every WebRTC peer connection the SFU uses: Opus, VP8 and H.264 with the
// feedback LiveKit clients expect (NACK, PLI, FIR), the header extensions simulcast needs (MID, RID),
// host candidates only (no STUN: everything runs on one machine) and IPv4.
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

/** Codecs the SFU accepts from publishers and offers to subscribers. */
export function sfuCodecs(): { audio: RTCRtpCodecParameters[]; video: RTCRtpCodecParameters[] } {
  const videoFeedback = () => [useNACK(), usePLI(), useFIR(), useREMB()];
  return {
    audio: [
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

/** Options for the SFU's peer connections. */
export interface SfuPeerOptions {
  /** Extra host addresses to offer as candidates (loopback by default). */
  hostAddresses?: string[];
}

/** Creates a peer connection configured for the SFU. */
export function createSfuPeerConnection(options: SfuPeerOptions = {}): RTCPeerConnection {
  return new RTCPeerConnection({
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
}
