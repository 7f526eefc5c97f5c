// Facilities: the clinics, care homes and institutions that host visits.
import { z } from 'zod';
import { Id } from './ids.ts';

export const Facility = z.object({
  id: Id,
  name: z.string(),
  timezone: z.string(),
  createdAt: z.iso.datetime(),
});
export type Facility = z.infer<typeof Facility>;

export const CreateFacilityBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  timezone: z.string().trim().min(1).max(64).default('UTC'),
});
export type CreateFacilityBody = z.infer<typeof CreateFacilityBody>;
