// Time-limited TURN credentials, in the "TURN REST API" scheme that coturn's `use-auth-secret`
// checks: username = "<expiry unix seconds>:<identity>", credential = base64(HMAC-SHA1(secret,
// username)). The TURN server shares only the secret with us; it refuses a username whose expiry
// has passed, so nothing has to be stored or revoked.
import { createHmac } from 'node:crypto';
import type { IceServer } from '@openconnect/contracts';

export interface TurnSettings {
  /** turn: / turns: URLs of one TURN deployment that shares `secret`. */
  urls: string[];
  /** coturn's `static-auth-secret`. */
  secret: string;
  /** Longest lifetime of one credential, in seconds. */
  ttlSeconds: number;
}

/** The coturn credential of `username`: base64(HMAC-SHA1(secret, username)). */
export function turnCredential(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username, 'utf8').digest('base64');
}

/**
 * The ICE server entry for one participant: valid for `ttlSeconds` from `nowMs`, and never past
 * `notAfter` (seconds since the epoch: the expiry of the join token it is issued with).
 */
export function turnIceServer(
  settings: TurnSettings,
  identity: string,
  notAfter: number,
  nowMs: number = Date.now(),
): IceServer & { username: string; credential: string } {
  const expiry = Math.min(Math.floor(nowMs / 1000) + settings.ttlSeconds, notAfter);
  const username = `${expiry}:${identity}`;
  return {
    urls: settings.urls.length === 1 ? settings.urls[0]! : [...settings.urls],
    username,
    credential: turnCredential(settings.secret, username),
  };
}
