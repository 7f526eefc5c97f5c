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

  it('never outlive a scheduled visit’s end, and keep their own limit when the end is far', async () => {
    const now = new Date('2026-07-01T12:00:00Z');
    const sign = (notAfter: Date) =>
      createJoinToken({
        apiKey,
        secret,
        roomName: 'room-1',
        participant: { identity: 'visitor-1', displayName: 'Visitor', role: 'visitor' },
        allowScreenShare: false,
        ttlSeconds: MAX_TOKEN_TTL_SECONDS,
        notAfter,
        now,
      });
    const soon = await sign(new Date('2026-07-01T12:01:30Z'));
    expect(soon.expiresAt.toISOString()).toBe('2026-07-01T12:01:30.000Z');
    const { exp, nbf } = decode(soon.token);
    expect(exp - nbf).toBe(90);
    const far = await sign(new Date('2026-07-01T15:00:00Z'));
    expect(far.expiresAt.getTime() - now.getTime()).toBe(MAX_TOKEN_TTL_SECONDS * 1000);
  });
});

/** The claims of a JWT, unverified (the SDK's verifier would refuse one issued at a fixed past time). */
function decode(token: string): { exp: number; nbf: number } {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as {
    exp: number;
    nbf: number;
  };
}
