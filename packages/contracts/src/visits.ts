// Visits (rooms): what staff schedule and visitors join.
import { z } from 'zod';
import { PlainText } from './text.ts';
import { Id } from './ids.ts';
import { ProviderType } from './providers.ts';

export const VisitStatus = z.enum(['scheduled', 'live', 'ended']);
export type VisitStatus = z.infer<typeof VisitStatus>;

export const Visit = z.object({
  id: Id,
  facilityId: Id,
  title: z.string(),
  status: VisitStatus,
  provider: ProviderType.nullable(),
  scheduledStart: z.iso.datetime().nullable(),
  scheduledEnd: z.iso.datetime().nullable(),
  createdBy: Id,
  createdAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
});
export type Visit = z.infer<typeof Visit>;

export const CreateVisitBody = z
  .strictObject({
    facilityId: Id,
    title: PlainText({ max: 200 }),
    scheduledStart: z.iso.datetime({ offset: true }).optional(),
    scheduledEnd: z.iso.datetime({ offset: true }).optional(),
  })
  .refine(
    (v) =>
      !v.scheduledStart ||
      !v.scheduledEnd ||
      Date.parse(v.scheduledEnd) > Date.parse(v.scheduledStart),
    { message: 'scheduledEnd must be after scheduledStart', path: ['scheduledEnd'] },
  );
export type CreateVisitBody = z.infer<typeof CreateVisitBody>;

export const ListVisitsQuery = z.strictObject({
  facilityId: Id,
  status: VisitStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListVisitsQuery = z.infer<typeof ListVisitsQuery>;
