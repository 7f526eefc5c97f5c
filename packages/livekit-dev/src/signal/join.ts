// Builds what a joining client receives first: the JoinResponse (room, itself, the others, server
// info, ICE servers, ping settings) — or, for a resume, the ReconnectResponse.
import {
  Codec,
  JoinResponse,
  ReconnectResponse,
  ServerInfo,
  ServerInfo_Edition,
  type ParticipantInfo,
  type Room,
} from '@livekit/protocol';

/** The LiveKit server version this development server claims to be (feature gates in clients). */
export const SERVER_VERSION = '1.9.0';
/** Signal protocol version spoken (LiveKit's current one). */
export const SERVER_PROTOCOL = 16;

const PING_INTERVAL_SECONDS = 5;
const PING_TIMEOUT_SECONDS = 15;

/**
 * Builds a JoinResponse for a participant that just joined `room`. On a single peer connection the
 * client's connection is the primary one: it offers, the server answers.
 */
export function buildJoinResponse(
  room: Room,
  participant: ParticipantInfo,
  others: ParticipantInfo[],
  singlePeerConnection = false,
): JoinResponse {
  return new JoinResponse({
    room,
    participant,
    otherParticipants: others,
    serverVersion: SERVER_VERSION,
    serverRegion: 'local',
    // No STUN or TURN: the server and its clients share one machine (host candidates only).
    iceServers: [],
    subscriberPrimary: !singlePeerConnection && (participant.permission?.canSubscribe ?? true),
    pingInterval: PING_INTERVAL_SECONDS,
    pingTimeout: PING_TIMEOUT_SECONDS,
    serverInfo: new ServerInfo({
      edition: ServerInfo_Edition.Standard,
      version: SERVER_VERSION,
      protocol: SERVER_PROTOCOL,
      region: 'local',
      nodeId: 'ND_livekit_dev',
    }),
    enabledPublishCodecs: [
      new Codec({ mime: 'audio/opus' }),
      new Codec({ mime: 'audio/red' }),
      new Codec({ mime: 'video/VP8' }),
      new Codec({ mime: 'video/H264' }),
    ],
  });
}

/** Builds the ReconnectResponse a resumed session receives first. */
export function buildReconnectResponse(): ReconnectResponse {
  return new ReconnectResponse({ iceServers: [] });
}
