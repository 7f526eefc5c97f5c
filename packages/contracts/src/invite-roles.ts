// Who an extra person added to a call is (interpreter, relative, colleague): stored with their
// invite and carried in their participant identity (`interpreter-<entry id>`), so the call's tiles
// on every provider and the staff queue can label them without provider metadata. Zod-free: the
// call screen reads it.

/** The roles staff can give a person they add to a call. */
export const INVITE_ROLES = ['interpreter', 'relative', 'colleague'] as const;
export type InviteRole = (typeof INVITE_ROLES)[number];

/** The participant identity of a waiting-room entry: its role (or `visitor`) and its id. */
export function identityFor(entryId: string, role: InviteRole | null | undefined): string {
  return `${role ?? 'visitor'}-${entryId}`;
}

/** The role an identity was given when its person was added to a call, if any. */
export function roleOfIdentity(identity: string): InviteRole | undefined {
  const prefix = identity.slice(0, identity.indexOf('-'));
  return (INVITE_ROLES as readonly string[]).includes(prefix) ? (prefix as InviteRole) : undefined;
}
