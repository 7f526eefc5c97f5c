// Dates and times as people read them, in their own locale and time zone.

/** A date and time such as "Sunday 1 March 2026 at 14:00" (wording depends on the locale). */
export function formatDateTime(
  iso: string,
  options: { locale?: string; timeZone?: string } = {},
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: options.timeZone,
  }).format(date);
}
