// The recording notice as a modal dialog over the call: what is recorded and the two answers,
// "I understand" and "Leave the visit". Focus moves to its heading when it opens, Tab stays
// inside it (a native modal dialog), and Escape does not dismiss it: an answer is needed. It
// closes when answered, or by itself when the recording it speaks of stops.
import { useEffect, useId, useRef } from 'react';
import { t } from '../../i18n/t.ts';
import { useStore } from '../../store/useStore.ts';
import { Button } from '../../ui/Button.tsx';
import type { RecordingConsent } from './recording-consent.ts';
import './recording-consent.css';

/** The notice, while one is open. */
export function RecordingConsentDialog({ consent }: { consent: RecordingConsent }) {
  const view = useStore(consent.store);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const id = useId();
  const kind = view.notice?.kind;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog || !kind) return;
    if (!dialog.open) dialog.showModal();
    headingRef.current?.focus();
    return () => dialog.close();
  }, [kind]);

  if (!kind) return null;
  return (
    <dialog
      ref={dialogRef}
      className="consent-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      data-kind={kind}
      onCancel={(event) => event.preventDefault()}
    >
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1} className="consent-dialog__title">
        <span aria-hidden="true" className="consent-dialog__dot" />
        {kind === 'recording' ? t('room.consent.recording.title') : t('room.consent.advance.title')}
      </h2>
      <div id={`${id}-body`} className="consent-dialog__body">
        <p>
          {kind === 'recording' ? t('room.consent.recording.body') : t('room.consent.advance.body')}
        </p>
        <p>{t('room.consent.choice')}</p>
      </div>
      {view.failed && (
        <p role="alert" className="consent-dialog__error">
          {t('room.consent.failed')}
        </p>
      )}
      <div className="consent-dialog__actions">
        <Button busy={view.saving} onClick={() => void consent.understand()}>
          {t('room.consent.understand')}
        </Button>
        <Button variant="secondary" busy={view.saving} onClick={() => void consent.leave()}>
          {t('room.consent.leave')}
        </Button>
      </div>
    </dialog>
  );
}
