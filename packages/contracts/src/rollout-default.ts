// The default switch: the criteria that say whether LiveKit is stable enough to become the
// default provider, the default as it is and who set it, and which facilities stay on p2p and why.
import { z } from 'zod';
import { Id } from './ids.ts';
import { ProviderType as Choice } from './providers.ts';

export const StabilityCriterionId = z.enum([
  'join_failure_rate',
  'fallback_rate',
  'first_frame_p95',
  'feedback',
]);
export type StabilityCriterionId = z.infer<typeof StabilityCriterionId>;

/** met / not met, or not enough data: fewer samples than the minimum (or none collected at all). */
export const CriterionStatus = z.enum(['met', 'not_met', 'no_data']);
export type CriterionStatus = z.infer<typeof CriterionStatus>;

export const StabilityCriterion = z.object({
  id: StabilityCriterionId,
  status: CriterionStatus,
  /** The measured value (unit below), or null when nothing was measured. */
  value: z.number().nullable(),
  /** The most the value may be for the criterion to be met; null when there is no threshold. */
  threshold: z.number().nullable(),
  unit: z.enum(['percent', 'seconds']).nullable(),
  samples: z.number().int().min(0),
  minSamples: z.number().int().min(0),
  /**
   * Where it is measured: the database over the window and the group (`facilities`), or browser
   * reports to this server instance since it started, for every facility (`this_instance`).
   */
  source: z.enum(['facilities', 'this_instance']),
});
export type StabilityCriterion = z.infer<typeof StabilityCriterion>;

export const StabilityReport = z.object({
  windowDays: z.number().int(),
  since: z.iso.datetime(),
  /** How many facilities the group has (all facilities, or those asked for). */
  facilityCount: z.number().int().min(0),
  criteria: z.array(StabilityCriterion),
  /** `stable` only when every criterion is met. */
  verdict: z.enum(['stable', 'not_stable', 'not_enough_data']),
});
export type StabilityReport = z.infer<typeof StabilityReport>;

export const StabilityQuery = z.object({
  /** Narrows the group to these facilities (comma-separated ids); all facilities by default. */
  facilityIds: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').filter((id) => id !== '') : undefined))
    .pipe(z.array(Id).max(500).optional()),
});

/** Why a facility's new visits go to p2p. */
export const P2pReason = z.enum(['override', 'gate_closed', 'default', 'fallback']);
export type P2pReason = z.infer<typeof P2pReason>;

export const P2pFacility = z.object({ facilityId: Id, name: z.string(), reason: P2pReason });
export type P2pFacility = z.infer<typeof P2pFacility>;

export const DefaultProviderState = z.object({
  /** The default new visits get when nothing else decides. */
  provider: Choice,
  /** `operator`: set by the default switch; `config`: PROVIDER_TYPE. */
  source: z.enum(['operator', 'config']),
  /** PROVIDER_TYPE as configured. */
  configured: Choice,
  changedAt: z.iso.datetime().nullable(),
  changedBy: z.string().nullable(),
  /**
   * The one change on offer: to `livekit` (the switch) or back to `p2p` (the rollback), each with
   * the percentage set to 0; and the facilities whose new visits would change provider by it.
   */
  change: z.object({
    to: Choice,
    affected: z.array(z.object({ facilityId: Id, name: z.string() })),
  }),
  /** Facilities whose new visits go to p2p now, and why. */
  p2pFacilities: z.array(P2pFacility),
});
export type DefaultProviderState = z.infer<typeof DefaultProviderState>;

export const SetDefaultProviderBody = z.strictObject({
  /** `livekit`: the switch; `p2p`: the rollback; null: follow PROVIDER_TYPE again. */
  provider: Choice.nullable(),
});
export type SetDefaultProviderBody = z.infer<typeof SetDefaultProviderBody>;
