// Invite links: staff create and list them; visitors look one up by its code (no sign-in).
import type { Invite, InviteLanding } from '@openconnect/contracts';
import { apiFetch } from '../api/client.ts';

/** Creates a new invite link for a visit. */
export function createInvite(visitId: string, expiresInMinutes?: number): Promise<Invite> {
  return apiFetch<Invite>(`/visits/${encodeURIComponent(visitId)}/invites`, {
    method: 'POST',
    body: expiresInMinutes === undefined ? {} : { expiresInMinutes },
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
