// The schedule calls staff pages make: extend a visit, a facility's day plan, its settings.
import type {
  Facility,
  FacilitySchedule,
  FacilitySettingsBody,
  Visit,
} from '@openconnect/contracts';
import { apiFetch } from '../../api/client.ts';

const id = encodeURIComponent;

export const scheduleApi = {
  extend: (visitId: string, minutes: 5 | 15) =>
    apiFetch<Visit>(`/visits/${id(visitId)}/extend`, { method: 'POST', body: { minutes } }),
  daysOf: (facilityId: string, signal?: AbortSignal) =>
    apiFetch<FacilitySchedule>(`/facilities/${id(facilityId)}/schedule`, { signal }),
  updateSettings: (facilityId: string, body: FacilitySettingsBody) =>
    apiFetch<Facility>(`/facilities/${id(facilityId)}/settings`, { method: 'PATCH', body }),
};
