// Moving a waiting visitor to another visit of the same facility (staff only).
import type { LobbyEntry } from '@openconnect/contracts';
import { apiFetch } from '../api/client.ts';

/** Moves a waiting entry to `visitId`; the answer is the entry under its new visit. */
export function transferEntry(entryId: string, visitId: string): Promise<LobbyEntry> {
  return apiFetch<LobbyEntry>(`/lobby/${encodeURIComponent(entryId)}/transfer`, {
    method: 'POST',
    body: { visitId },
  });
}
