// HS256 JSON Web Tokens, signed and verified with node:crypto. LiveKit signs every token it
// issues or accepts (access tokens, webhook authorization) this way, keyed by the API secret.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** go-jose's default clock leeway, which LiveKit's verifier inherits (auth/verifier.go). */
export const CLOCK_LEEWAY_SECONDS = 60;

/** A token that could not be parsed or verified; `message` follows go-jose's wording. */
export class JwtError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwtError';
  }
}

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

function sign(data: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

/** Signs `payload` as an HS256 JWT. */
export function signJwt(payload: Record<string, unknown>, secret: string): string {
  const head = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = base64url(JSON.stringify(payload));
  return `${head}.${body}.${base64url(sign(`${head}.${body}`, secret))}`;
}

/** Reads a JWT's payload without checking its signature (to find the issuer's key first). */
export function decodeJwtUnverified(token: string): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3)
    throw new JwtError('square/go-jose: compact JWS format must have three parts');
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0] ?? '', 'base64url').toString('utf8'));
    const payload: unknown = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
    if (!isObject(header) || !isObject(payload)) throw new JwtError('square/go-jose: invalid JSON');
    return payload;
  } catch (err) {
    if (err instanceof JwtError) throw err;
    throw new JwtError('square/go-jose: invalid JSON');
  }
}

/** Verifies signature, algorithm, `exp` and `nbf` (with LiveKit's leeway) and returns the payload. */
export function verifyJwt(
  token: string,
  secret: string,
  nowSeconds = Date.now() / 1000,
): Record<string, unknown> {
  const payload = decodeJwtUnverified(token);
  const [head = '', body = '', signature = ''] = token.split('.');
  const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: unknown };
  if (header.alg !== 'HS256') throw new JwtError('square/go-jose: unexpected signature algorithm');
  const expected = sign(`${head}.${body}`, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new JwtError('square/go-jose: error in cryptographic primitive');
  }
  const exp = payload['exp'];
  const nbf = payload['nbf'];
  if (typeof exp === 'number' && nowSeconds > exp + CLOCK_LEEWAY_SECONDS) {
    throw new JwtError('square/go-jose/jwt: validation failed, token is expired (exp)');
  }
  if (typeof nbf === 'number' && nowSeconds < nbf - CLOCK_LEEWAY_SECONDS) {
    throw new JwtError('square/go-jose/jwt: validation failed, token not valid yet (nbf)');
  }
  return payload;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
