// Authentication for every entry point (Twirp, signal, validate): token parsing, verification,
// grant checks, and HS256 signing for webhooks and tests.
export type { ClaimGrants, VerifiedToken, VideoGrant } from './claims.ts';
export { CLOCK_LEEWAY_SECONDS, JwtError, decodeJwtUnverified, signJwt, verifyJwt } from './jwt.ts';
export { AuthError, authenticate, findToken, verifyAccessToken } from './tokens.ts';
export type { KeyProvider } from './tokens.ts';
export { canAdmin, canCreate, canList, canRecord, joinableRoom } from './permissions.ts';
