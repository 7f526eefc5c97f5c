import { TokenVerifier } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { createJoinToken, MAX_TOKEN_TTL_SECONDS } from './tokens.ts';

const apiKey = 'APIunit';
const secret = 'unit-test-secret-that-is-long-enough';

async function claimsOf(role: 'host' | 'visitor', allowScreenShare: boolean, ttlSeconds = 300) {
  const { token, expiresAt } = await createJoinToken({
    apiKey,
    secret,
    roomName: 'room-1',
    participant: {
      identity: `${role}-1`,
      displayName: role === 'host' ? 'Nurse' : 'Visitor',
      role,
    },
    allowScreenShare,
    ttlSeconds,
  });
  const claims = await new TokenVerifier(apiKey, secret).verify(token);
  return { claims, expiresAt };
}

describe('LiveKit join tokens', () => {
  it('scope a visitor to one room and one identity with minimal grants', async () => {
    const { claims } = await claimsOf('visitor', false);
    expect(claims.sub).toBe('visitor-1');
    expect(claims.name).toBe('Visitor');
    expect(claims.iss).toBe(apiKey);
    expect(claims.video).toMatchObject({
      room: 'room-1',
      roomJoin: true,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
    });
    expect(claims.video?.canPublishSources).toEqual(['camera', 'microphone']);
    expect(claims.video?.roomAdmin).toBeFalsy();
    expect(claims.video?.roomCreate).toBeFalsy();
    expect(claims.video?.roomRecord).toBeFalsy();
    expect(claims.video?.roomList).toBeFalsy();
  });

  it('let a visitor share the screen only where the visit allows it', async () => {
    const { claims } = await claimsOf('visitor', true);
    expect(claims.video?.canPublishSources).toEqual([
      'camera',
      'microphone',
      'screen_share',
      'screen_share_audio',
    ]);
  });

  it('give hosts screen share but no administrative grants', async () => {
    const { claims } = await claimsOf('host', false);
    expect(claims.video?.canPublishSources).toContain('screen_share');
    expect(claims.video?.roomAdmin).toBeFalsy();
    expect(claims.video?.roomRecord).toBeFalsy();
    expect(claims.attributes).toEqual({ role: 'host' });
  });

  it('never live longer than ten minutes', async () => {
    const { claims, expiresAt } = await claimsOf('visitor', false, 86_400);
    const ttl = (claims.exp ?? 0) - (claims.nbf ?? Math.floor(Date.now() / 1000));
    expect(ttl).toBeLessThanOrEqual(MAX_TOKEN_TTL_SECONDS);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(MAX_TOKEN_TTL_SECONDS * 1000);
  });
});
