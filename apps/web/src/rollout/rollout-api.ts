// The rollout endpoints behind the admin page: read the rollout, change the LiveKit switch and
// percentage (operators), and pin a facility to a provider (facility admins and operators).
import type { RolloutState, UpdateRolloutBody } from '@openconnect/contracts';
import { apiFetch as browserApiFetch, type createApiFetch } from '../api/client.ts';

export type ProviderChoice = 'p2p' | 'livekit';

export interface RolloutApi {
  get(): Promise<RolloutState>;
  update(body: UpdateRolloutBody): Promise<RolloutState>;
  setOverride(facilityId: string, override: ProviderChoice | null): Promise<RolloutState>;
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
