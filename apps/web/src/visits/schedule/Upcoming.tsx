// The visitor's invite page before the waiting room opens: when the visit begins and when the
// waiting room opens, in the facility's time zone, in plain words. At the opening time it asks
// the page to look again (`onOpen`), which then offers the waiting room, with no reload. Loaded
// only for scheduled visits, so it costs the invite page nothing otherwise (short names: the
// chunk's file name travels in the invite page's script, whose every byte counts).
import { useEffect } from 'react';
import type { InviteLanding } from '@openconnect/contracts';
import { t } from '../../i18n/t.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { beforeStartText, msUntilOpen } from './schedule-time.ts';

export interface UpcomingProps {
  landing: InviteLanding;
  /** The opening time has come: look the invite up again. */
  onOpen(): void;
}

/** "Your visit begins at 14:30 (Europe/London). The waiting room opens at 14:15." */
export default function Upcoming({ landing, onOpen }: UpcomingProps) {
  const opensAt = landing.opensAt;
  useEffect(() => {
    if (!opensAt) return;
    // Timers are clamped near 24.8 days; the page asks again then and waits anew.
    const id = setTimeout(onOpen, Math.min(msUntilOpen(opensAt, Date.now()), 2 ** 31 - 1));
    return () => clearTimeout(id);
  }, [opensAt, onOpen]);
  if (!opensAt || !landing.scheduledStart) return null;
  const zone = landing.timeZone ?? 'UTC';
  const text = beforeStartText(landing.scheduledStart, opensAt, zone, Date.now());
  return (
    <>
      <p className="eyebrow">{landing.facilityName}</p>
      <PageHeading title={landing.visitTitle} />
      <section className="panel" aria-labelledby="before-start">
        <h2 id="before-start">{t('schedule.before.title')}</h2>
        <p className="lead" data-testid="visit-begins">
          {t(text.onAnotherDay ? 'schedule.before.beginsOn' : 'schedule.before.begins', {
            time: text.begins,
            zone,
          })}{' '}
          {t('schedule.before.opens', { time: text.opens })}
        </p>
        <p>{t('schedule.before.wait')}</p>
      </section>
    </>
  );
}
