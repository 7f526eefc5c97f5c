// Rollout administration: the LiveKit switch and percentage, each facility's override and what
// it resolves to; and the timing reports browsers send.
import { z } from 'zod';
import { Id } from './ids.ts';
import { ProviderType as Choice } from './providers.ts';

export const FacilityRollout = z.object({
  facilityId: Id,
  name: z.string(),
  override: Choice.nullable(),
  /** Stable 0–99 bucket: in the percentage rollout when below the percentage. */
  bucket: z.number().int(),
  effectiveProvider: Choice,
  reason: z.enum(['gate_closed', 'override', 'rollout', 'default', 'error']),
});
export type FacilityRollout = z.infer<typeof FacilityRollout>;

export const RolloutState = z.object({
  /** FEATURE_LIVEKIT as configured. */
  livekitConfigured: z.boolean(),
  /** The operator's switch; null follows FEATURE_LIVEKIT. */
  livekitSwitch: z.boolean().nullable(),
  livekitEnabled: z.boolean(),
  /** Whether a LiveKit server is configured and running for this deployment. */
  livekitAvailable: z.boolean(),
  circuit: z.record(z.string(), z.enum(['closed', 'half_open', 'open'])),
  defaultProvider: Choice,
  percentage: z.number().int().min(0).max(100),
  canOperate: z.boolean(),
  facilities: z.array(FacilityRollout),
});
export type RolloutState = z.infer<typeof RolloutState>;

export const UpdateRolloutBody = z
  .strictObject({
    /** true / false to switch LiveKit on or off for new visits everywhere; null to follow FEATURE_LIVEKIT. */
    livekitEnabled: z.boolean().nullable().optional(),
    percentage: z.number().int().min(0).max(100).optional(),
  })
  .refine((b) => b.livekitEnabled !== undefined || b.percentage !== undefined, {
    message: 'Give livekitEnabled or percentage.',
  });
export type UpdateRolloutBody = z.infer<typeof UpdateRolloutBody>;

export const FacilityOverrideBody = z.strictObject({ override: Choice.nullable() });

export const TelemetryBody = z.strictObject({
  provider: Choice,
  kind: z.enum(['time_to_connected', 'time_to_first_frame', 'reconnect']),
  /** Milliseconds, for the two timings. */
  valueMs: z.number().min(0).max(600_000).optional(),
});
export type TelemetryBody = z.infer<typeof TelemetryBody>;
