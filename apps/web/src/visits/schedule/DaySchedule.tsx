// The dashboard's day plan: today's and tomorrow's scheduled visits, earliest first, with their
// times in the facility's time zone (said once, beside the heading). Re-read when the dashboard's
// visits change (one created, ended or moved).
import { useEffect, useState } from 'react';
import type { FacilitySchedule, Visit } from '@openconnect/contracts';
import { errorMessage } from '../../api/errorMessage.ts';
import { t } from '../../i18n/t.ts';
import { Notice } from '../../ui/Notice.tsx';
import { statusLabel } from '../visitLabels.ts';
import { scheduleApi } from './schedule-api.ts';
import './day-schedule.css';

/** Today and tomorrow for one facility; `version` changes whenever its visits may have. */
export function DaySchedule({ facilityId, version }: { facilityId: string; version: unknown }) {
  const [plan, setPlan] = useState<FacilitySchedule | undefined>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const controller = new AbortController();
    scheduleApi.daysOf(facilityId, controller.signal).then(
      (next) => {
        setPlan(next);
        setError(undefined);
      },
      (failure: unknown) => controller.signal.aborted || setError(failure),
    );
    return () => controller.abort();
  }, [facilityId, version]);

  if (error !== undefined) return <Notice tone="error">{errorMessage(error)}</Notice>;
  if (!plan) return null;
  return (
    <section className="panel day-schedule" aria-labelledby="day-schedule">
      <h2 id="day-schedule">{t('schedule.days.title')}</h2>
      <p className="muted">{t('schedule.days.zone', { zone: plan.timeZone })}</p>
      <Day label={t('schedule.days.today')} day={plan.today} zone={plan.timeZone} />
      <Day label={t('schedule.days.tomorrow')} day={plan.tomorrow} zone={plan.timeZone} />
    </section>
  );
}

function Day({
  label,
  day,
  zone,
}: {
  label: string;
  day: FacilitySchedule['today'];
  zone: string;
}) {
  // The date's own name (read at its noon in UTC, so no offset can move it to another day).
  const name = dayName(day.date);
  return (
    <>
      <h3>{t('schedule.days.day', { label, date: name })}</h3>
      {day.visits.length === 0 ? (
        <p>{t('schedule.days.none')}</p>
      ) : (
        <ol className="day-schedule__list">
          {day.visits.map((visit) => (
            <li key={visit.id} data-visit-id={visit.id}>
              <span className="day-schedule__time">{timeRange(visit, zone)}</span>{' '}
              <span>{visit.title}</span>{' '}
              <span className="muted">({statusLabel(visit.status)})</span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

// Formatted here rather than with schedule-time.ts, which the visitor's before-start page loads:
// a module shared by a staff page and a visitor page becomes a chunk of its own that the invite
// page would have to name (bytes it does not have).
function clockTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone }).format(new Date(iso));
}

function dayName(date: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

function timeRange(visit: Visit, zone: string): string {
  if (!visit.scheduledStart) return '';
  const start = clockTime(visit.scheduledStart, zone);
  return visit.scheduledEnd
    ? t('schedule.days.range', { start, end: clockTime(visit.scheduledEnd, zone) })
    : start;
}
