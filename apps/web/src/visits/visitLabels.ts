// How a visit's status and time read on the dashboard.
import type { Visit, VisitStatus } from '@openconnect/contracts';
import { formatDateTime } from '../i18n/format.ts';
import { t, type PlainKey } from '../i18n/t.ts';

const statusKeys: Record<VisitStatus, PlainKey> = {
  scheduled: 'visit.status.scheduled',
  live: 'visit.status.live',
  ended: 'visit.status.ended',
};

/** "Not started", "Live now" or "Ended". */
export function statusLabel(status: VisitStatus): string {
  return t(statusKeys[status]);
}

/** When the visit is: its scheduled start (and end), or that it has no set time. */
export function scheduleLabel(visit: Visit, timeZone?: string): string {
  if (!visit.scheduledStart) return t('visit.unscheduled');
  // In the facility's time zone when known: the times its visitors are told.
  const start = formatDateTime(visit.scheduledStart, { timeZone });
  if (!visit.scheduledEnd) return start;
  const end = new Intl.DateTimeFormat(undefined, { timeStyle: 'short', timeZone }).format(
    new Date(visit.scheduledEnd),
  );
  return t('visit.scheduleRange', { start, end });
}
