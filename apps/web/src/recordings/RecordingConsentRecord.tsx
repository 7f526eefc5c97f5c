// A recording's consent record in the library: who was asked, what each answered and when,
// read when staff open it (a disclosure, so a long list of recordings stays short).
import { useState } from 'react';
import type { RecordingConsent } from '@openconnect/contracts';
import { t } from '../i18n/t.ts';
import { ConsentList } from './ConsentList.tsx';
import { consentReads } from './consent-state.ts';

type Loaded =
  { status: 'idle' | 'loading' | 'failed' } | { status: 'ready'; record: RecordingConsent };

/** The record behind a "Consent record" disclosure. */
export function RecordingConsentRecord({ recordingId }: { recordingId: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'idle' });
  function open() {
    if (loaded.status === 'loading' || loaded.status === 'ready') return;
    setLoaded({ status: 'loading' });
    consentReads.recording(recordingId).then(
      (record) => setLoaded({ status: 'ready', record }),
      () => setLoaded({ status: 'failed' }),
    );
  }
  return (
    <details className="consent-record" onToggle={(e) => e.currentTarget.open && open()}>
      <summary>{t('recordingConsent.show')}</summary>
      {loaded.status === 'loading' && <p>{t('recordingConsent.loading')}</p>}
      {loaded.status === 'failed' && <p role="alert">{t('recordingConsent.failed')}</p>}
      {loaded.status === 'ready' &&
        (loaded.record.entries.length === 0 ? (
          <p>{t('recordingConsent.empty')}</p>
        ) : (
          <ConsentList entries={loaded.record.entries} />
        ))}
    </details>
  );
}
