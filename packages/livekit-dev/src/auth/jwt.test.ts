// HS256 verification: the checks LiveKit's go-jose verifier makes.
import { describe, expect, it } from 'vitest';
import { CLOCK_LEEWAY_SECONDS, JwtError, signJwt, verifyJwt } from './jwt.ts';

const now = 1_700_000_000;

describe('verifyJwt', () => {
  it('returns the payload of a correctly signed token', () => {
    const token = signJwt({ iss: 'k', exp: now + 60 }, 's');
    expect(verifyJwt(token, 's', now)).toMatchObject({ iss: 'k' });
  });

  it('rejects a token whose payload was changed after signing', () => {
    const [head, , sig] = signJwt({ iss: 'k', video: { roomAdmin: false } }, 's').split('.');
    const forged = Buffer.from(JSON.stringify({ iss: 'k', video: { roomAdmin: true } })).toString(
      'base64url',
    );
    expect(() => verifyJwt(`${head}.${forged}.${sig}`, 's', now)).toThrow(JwtError);
  });

  it('allows one minute of clock skew on exp and nbf, and no more', () => {
    const expired = signJwt({ exp: now - CLOCK_LEEWAY_SECONDS }, 's');
    expect(() => verifyJwt(expired, 's', now)).not.toThrow();
    expect(() => verifyJwt(expired, 's', now + 1)).toThrow(/token is expired/);
    const early = signJwt({ nbf: now + CLOCK_LEEWAY_SECONDS + 1 }, 's');
    expect(() => verifyJwt(early, 's', now)).toThrow(/not valid yet/);
  });

  it('rejects something that is not a compact JWS', () => {
    expect(() => verifyJwt('a.b', 's', now)).toThrow(/three parts/);
  });
});
