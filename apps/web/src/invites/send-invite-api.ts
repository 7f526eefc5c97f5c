// Sending an invite link to a person (staff only; kept apart from invitesApi.ts, which the
// visitor's landing page loads).
import type { SendInviteBody, SendInviteResult } from '@openconnect/contracts';
import { apiFetch } from '../api/client.ts';

export function sendInvite(inviteId: string, body: SendInviteBody): Promise<SendInviteResult> {
  return apiFetch<SendInviteResult>(`/invites/${encodeURIComponent(inviteId)}/send`, {
    method: 'POST',
    body,
  });
}
