// Signs LiveKit webhooks the way a LiveKit server does (a JWT over the body's SHA-256), for the
// security suites that must get past the signature to test what comes after it.
import { createHash } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';
import type { ApiHarness } from '../support/api.ts';

/** Settings that enable the LiveKit provider without a server: webhooks need none. */
export const LIVEKIT_ENV = {
  FEATURE_LIVEKIT: 'true',
  LIVEKIT_URL: 'http://127.0.0.1:9',
  LIVEKIT_API_KEY: 'security-test-key',
  LIVEKIT_SECRET: 'security-test-secret-that-is-long-enough',
} as const;

/** A LiveKit `room_started` event body; `createdAt` in seconds, as LiveKit sends it. */
export function roomStarted(id: string, createdAt = new Date()): string {
  return JSON.stringify({
    id,
    event: 'room_started',
    room: { name: 'security-test-room' },
    createdAt: String(Math.floor(createdAt.getTime() / 1000)),
  });
}

/** Posts `body` to the LiveKit webhook route, signed with the test secret. */
export async function postSigned(h: ApiHarness, body: string) {
  const token = new AccessToken(LIVEKIT_ENV.LIVEKIT_API_KEY, LIVEKIT_ENV.LIVEKIT_SECRET, {
    ttl: 60,
  });
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return h.request({
    method: 'POST',
    url: '/api/v1/webhooks/livekit',
    headers: { 'content-type': 'application/webhook+json', authorization: await token.toJwt() },
    payload: body,
  });
}
