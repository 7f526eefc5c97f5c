// Visits of a facility: list, create, end.
import type { CreateVisitBody, Visit, VisitStatus } from '@openconnect/contracts';
import { apiFetch } from '../api/client.ts';

/** Lists a facility's visits, optionally of one status. */
export function listVisits(
  facilityId: string,
  options: { status?: VisitStatus; signal?: AbortSignal } = {},
): Promise<Visit[]> {
  return apiFetch<Visit[]>('/visits', {
    query: { facilityId, status: options.status },
    signal: options.signal,
  });
}

/** Creates a visit. */
export function createVisit(body: CreateVisitBody): Promise<Visit> {
  return apiFetch<Visit>('/visits', { method: 'POST', body });
}

/** Ends a visit for everyone in it. */
export function endVisit(visitId: string): Promise<Visit> {
  return apiFetch<Visit>(`/visits/${encodeURIComponent(visitId)}/end`, { method: 'POST' });
}
