// LiveKit access tokens: one room, one identity, TTL of ten minutes at most (and never past a
// scheduled visit's end), grants by role.
// Visitors can join, subscribe, publish camera and microphone (screen share only where the visit
// allows it) and send data; never roomAdmin, roomCreate or roomRecord.
import { AccessToken, TrackSource, type VideoGrant } from 'livekit-server-sdk';
import type { Participant } from '../base-video-provider.ts';

export const MAX_TOKEN_TTL_SECONDS = 600;

export interface TokenRequest {
  apiKey: string;
  secret: string;
  roomName: string;
  participant: Participant;
  allowScreenShare: boolean;
  ttlSeconds: number;
  /** The token expires by then at the latest (a scheduled visit's end). */
  notAfter?: Date | undefined;
  now?: Date;
}

/** The grants a participant of this role gets in one room. */
export function grantsFor(
  role: Participant['role'],
  roomName: string,
  allowScreenShare: boolean,
): VideoGrant {
  const sources = [TrackSource.CAMERA, TrackSource.MICROPHONE];
  if (allowScreenShare || role === 'host')
    sources.push(TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO);
  return {
    room: roomName,
    roomJoin: true,
    canPublish: true,
    canPublishSources: sources,
    canSubscribe: true,
    canPublishData: true,
    canUpdateOwnMetadata: false,
    // Hosts see everyone but stay ordinary participants: moderation goes through our server,
    // which holds the API secret, never through a browser's token.
    roomAdmin: false,
    roomCreate: false,
    roomRecord: false,
    roomList: false,
  };
}

/** Signs a join token; returns it with its expiry. */
export async function createJoinToken(
  request: TokenRequest,
): Promise<{ token: string; expiresAt: Date }> {
  const now = request.now ?? new Date();
  const untilEnd = request.notAfter
    ? Math.max(1, Math.floor((request.notAfter.getTime() - now.getTime()) / 1000))
    : Infinity;
  const ttl = Math.min(request.ttlSeconds, MAX_TOKEN_TTL_SECONDS, untilEnd);
  const token = new AccessToken(request.apiKey, request.secret, {
    identity: request.participant.identity,
    name: request.participant.displayName,
    ttl,
    metadata: JSON.stringify({ role: request.participant.role }),
    attributes: { role: request.participant.role },
  });
  token.addGrant(grantsFor(request.participant.role, request.roomName, request.allowScreenShare));
  return { token: await token.toJwt(), expiresAt: new Date(now.getTime() + ttl * 1000) };
}
