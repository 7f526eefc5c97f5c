// Start and stop a visit's recording. Starting asks staff to confirm that everyone present was
// told first; the server refuses without that confirmation too.
import { useId, useState } from 'react';
import type { Recording } from '@openconnect/contracts';
import { ApiError } from '../api/ApiError.ts';
import { errorMessage } from '../api/errorMessage.ts';
import { formatDateTime } from '../i18n/format.ts';
import { t } from '../i18n/t.ts';
import { Button } from '../ui/Button.tsx';
import { Notice } from '../ui/Notice.tsx';
import { currentRecording } from './visit-state.ts';
import { useVisitConsent, VisitConsentPanel } from '../recordings/ConsentList.tsx';
import { mayStartRecording } from '../recordings/consent-state.ts';

interface RecordingControlProps {
  /** The visit, for who agreed to recording. */
  visitId: string;
  recordings: readonly Recording[] | undefined;
  busy: boolean;
  onStart(): Promise<void>;
  onStop(recordingId: string): Promise<void>;
}

/** The recording section of one visit. */
export function RecordingControl({
  visitId,
  recordings,
  busy,
  onStart,
  onStop,
}: RecordingControlProps) {
  const id = useId();
  const consent = useVisitConsent(visitId);
  // Where the facility needs everyone's agreement, Start waits for it (the server refuses too).
  const mayStart = mayStartRecording(consent);
  const [asking, setAsking] = useState(false);
  const [informed, setInformed] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const running = currentRecording(recordings);
  const last = recordings?.at(-1);

  async function run(action: () => Promise<void>) {
    setError(undefined);
    try {
      await action();
      setAsking(false);
      setInformed(false);
    } catch (e) {
      // The server names who has still to agree; that is what staff need to read.
      setError(
        e instanceof ApiError && e.code === 'CONSENT_REQUIRED' ? e.message : errorMessage(e),
      );
    }
  }

  return (
    <section className="recording-control" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('console.recording.title')}</h4>
      {running ? (
        <RunningRecording
          recording={running}
          busy={busy}
          onStop={() => void run(() => onStop(running.id))}
        />
      ) : (
        <>
          {last && <PastRecording recording={last} />}
          {asking ? (
            <div className="recording-control__consent">
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={informed}
                  onChange={(e) => setInformed(e.currentTarget.checked)}
                />
                <span>{t('console.recording.consent')}</span>
              </label>
              <Button
                busy={busy}
                onClick={() =>
                  informed ? void run(onStart) : setError(t('console.recording.consent.error'))
                }
              >
                {t('console.recording.confirm')}
              </Button>
              <Button variant="secondary" onClick={() => setAsking(false)}>
                {t('common.cancel')}
              </Button>
            </div>
          ) : (
            <Button
              variant="secondary"
              disabled={!mayStart}
              aria-describedby={mayStart ? undefined : `${id}-wait`}
              onClick={() => setAsking(true)}
            >
              {t('console.recording.start')}
            </Button>
          )}
          {!mayStart && (
            <p id={`${id}-wait`} className="hint">
              {t('console.recording.waitingForConsent')}
            </p>
          )}
        </>
      )}
      <VisitConsentPanel consent={consent} />
      {error && <Notice tone="error">{error}</Notice>}
    </section>
  );
}

/** A recording starting or under way, and the button that stops it. */
function RunningRecording(props: { recording: Recording; busy: boolean; onStop(): void }) {
  const { recording } = props;
  return (
    <>
      <p role="status" className="recording-control__status">
        {recording.status === 'starting'
          ? t('console.recording.starting')
          : t('console.recording.active', { time: formatDateTime(recording.startedAt) })}
      </p>
      <Button variant="danger" busy={props.busy} onClick={props.onStop}>
        {t('console.recording.stop')}
      </Button>
    </>
  );
}

/** How the visit's last recording ended, if it failed or finished. */
function PastRecording({ recording }: { recording: Recording }) {
  if (recording.status === 'failed') {
    return (
      <Notice tone="error">
        {t('console.recording.failed', { error: recording.error ?? '' })}
      </Notice>
    );
  }
  if (recording.status === 'ended' && recording.endedAt) {
    return <p>{t('console.recording.ended', { time: formatDateTime(recording.endedAt) })}</p>;
  }
  return null;
}
