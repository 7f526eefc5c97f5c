// Facilities: the clinics, care homes and institutions that host visits.
import { z } from 'zod';
import { PlainText } from './text.ts';
import { Id } from './ids.ts';

export const Facility = z.object({
  id: Id,
  name: z.string(),
  timezone: z.string(),
  createdAt: z.iso.datetime(),
});
export type Facility = z.infer<typeof Facility>;

export const CreateFacilityBody = z.strictObject({
  name: PlainText({ max: 200 }),
  timezone: PlainText({ max: 64 }).default('UTC'),
});
export type CreateFacilityBody = z.infer<typeof CreateFacilityBody>;
