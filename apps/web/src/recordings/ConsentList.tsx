// Who was asked to consent to recording and what each answered, with the time: shown in the
// console beside Start recording (kept live by the push channel) and in the recordings library.
import { useEffect, useMemo } from 'react';
import type { ConsentEntry, VisitConsent } from '@openconnect/contracts';
import { formatDateTime } from '../i18n/format.ts';
import { t } from '../i18n/t.ts';
import { useStore } from '../store/useStore.ts';
import { followVisitConsent } from './consent-state.ts';
import './consent.css';

const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** What one person answered, and when ("14:02"; the full date on hover). */
function Answer({ entry }: { entry: ConsentEntry }) {
  const at = entry.state === 'pending' ? entry.askedAt : entry.answeredAt;
  const time = at ? clock.format(new Date(at)) : '';
  const text =
    entry.state === 'pending'
      ? entry.askedAt
        ? t('recordingConsent.state.pending', { time })
        : t('recordingConsent.state.unasked')
      : t(`recordingConsent.state.${entry.state}`, { time });
  return (
    <span className="consent-list__answer" title={at ? formatDateTime(at) : undefined}>
      {text}
    </span>
  );
}

/** One line per person: name, role, answer and when. */
export function ConsentList({ entries }: { entries: readonly ConsentEntry[] }) {
  return (
    <ul className="consent-list">
      {entries.map((entry) => (
        <li key={entry.identity} className="consent-list__item" data-state={entry.state}>
          <span className="consent-list__name">
            {t('recordingConsent.person', {
              name: entry.displayName,
              role: t(`recordingConsent.role.${entry.role}`),
            })}
          </span>{' '}
          <Answer entry={entry} />
        </li>
      ))}
    </ul>
  );
}

/** Follows a visit's consent while shown; undefined until first read. */
export function useVisitConsent(visitId: string): VisitConsent | undefined {
  const follower = useMemo(() => followVisitConsent(visitId), [visitId]);
  useEffect(() => follower.follow(), [follower]);
  return useStore(follower.store);
}

/** The consent section of a visit in the console. */
export function VisitConsentPanel({ consent }: { consent: VisitConsent | undefined }) {
  if (!consent) return null;
  const asking = consent.recordingId !== null || consent.requiresConsent;
  if (!asking) return null;
  return (
    <div className="consent-panel">
      <h5 className="consent-panel__title">{t('recordingConsent.title')}</h5>
      {consent.recordingId === null && <p className="hint">{t('recordingConsent.next')}</p>}
      {consent.entries.length === 0 ? (
        <p>{t('recordingConsent.none')}</p>
      ) : (
        <ConsentList entries={consent.entries} />
      )}
    </div>
  );
}
