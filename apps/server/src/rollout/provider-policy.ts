// The one rule that picks a video provider for a facility. Pure: the inputs come from config and
// the database, the answer is a provider type and the reason for it.
import { createHash } from 'node:crypto';

export type ProviderChoice = 'p2p' | 'livekit';

export interface RolloutInputs {
  /** PROVIDER_TYPE: the default for facilities without an override. */
  defaultProvider: ProviderChoice;
  /** The global LiveKit gate (FEATURE_LIVEKIT, or the operator's switch that overrides it). */
  livekitEnabled: boolean;
  /** The facility's own setting, if any. */
  override: ProviderChoice | null;
  /** Share of facilities (0–100) moved to LiveKit by the percentage rollout. */
  percentage: number;
  facilityId: string;
}

export type DecisionReason = 'gate_closed' | 'override' | 'rollout' | 'default';

export interface Decision {
  provider: ProviderChoice;
  reason: DecisionReason;
}

/**
 * A facility's stable bucket, 0–99, from the SHA-256 of its id. Raising the percentage only ever
 * adds facilities: a facility is in the rollout when its bucket is below the percentage.
 */
export function rolloutBucket(facilityId: string): number {
  return createHash('sha256').update(facilityId).digest().readUInt32BE(0) % 100;
}

/** Decides a facility's provider. The global gate wins over everything. */
export function decideProvider(inputs: RolloutInputs): Decision {
  if (!inputs.livekitEnabled) return { provider: 'p2p', reason: 'gate_closed' };
  if (inputs.override) return { provider: inputs.override, reason: 'override' };
  if (rolloutBucket(inputs.facilityId) < inputs.percentage)
    return { provider: 'livekit', reason: 'rollout' };
  return { provider: inputs.defaultProvider, reason: 'default' };
}
