// A facility's day plan: today's and tomorrow's scheduled visits, in its own time zone (a file of
// its own because it holds Visit, whose create body uses the schedule rules).
import { z } from 'zod';
import { Visit } from './visits.ts';

/** One day of a facility's scheduled visits, in its time zone. */
export const ScheduleDay = z.object({
  /** The calendar date in the facility's time zone, YYYY-MM-DD. */
  date: z.string(),
  /** The visits starting that day, earliest first (ended ones included). */
  visits: z.array(Visit),
});

/** GET /facilities/:id/schedule: today's and tomorrow's visits in the facility's time zone. */
export const FacilitySchedule = z.object({
  timeZone: z.string(),
  today: ScheduleDay,
  tomorrow: ScheduleDay,
});
export type FacilitySchedule = z.infer<typeof FacilitySchedule>;
