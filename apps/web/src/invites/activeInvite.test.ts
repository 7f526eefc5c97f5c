import { describe, expect, it } from 'vitest';
import type { Invite } from '@openconnect/contracts';
import { pickActiveInvite } from './activeInvite.ts';

const now = Date.parse('2026-03-01T12:00:00Z');
const hour = 60 * 60 * 1000;

function invite(id: string, createdAt: number, expiresAt: number, revoked = false): Invite {
  return {
    id,
    visitId: 'visit',
    kind: 'shared',
    code: `code-${id}-0123456789abcdef`,
    url: `http://127.0.0.1/join/${id}`,
    createdAt: new Date(createdAt).toISOString(),
    expiresAt: new Date(expiresAt).toISOString(),
    revokedAt: revoked ? new Date(createdAt + 1000).toISOString() : null,
  };
}

describe('pickActiveInvite', () => {
  it('picks the newest link that still works', () => {
    const older = invite('older', now - 3 * hour, now + 20 * hour);
    const newer = invite('newer', now - hour, now + 22 * hour);
    expect(pickActiveInvite([older, newer], now)?.id).toBe('newer');
  });

  it('skips revoked links and links that expire within the hour', () => {
    const revoked = invite('revoked', now - hour, now + 20 * hour, true);
    const expiring = invite('expiring', now - 2 * hour, now + hour / 2);
    const expired = invite('expired', now - 30 * hour, now - hour);
    expect(pickActiveInvite([revoked, expiring, expired], now)).toBeUndefined();
  });

  it('finds nothing in an empty list', () => {
    expect(pickActiveInvite([], now)).toBeUndefined();
  });
});
