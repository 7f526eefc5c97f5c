// Which of a visit's invite links staff should be shown: the newest one that still works.
import type { Invite } from '@openconnect/contracts';

/** Links with less time left than this are not offered again; a fresh one is made instead. */
export const MIN_REMAINING_MS = 60 * 60 * 1000;

/** The newest invite that is not revoked and has at least an hour left, if any. */
export function pickActiveInvite(invites: readonly Invite[], now = Date.now()): Invite | undefined {
  return invites
    .filter((invite) => !invite.revokedAt && Date.parse(invite.expiresAt) - now >= MIN_REMAINING_MS)
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
}
