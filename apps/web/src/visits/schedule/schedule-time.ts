// Times of a scheduled visit as people read them: clock times in the facility's time zone (never
// the reader's own, which may differ), and what the visitor's page says before the waiting room
// opens. Pure functions: the time is always passed in.

/** A clock time such as "14:30" in `timeZone` (24-hour, as the invitation says it). */
export function clockTime(iso: string, timeZone: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(iso));
}

/** The calendar date of an instant in `timeZone`, as YYYY-MM-DD (for "is it today there?"). */
export function dateIn(iso: string | number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(iso));
}

/** A day such as "Monday 7 December", in `timeZone`. */
export function dayName(iso: string, timeZone: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone,
  }).format(new Date(iso));
}

/** What the visitor's page says before the waiting room opens. */
export interface BeforeStartText {
  /** "14:30", or with its day when that is not today in the facility's zone. */
  begins: string;
  opens: string;
  /** Whether `begins` carries a day ("on Monday 7 December at 14:30"). */
  onAnotherDay: boolean;
  timeZone: string;
}

/** The times the before-start page shows, read in the facility's zone at `now`. */
export function beforeStartText(
  start: string,
  opensAt: string,
  timeZone: string,
  now: number,
): BeforeStartText {
  const onAnotherDay = dateIn(start, timeZone) !== dateIn(now, timeZone);
  const time = clockTime(start, timeZone);
  return {
    begins: onAnotherDay ? `${dayName(start, timeZone)}, ${time}` : time,
    opens: clockTime(opensAt, timeZone),
    onAnotherDay,
    timeZone,
  };
}

/** How long until `opensAt` the page should wait before opening by itself (never below 1 s). */
export function msUntilOpen(opensAt: string, now: number): number {
  return Math.max(1_000, Date.parse(opensAt) - now);
}
