// Wall-clock times in a facility's time zone, for staff pages: what staff type into the visit
// form ("2026-07-01T14:30") means 14:30 where the facility is, whatever zone their own computer
// is in. Kept apart from schedule-time.ts, which the visitor's before-start page loads.

/** The offset of `timeZone` from UTC at `at` (ms since the epoch), in milliseconds. */
function offsetMs(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at));
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
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * The instant of a wall-clock time `YYYY-MM-DDTHH:mm` in `timeZone`, as ISO, or undefined when it
 * is not such a time. Two passes settle the offset across a clock change.
 */
export function wallTimeToIso(value: string, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1).map((n) => Number(n ?? 0)) as number[];
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, s ?? 0);
  if (Number.isNaN(wall)) return undefined;
  let at = wall - offsetMs(timeZone, wall);
  at = wall - offsetMs(timeZone, at);
  return new Date(at).toISOString();
}
