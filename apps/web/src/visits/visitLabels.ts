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
export function scheduleLabel(visit: Visit): string {
  if (!visit.scheduledStart) return t('visit.unscheduled');
  const start = formatDateTime(visit.scheduledStart);
  if (!visit.scheduledEnd) return start;
  const end = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(
    new Date(visit.scheduledEnd),
  );
  return t('visit.scheduleRange', { start, end });
}
