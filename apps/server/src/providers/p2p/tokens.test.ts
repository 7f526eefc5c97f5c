import { describe, expect, it } from 'vitest';
import { SignalingTokens } from './tokens.ts';

const secret = 'a-test-secret-that-is-long-enough-0123';
const subject = { room: 'room-1', identity: 'staff-1', role: 'host', name: 'Nurse Joy' } as const;

describe('SignalingTokens', () => {
  it('verifies a token it issued and returns its claims', () => {
    const tokens = new SignalingTokens(secret, 600);
    const { token, claims } = tokens.issue(subject);
    expect(tokens.verify(token)).toEqual({ ok: true, claims });
    expect(claims).toMatchObject(subject);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives every token its own id', () => {
    const tokens = new SignalingTokens(secret);
    expect(tokens.issue(subject).claims.jti).not.toBe(tokens.issue(subject).claims.jti);
  });

  it('rejects a token whose claims were changed', () => {
    const tokens = new SignalingTokens(secret);
    const { token } = tokens.issue(subject);
    const [body, signature] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, room: 'room-2' })).toString('base64url');
    expect(tokens.verify(`${forged}.${signature}`)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects a token signed with another secret', () => {
    const { token } = new SignalingTokens(`${secret}-other`).issue(subject);
    expect(new SignalingTokens(secret).verify(token)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects garbage', () => {
    const tokens = new SignalingTokens(secret);
    for (const garbage of ['', '.', 'abc', 'a.b.c', '.sig', '%%%.@@@']) {
      expect(tokens.verify(garbage)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('reports an expired token as expired', () => {
    let now = 1_700_000_000_000;
    const tokens = new SignalingTokens(secret, 60, () => now);
    const { token } = tokens.issue(subject);
    now += 59_000;
    expect(tokens.verify(token).ok).toBe(true);
    now += 1_000;
    expect(tokens.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a short secret and a lifetime beyond ten minutes', () => {
    expect(() => new SignalingTokens('short')).toThrow(/at least 32/);
    expect(() => new SignalingTokens(secret, 601)).toThrow(/1\.\.600 seconds/);
  });

  it('expire by a scheduled visit’s end when it comes before their own lifetime', () => {
    const now = Date.parse('2026-07-01T12:00:00Z');
    const tokens = new SignalingTokens(secret, 600, () => now);
    const capped = tokens.issue(subject, new Date('2026-07-01T12:02:00Z'));
    expect(capped.claims.exp).toBe(now / 1000 + 120);
    expect(tokens.issue(subject, new Date('2026-07-01T18:00:00Z')).claims.exp).toBe(
      now / 1000 + 600,
    );
    // An end already reached still gives a token that is dead within a second, never a longer one.
    expect(tokens.issue(subject, new Date(now - 5_000)).claims.exp).toBe(now / 1000 + 1);
  });
});
