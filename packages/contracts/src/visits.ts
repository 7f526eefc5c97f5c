// Visits (rooms): what staff schedule and visitors join.
import { z } from 'zod';
import { PlainText } from './text.ts';
import { Id } from './ids.ts';
import { ProviderType } from './providers.ts';
import { scheduleIssue, ScheduleTime } from './schedule.ts';

export const VisitStatus = z.enum(['scheduled', 'live', 'ended']);
export type VisitStatus = z.infer<typeof VisitStatus>;

export const Visit = z.object({
  id: Id,
  facilityId: Id,
  title: z.string(),
  status: VisitStatus,
  provider: ProviderType.nullable(),
  scheduledStart: z.iso.datetime().nullable(),
  /** The end in force: the booked end plus any extensions. */
  scheduledEnd: z.iso.datetime().nullable(),
  /** Minutes staff added to the booked end (always sent; optional for fixtures without it). */
  extendedMinutes: z.number().int().nonnegative().optional(),
  createdBy: Id,
  createdAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
});
export type Visit = z.infer<typeof Visit>;

export const CreateVisitBody = z
  .strictObject({
    facilityId: Id,
    title: PlainText({ max: 200 }),
    scheduledStart: ScheduleTime.optional(),
    scheduledEnd: ScheduleTime.optional(),
  })
  .superRefine((v, ctx) => {
    const issue = scheduleIssue(v.scheduledStart, v.scheduledEnd);
    if (issue) ctx.addIssue({ code: 'custom', message: issue.message, path: [issue.field] });
  });
export type CreateVisitBody = z.infer<typeof CreateVisitBody>;

export const ListVisitsQuery = z.strictObject({
  facilityId: Id,
  status: VisitStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListVisitsQuery = z.infer<typeof ListVisitsQuery>;
