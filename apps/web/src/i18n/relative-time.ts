// How long ago, as people say it ("waiting 3 min"), with the exact time for a title. Kept apart
// from format.ts, which the visitor's entry loads: only staff pages show these.
import { formatDateTime } from './format.ts';
import { t } from './t.ts';

/** Whole minutes from `iso` to `now` (0 in the first minute, never negative). */
export function minutesSince(iso: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
}

/** A duration in minutes, short: "3 min", "1 hr 5 min" (unit words from the locale). */
export function formatMinutes(minutes: number, locale?: string): string {
  const unit = (value: number, name: 'minute' | 'hour') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(
      value,
    );
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(rest, 'minute')}`;
}

/** "waiting 3 min" (or "waiting less than a minute") since `iso`, and the exact time for a title. */
export function waitingFor(iso: string, now: number): { text: string; exact: string } {
  const minutes = minutesSince(iso, now);
  return {
    text:
      minutes < 1
        ? t('time.waiting.justNow')
        : t('time.waiting', { duration: formatMinutes(minutes) }),
    exact: formatDateTime(iso),
  };
}
