// Adding someone to a call (staff only; apart from invitesApi.ts, which the visitor's landing
// page loads): a role invite for the visit, and how full its call is.
import type { AddedPerson, AddPersonBody, CallCapacity } from '@openconnect/contracts';
import { apiFetch } from '../api/client.ts';

const id = encodeURIComponent;

/** Creates the invite of a person added to a visit's call. */
export function addPerson(visitId: string, body: AddPersonBody): Promise<AddedPerson> {
  return apiFetch<AddedPerson>(`/visits/${id(visitId)}/people`, { method: 'POST', body });
}

/** How full a visit's call is, by its provider's limit. */
export function callCapacity(visitId: string): Promise<CallCapacity> {
  return apiFetch<CallCapacity>(`/visits/${id(visitId)}/capacity`);
}
