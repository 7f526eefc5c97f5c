// A facility's canned messages: read by every staff page that messages waiting visitors, replaced
// by the facility's administrators.
import type { CannedMessages } from '@openconnect/contracts';
import { apiFetch } from '../api/client.ts';

const path = (facilityId: string) =>
  `/facilities/${encodeURIComponent(facilityId)}/canned-messages`;

export const cannedMessagesApi = {
  get: (facilityId: string) => apiFetch<CannedMessages>(path(facilityId)),
  save: (facilityId: string, messages: string[]) =>
    apiFetch<CannedMessages>(path(facilityId), { method: 'PUT', body: { messages } }),
};
