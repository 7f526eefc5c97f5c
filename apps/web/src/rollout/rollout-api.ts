// The rollout endpoints behind the admin page: read the rollout, change the LiveKit switch and
// percentage (operators), and pin a facility to a provider (facility admins and operators).
import type { RolloutState, UpdateRolloutBody } from '@openconnect/contracts';
import type { ProviderName } from '@openconnect/contracts/provider-types';
import { apiFetch as browserApiFetch, type createApiFetch } from '../api/client.ts';

export interface RolloutApi {
  get(): Promise<RolloutState>;
  update(body: UpdateRolloutBody): Promise<RolloutState>;
  /** Pins the facility's new visits to `override`, or back to the rollout with null. */
  setOverride(facilityId: string, override: ProviderName | null): Promise<RolloutState>;
}

/** The rollout API over an API client (the browser's by default; tests pass one on a fake fetch). */
export function createRolloutApi(
  apiFetch: ReturnType<typeof createApiFetch> = browserApiFetch,
): RolloutApi {
  return {
    get: () => apiFetch<RolloutState>('/rollout'),
    update: (body) => apiFetch<RolloutState>('/rollout', { method: 'PUT', body }),
    setOverride: (facilityId, override) =>
      apiFetch<RolloutState>(`/facilities/${encodeURIComponent(facilityId)}/provider-override`, {
        method: 'PUT',
        body: { override },
      }),
  };
}
