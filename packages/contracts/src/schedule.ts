// Scheduled visits: a visit may have a start and an end, read in its facility's time zone. The
// facility says how long before the start its waiting room opens and whether staff may extend a
// visit past its end. Rules shared by the server (validation) and the web app (forms, countdown).
import { z } from 'zod';
import { PlainText } from './text.ts';

/** Longest a scheduled visit may be booked for: a long day's session, not a standing room. */
export const MAX_VISIT_MINUTES = 12 * 60;
/** Most minutes staff may add to one visit in total. */
export const MAX_EXTENSION_MINUTES = 120;
/** How far ahead a visit may be booked. */
export const MAX_BOOKING_DAYS = 366;
/** From this long before the end, everyone in the call sees how long is left. */
export const COUNTDOWN_FROM_MS = 300_000;

// Area/Location[/Sublocation] or a single word such as UTC; what Intl then has to know.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

/** Whether `name` is an IANA time zone this runtime knows ("Europe/London", "UTC"). */
export function isTimeZone(name: string): boolean {
  if (!ZONE_NAME.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name. */
export const TimeZone = z
  .string()
  .trim()
  .max(64)
  .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/London or UTC' });

/** `hard`: a visit ends at its end; `extendable`: staff may add 5 or 15 minutes at a time. */
export const EndPolicy = z.enum(['hard', 'extendable']);
export type EndPolicy = z.infer<typeof EndPolicy>;

/** Minutes before the start that the waiting room opens: 0 (at the start) to 4 hours. */
export const WaitingRoomOpensMinutes = z.number().int().min(0).max(240);

/** A facility's schedule settings, as staff change them (admins only). */
export const FacilitySettingsBody = z
  .strictObject({
    timezone: TimeZone.optional(),
    waitingRoomOpensMinutes: WaitingRoomOpensMinutes.optional(),
    endPolicy: EndPolicy.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Change at least one setting.' });
export type FacilitySettingsBody = z.infer<typeof FacilitySettingsBody>;

/** A time with its offset ("2026-03-01T14:30:00+00:00"): never a local time without a zone. */
export const ScheduleTime = z.iso.datetime({ offset: true });

/** Changes to a visit that has not ended: its title, and its start and end (null clears both). */
export const UpdateVisitBody = z
  .strictObject({
    title: PlainText({ max: 200 }).optional(),
    scheduledStart: ScheduleTime.nullable().optional(),
    scheduledEnd: ScheduleTime.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Change at least one field.' });
export type UpdateVisitBody = z.infer<typeof UpdateVisitBody>;

/** Staff add 5 or 15 minutes to a visit's end, where the facility allows it. */
export const ExtendVisitBody = z.strictObject({
  minutes: z.union([z.literal(5), z.literal(15)], { error: 'minutes must be 5 or 15' }),
});
export type ExtendVisitBody = z.infer<typeof ExtendVisitBody>;

/** A scheduled visit nobody came to: its end passed and no visitor ever joined it. */
export const NoShow = z.object({
  visitId: z.uuid(),
  title: z.string(),
  scheduledStart: z.iso.datetime(),
  scheduledEnd: z.iso.datetime(),
  /** Whether anyone at all, staff included, joined. */
  staffJoined: z.boolean(),
});
export type NoShow = z.infer<typeof NoShow>;

export const NoShowsQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
});

/**
 * What is wrong with a start and end, or undefined when they may be booked: an end needs a start,
 * comes after it, and the visit lasts at most MAX_VISIT_MINUTES.
 */
export function scheduleIssue(
  start: string | Date | null | undefined,
  end: string | Date | null | undefined,
): { field: 'scheduledStart' | 'scheduledEnd'; message: string } | undefined {
  if (!end) return undefined;
  if (!start) return { field: 'scheduledStart', message: 'A visit with an end needs a start.' };
  const ms = new Date(end).getTime() - new Date(start).getTime();
  if (!(ms > 0)) return { field: 'scheduledEnd', message: 'The end must be after the start.' };
  if (ms > MAX_VISIT_MINUTES * 60_000)
    return {
      field: 'scheduledEnd',
      message: `A visit lasts at most ${MAX_VISIT_MINUTES / 60} hours.`,
    };
  return undefined;
}
