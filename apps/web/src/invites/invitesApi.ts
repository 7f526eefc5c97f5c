// Invite links: staff create and list them; visitors look one up by its code (no sign-in).
import type { Invite, InviteKind, InviteLanding } from '@openconnect/contracts';
import { apiFetch } from '../api/client.ts';

/** Creates a new invite link for a visit: for one person, or shared (the server's default). */
export function createInvite(visitId: string, kind?: InviteKind): Promise<Invite> {
  return apiFetch<Invite>(`/visits/${encodeURIComponent(visitId)}/invites`, {
    method: 'POST',
    body: kind === undefined ? {} : { kind },
  });
}

/** Lists a visit's invite links, revoked and expired ones included. */
export function listInvites(visitId: string): Promise<Invite[]> {
  return apiFetch<Invite[]>(`/visits/${encodeURIComponent(visitId)}/invites`);
}

/** What an invite link shows a visitor. Public: needs no session. */
export function getInviteLanding(code: string, signal?: AbortSignal): Promise<InviteLanding> {
  return apiFetch<InviteLanding>(`/invites/${encodeURIComponent(code)}`, { signal });
}
