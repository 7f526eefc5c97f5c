// Access-token authentication as LiveKit's APIKeyAuthMiddleware does it (pkg/service/auth.go):
// find the token (Bearer header or `access_token`), look up the issuer's secret, verify.
// Failures carry LiveKit's plain-text messages; callers answer them with HTTP 401.
import type { ClaimGrants, VerifiedToken } from './claims.ts';
import { JwtError, decodeJwtUnverified, verifyJwt } from './jwt.ts';

const BEARER = 'Bearer ';

/** Why a request's credentials were refused; the message is LiveKit's. */
export class AuthError extends Error {
  readonly status = 401;

  constructor(message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

/** API keys and their secrets. */
export type KeyProvider = ReadonlyMap<string, string>;

/**
 * Extracts the token from an `Authorization` header or an `access_token` value. Returns undefined
 * when neither is present (LiveKit then lets the request through without grants).
 */
export function findToken(
  authorization: string | undefined,
  accessToken: string | null | undefined,
): string | undefined {
  if (authorization) {
    if (!authorization.startsWith(BEARER)) {
      throw new AuthError('invalid authorization header. Must start with Bearer ');
    }
    return authorization.slice(BEARER.length);
  }
  return accessToken || undefined;
}

/** Verifies an access token against the known keys. */
export function verifyAccessToken(token: string, keys: KeyProvider): VerifiedToken {
  let apiKey: string;
  let identity: string;
  try {
    const unverified = decodeJwtUnverified(token);
    apiKey = typeof unverified['iss'] === 'string' ? unverified['iss'] : '';
    const sub = typeof unverified['sub'] === 'string' ? unverified['sub'] : '';
    const jti = typeof unverified['jti'] === 'string' ? unverified['jti'] : '';
    identity = sub || jti;
  } catch (err) {
    if (err instanceof JwtError) throw new AuthError('invalid authorization token');
    throw err;
  }
  const secret = keys.get(apiKey);
  if (!secret) throw new AuthError(`invalid API key: ${apiKey}`);
  try {
    const claims = verifyJwt(token, secret) as ClaimGrants;
    return { apiKey, identity, claims };
  } catch (err) {
    if (err instanceof JwtError)
      throw new AuthError(`invalid token: ${token}, error: ${err.message}`);
    throw err;
  }
}

/** Authenticates a request's credentials; undefined means "no token given". */
export function authenticate(
  authorization: string | undefined,
  accessToken: string | null | undefined,
  keys: KeyProvider,
): VerifiedToken | undefined {
  const token = findToken(authorization, accessToken);
  return token === undefined ? undefined : verifyAccessToken(token, keys);
}
