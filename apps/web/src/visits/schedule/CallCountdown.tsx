// The end of a scheduled visit, in the call: from five minutes before the end everyone sees how
// long is left ("4:32 left"), as a timer the eye follows each second, while a polite live region
// says it once a minute (never every second). When staff extend the visit the new end arrives
// here, the countdown moves (or goes away) and the change is announced. Staff of a facility that
// allows it get "Add 5 minutes" and "Add 15 minutes" beside it.
import { useEffect, useRef, useState } from 'react';
import { t } from '../../i18n/t.ts';
import { countdown, msUntilNextTick } from './countdown.ts';
import './countdown.css';

export interface CallCountdownProps {
  /** The end in force (extensions included). */
  endsAt: string;
  /**
   * Adds minutes to the end; only for staff where the facility allows it. Rejects with an Error
   * whose message is for people (said as it is here, which keeps the API's error wording out of
   * the call's chunk).
   */
  onExtend?: (minutes: 5 | 15) => Promise<unknown>;
}

/** Re-renders at each change of what the countdown shows for `endsAt`. */
function useCountdownClock(endsAt: string): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setTimeout(() => setNow(Date.now()), msUntilNextTick(endsAt, now));
    return () => clearTimeout(id);
  }, [endsAt, now]);
  return now;
}

/** The countdown banner of a call; renders nothing until five minutes before the end. */
export function CallCountdown({ endsAt, onExtend }: CallCountdownProps) {
  const now = useCountdownClock(endsAt);
  const shown = countdown(endsAt, now);
  const [announcement, setAnnouncement] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const lastMinute = useRef<number | undefined>(undefined);
  const lastEnd = useRef(endsAt);

  // Said once per minute left, and once when the visit is extended; the visible clock is silent.
  const minutes = shown.phase === 'counting' ? shown.minutes : undefined;
  useEffect(() => {
    const added = Math.round((Date.parse(endsAt) - Date.parse(lastEnd.current)) / 60_000);
    lastEnd.current = endsAt;
    if (added > 0) {
      lastMinute.current = minutes;
      setAnnouncement(t('schedule.countdown.extended', { minutes: added }));
      return;
    }
    if (minutes === undefined || minutes === lastMinute.current) return;
    lastMinute.current = minutes;
    setAnnouncement(
      minutes === 1
        ? t('schedule.countdown.announceOne')
        : t('schedule.countdown.announce', { minutes }),
    );
  }, [minutes, endsAt]);

  async function extend(by: 5 | 15) {
    if (!onExtend) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await onExtend(by);
    } catch (error) {
      setFailure(
        t('schedule.extend.failed', { reason: error instanceof Error ? error.message : '' }),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {shown.phase !== 'hidden' && (
        <div className="call-countdown" data-testid="call-countdown">
          {shown.phase === 'counting' ? (
            <span role="timer" aria-label={t('schedule.countdown.label')}>
              {t('schedule.countdown.left', { clock: shown.clock })}
            </span>
          ) : (
            <span>{t('schedule.countdown.over')}</span>
          )}
          {onExtend && shown.phase === 'counting' && (
            <span className="call-countdown__actions">
              {([5, 15] as const).map((by) => (
                <button
                  key={by}
                  type="button"
                  className="button button--secondary button--small"
                  disabled={busy}
                  onClick={() => void extend(by)}
                >
                  {t(by === 5 ? 'schedule.extend.five' : 'schedule.extend.fifteen')}
                </button>
              ))}
            </span>
          )}
          {failure && (
            <span className="call-countdown__failure" role="alert">
              {failure}
            </span>
          )}
        </div>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </>
  );
}
