// The facilities the signed-in staff member works at.
import type { Facility } from '@openconnect/contracts';
import { apiFetch } from '../api/client.ts';

/** Lists the signed-in staff member's facilities. */
export function listFacilities(signal?: AbortSignal): Promise<Facility[]> {
  return apiFetch<Facility[]>('/facilities', { signal });
}
