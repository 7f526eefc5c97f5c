// The visitor's pre-call check beside Let in: one line, or "No setup check yet".
import type { PrecallReport } from '@openconnect/contracts';
import { t } from '../i18n/t.ts';
import { summarizePrecall } from './precall-summary.ts';

/** The check result of one waiting visitor, for the queue entry. */
export function PrecallSummaryLine({ report }: { report: PrecallReport | null | undefined }) {
  if (!report) {
    return <p className="queue-entry__precall muted">{t('console.precall.none')}</p>;
  }
  const summary = summarizePrecall(report);
  return (
    <p className={`queue-entry__precall queue-entry__precall--${summary.tone}`}>
      <span className="visually-hidden">{t('console.precall.label')}: </span>
      {summary.text}
    </p>
  );
}
