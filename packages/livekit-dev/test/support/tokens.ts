// Tokens for tests: real AccessTokens from livekit-server-sdk, plus hand-signed ones for the cases
// AccessToken cannot produce (already expired, wrong algorithm).
import { AccessToken, type VideoGrant } from 'livekit-server-sdk';
import { signJwt } from '../../src/auth/jwt.ts';

/** An AccessToken JWT with the given grant. */
export async function accessToken(
  apiKey: string,
  apiSecret: string,
  grant: VideoGrant,
  identity = 'tester',
): Promise<string> {
  const token = new AccessToken(apiKey, apiSecret, { identity, ttl: '5m' });
  token.addGrant(grant);
  return token.toJwt();
}

/** A token signed correctly whose `exp` lies `secondsAgo` in the past. */
export function expiredToken(
  apiKey: string,
  apiSecret: string,
  grant: VideoGrant,
  secondsAgo: number,
): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt(
    {
      iss: apiKey,
      sub: 'tester',
      nbf: now - secondsAgo - 600,
      exp: now - secondsAgo,
      video: grant,
    },
    apiSecret,
  );
}
