// Facilities: the clinics, care homes and institutions that host visits.
import { z } from 'zod';
import { PlainText } from './text.ts';
import { Id } from './ids.ts';
import { ProviderType } from './providers.ts';
import { EndPolicy, TimeZone } from './schedule.ts';

export const Facility = z.object({
  id: Id,
  name: z.string(),
  /** IANA time zone that the facility's visit times are read in. */
  timezone: z.string(),
  createdAt: z.iso.datetime(),
  /** Minutes before a scheduled start that the waiting room opens (always sent). */
  waitingRoomOpensMinutes: z.number().int().optional(),
  /** Whether visits end hard at their end or staff may extend them (always sent). */
  endPolicy: EndPolicy.optional(),
});
export type Facility = z.infer<typeof Facility>;

/**
 * The video provider a facility's new visits use now, and the rule that chose it: the global
 * LiveKit gate closed, the facility's own setting, the percentage rollout, or the default
 * (PROVIDER_TYPE); `fallback` when the chosen provider is unavailable and the legacy one took over.
 */
export const FacilityVideo = z.object({
  provider: ProviderType,
  reason: z.enum(['gate_closed', 'override', 'rollout', 'default']),
  fallback: z
    .object({
      from: ProviderType,
      reason: z.enum(['not_enabled', 'circuit_open', 'error']),
    })
    .optional(),
});
export type FacilityVideo = z.infer<typeof FacilityVideo>;

/** One facility as GET /facilities/:id answers: with its video provider and why. */
export const FacilityDetail = Facility.extend({ video: FacilityVideo });
export type FacilityDetail = z.infer<typeof FacilityDetail>;

export const CreateFacilityBody = z.strictObject({
  name: PlainText({ max: 200 }),
  /** Default: FACILITY_DEFAULT_TIMEZONE (UTC unless configured). */
  timezone: TimeZone.optional(),
});
export type CreateFacilityBody = z.infer<typeof CreateFacilityBody>;
