// Scheduled visits: when a visit's waiting room opens, when its credentials must stop, the day
// boundaries of a facility's time zone, and the checks on a start and end that staff book.
// The functions at the top are pure (times in, times out); the rest read the database.
import { MAX_BOOKING_DAYS, scheduleIssue, type NoShow } from '@openconnect/contracts';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';

/** When the waiting room of a visit starting at `start` opens; null for an unscheduled visit. */
export function waitingRoomOpensAt(start: Date | null, opensMinutesBefore: number): Date | null {
  return start ? new Date(start.getTime() - opensMinutesBefore * 60_000) : null;
}

/** Whether the waiting room is open at `now`: always for an unscheduled visit. */
export function isWaitingRoomOpen(
  start: Date | null,
  opensMinutesBefore: number,
  now: Date,
): boolean {
  const opens = waitingRoomOpensAt(start, opensMinutesBefore);
  return !opens || now.getTime() >= opens.getTime();
}

/** The offset of `zone` from UTC at `at`, in milliseconds (positive east of Greenwich). */
export function zoneOffsetMs(zone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * Midnight that begins the day `at` falls on in `zone`, `addDays` days later, as an instant.
 * Two passes settle the offset when a clock change lies between `at` and that midnight.
 */
export function startOfDay(zone: string, at: Date, addDays = 0): Date {
  const local = new Date(at.getTime() + zoneOffsetMs(zone, at));
  const midnight = Date.UTC(
    local.getUTCFullYear(),
    local.getUTCMonth(),
    local.getUTCDate() + addDays,
  );
  let guess = midnight - zoneOffsetMs(zone, new Date(midnight));
  guess = midnight - zoneOffsetMs(zone, new Date(guess));
  return new Date(guess);
}

/**
 * Checks a start and end staff book at `now`: the shared rules (an end needs a start, comes after
 * it, at most 12 hours), an end still ahead, and a start at most a year away. VALIDATION_FAILED
 * with the field, never a 500.
 */
export function assertBookable(start: Date | null, end: Date | null, now: Date): void {
  const issue = scheduleIssue(start, end);
  if (issue) throw invalid(issue.field, issue.message);
  if (end && end.getTime() <= now.getTime())
    throw invalid('scheduledEnd', 'The end has already passed; choose a later time.');
  if (start && start.getTime() > now.getTime() + MAX_BOOKING_DAYS * 86_400_000)
    throw invalid(
      'scheduledStart',
      `A visit can be booked at most ${MAX_BOOKING_DAYS} days ahead.`,
    );
}

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { issues: [{ path: field, message }] });
}

/** The facility settings and times of one visit that the waiting room and joins go by. */
export async function visitSchedule(deps: Pick<Services, 'db'>, roomId: string) {
  return deps.db
    .selectFrom('rooms')
    .innerJoin('facilities', 'facilities.id', 'rooms.facility_id')
    .select([
      'rooms.scheduled_start',
      'rooms.scheduled_end',
      'facilities.timezone',
      'facilities.waiting_room_opens_minutes',
      'facilities.end_policy',
    ])
    .where('rooms.id', '=', roomId)
    .executeTakeFirst();
}

/** Refuses a knock before the visit's waiting room opens (CONFLICT, saying when it opens). */
export async function assertWaitingRoomOpen(
  deps: Pick<Services, 'db'>,
  roomId: string,
  now = new Date(),
): Promise<void> {
  const visit = await visitSchedule(deps, roomId);
  if (!visit) return;
  const opens = waitingRoomOpensAt(visit.scheduled_start, visit.waiting_room_opens_minutes);
  if (opens && now.getTime() < opens.getTime()) {
    throw new AppError(
      'CONFLICT',
      `The waiting room opens at ${opens.toISOString()}, ${visit.waiting_room_opens_minutes} minutes before the visit begins.`,
      { opensAt: opens.toISOString() },
    );
  }
}

/** When an admitted visitor's visit ends (extensions included), or null when it has no end. */
export async function visitEndsAt(
  deps: Pick<Services, 'db'>,
  roomId: string,
): Promise<string | null> {
  const row = await deps.db
    .selectFrom('rooms')
    .select('scheduled_end')
    .where('id', '=', roomId)
    .executeTakeFirst();
  return row?.scheduled_end?.toISOString() ?? null;
}

/**
 * Scheduled visits of a facility whose end fell in [from, to) and already passed, that no
 * visitor ever joined: the no-shows. Whether staff joined is kept, to tell "nobody came" from
 * "staff waited alone".
 */
export async function noShows(
  deps: Pick<Services, 'db'>,
  facilityId: string,
  range: { from: Date; to: Date },
  now = new Date(),
): Promise<NoShow[]> {
  const until = range.to.getTime() < now.getTime() ? range.to : now;
  const rows = await deps.db
    .selectFrom('rooms as r')
    .select(['r.id', 'r.title', 'r.scheduled_start', 'r.scheduled_end'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('participants as p')
            .select('p.id')
            .whereRef('p.room_id', '=', 'r.id')
            .where('p.role', '=', 'host')
            .where('p.joined_at', 'is not', null),
        )
        .as('staff_joined'),
    )
    .where('r.facility_id', '=', facilityId)
    .where('r.scheduled_start', 'is not', null)
    .where('r.scheduled_end', '>=', range.from)
    .where('r.scheduled_end', '<', until)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('participants as v')
            .select('v.id')
            .whereRef('v.room_id', '=', 'r.id')
            .where('v.role', '=', 'visitor')
            .where('v.joined_at', 'is not', null),
        ),
      ),
    )
    .orderBy('r.scheduled_start')
    .limit(1000)
    .execute();
  return rows.flatMap((r) =>
    r.scheduled_start && r.scheduled_end
      ? [
          {
            visitId: r.id,
            title: r.title,
            scheduledStart: r.scheduled_start.toISOString(),
            scheduledEnd: r.scheduled_end.toISOString(),
            staffJoined: Boolean(r.staff_joined),
          },
        ]
      : [],
  );
}

/** What an invite page shows of a visit's schedule: its end, its zone, and when it opens. */
export async function landingSchedule(
  deps: Pick<Services, 'db'>,
  roomId: string,
  now = new Date(),
): Promise<{ scheduledEnd: string | null; timeZone: string; opensAt: string | null }> {
  const visit = await visitSchedule(deps, roomId);
  const opens = visit
    ? waitingRoomOpensAt(visit.scheduled_start, visit.waiting_room_opens_minutes)
    : null;
  return {
    scheduledEnd: visit?.scheduled_end?.toISOString() ?? null,
    timeZone: visit?.timezone ?? 'UTC',
    opensAt: opens && opens.getTime() > now.getTime() ? opens.toISOString() : null,
  };
}
