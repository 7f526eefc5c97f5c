// Signaling tokens: short-lived, HMAC-SHA256 signed claims that let one identity join one p2p
// room. Format: base64url(JSON claims) "." base64url(signature). Stateless to verify; revocation
// (a kicked participant) is tracked by the seat generation the token carries (`seat`).
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ParticipantRole } from '@openconnect/contracts';

/** Longest lifetime a signaling token may have. */
export const MAX_TOKEN_TTL_SECONDS = 600;

export const TokenClaims = z.strictObject({
  room: z.string().min(1),
  identity: z.string().min(1),
  role: ParticipantRole,
  name: z.string(),
  /** Expiry, seconds since the epoch. */
  exp: z.number().int(),
  jti: z.string().min(1),
  /** The generation of the holder's seat when issued: a removal moves it on (room-store.ts). */
  seat: z.number().int().nonnegative().optional(),
});
export type TokenClaims = z.infer<typeof TokenClaims>;

export type TokenCheck =
  { ok: true; claims: TokenClaims } | { ok: false; reason: 'invalid' | 'expired' };

export class SignalingTokens {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly ttlSeconds: number = MAX_TOKEN_TTL_SECONDS,
    private readonly now: () => number = Date.now,
  ) {
    if (secret.length < 32)
      throw new Error('The signaling token secret must be at least 32 characters.');
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TOKEN_TTL_SECONDS) {
      throw new Error(
        `Signaling tokens live 1..${MAX_TOKEN_TTL_SECONDS} seconds, not ${ttlSeconds}.`,
      );
    }
    this.key = Buffer.from(secret, 'utf8');
  }

  /**
   * Issues a token for one identity of one room, valid for the configured TTL and never past
   * `notAfter` (a scheduled visit's end); at least one second.
   */
  issue(
    subject: Omit<TokenClaims, 'exp' | 'jti'>,
    notAfter?: Date,
  ): { token: string; claims: TokenClaims } {
    const nowSeconds = Math.floor(this.now() / 1000);
    const end = notAfter ? Math.floor(notAfter.getTime() / 1000) : Infinity;
    const claims: TokenClaims = {
      ...subject,
      exp: Math.max(nowSeconds + 1, Math.min(nowSeconds + this.ttlSeconds, end)),
      jti: randomUUID(),
    };
    const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
    return { token: `${body}.${this.sign(body)}`, claims };
  }

  /** Checks the signature, the shape and the expiry of a token. */
  verify(token: string): TokenCheck {
    const dot = token.indexOf('.');
    if (dot <= 0 || dot !== token.lastIndexOf('.')) return { ok: false, reason: 'invalid' };
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.sign(body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'invalid' };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    const claims = TokenClaims.safeParse(parsed);
    if (!claims.success) return { ok: false, reason: 'invalid' };
    if (claims.data.exp * 1000 <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, claims: claims.data };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
