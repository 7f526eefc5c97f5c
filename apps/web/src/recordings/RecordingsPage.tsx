// A facility's recordings: each with its visit, when it started, how long it is, who started it,
// the consent record and its size; played in the page or downloaded through the audited file
// route; deleted by administrators after a confirmation. State lives in recordings-library.ts.
import { useEffect, useMemo, useRef } from 'react';
import type { RecordingSummary } from '@openconnect/contracts';
import { errorMessage } from '../api/errorMessage.ts';
import { session } from '../auth/session.ts';
import { useSignedInLoad } from '../auth/useSignedInLoad.ts';
import { formatDateTime } from '../i18n/format.ts';
import { t } from '../i18n/t.ts';
import { Link } from '../router/Link.tsx';
import { paths } from '../router/paths.ts';
import { useStore } from '../store/useStore.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmGroup } from '../ui/ConfirmGroup.tsx';
import { Layout, Loading } from '../ui/Layout.tsx';
import { LiveMessage, Notice } from '../ui/Notice.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { recordingFileUrl } from './recordings-api.ts';
import { RecordingConsentRecord } from './RecordingConsentRecord.tsx';
import { RecordingSettingsToggle } from './RecordingSettingsToggle.tsx';
import {
  createRecordingsLibrary,
  type RecordingsLibrary,
  type RecordingsState,
} from './recordings-library.ts';
import { fileSentence, formatDuration, formatSize } from './recording-words.ts';
import './recordings.css';

/** The recordings page of one facility. */
export default function RecordingsPage({ facilityId }: { facilityId: string }) {
  const library = useMemo(() => createRecordingsLibrary(facilityId), [facilityId]);
  const state = useStore(library.store);
  const sessionState = useStore(session.store);
  const isAdmin = sessionState.status === 'signedIn' && sessionState.staff.role === 'admin';

  useSignedInLoad(library);

  return (
    <Layout
      width="wide"
      actions={
        <Link className="button button--secondary" to={paths.dashboard(facilityId)}>
          {t('recordings.back')}
        </Link>
      }
    >
      <PageHeading title={t('recordings.title')} />
      <p className="lead">{t('recordings.intro')}</p>
      <RecordingSettingsToggle facilityId={facilityId} isAdmin={isAdmin} />
      <LiveMessage message={state.announcement} />
      {state.actionError !== undefined && (
        <Notice tone="error" onDismiss={library.dismissError}>
          {errorMessage(state.actionError)}
        </Notice>
      )}
      {state.status === 'loading' && <Loading label={t('recordings.loading')} />}
      {state.status === 'failed' && (
        <>
          <Notice tone="error">{errorMessage(state.error)}</Notice>
          <Button onClick={() => void library.load()}>{t('common.tryAgain')}</Button>
        </>
      )}
      {state.status === 'ready' && state.items.length === 0 && <p>{t('recordings.empty')}</p>}
      {state.status === 'ready' && state.items.length > 0 && (
        <ul className="recordings" aria-label={t('recordings.title')}>
          {state.items.map((recording) => (
            <RecordingItem
              key={recording.id}
              recording={recording}
              state={state}
              library={library}
              isAdmin={isAdmin}
            />
          ))}
        </ul>
      )}
      {state.status === 'ready' && state.hasMore && (
        <Button
          variant="secondary"
          busy={state.loadingMore}
          busyLabel={t('recordings.loading')}
          onClick={() => void library.more()}
        >
          {t('recordings.more')}
        </Button>
      )}
    </Layout>
  );
}

interface ItemProps {
  recording: RecordingSummary;
  state: RecordingsState;
  library: RecordingsLibrary;
  isAdmin: boolean;
}

function RecordingItem({ recording, state, library, isAdmin }: ItemProps) {
  const headingId = `recording-${recording.id}`;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const playRef = useRef<HTMLButtonElement>(null);
  const playerRef = useRef<HTMLVideoElement>(null);
  const playing = state.playing === recording.id;
  const confirming = state.confirming === recording.id;
  const sentence = fileSentence(recording);
  const wasPlaying = useRef(false);
  const deletedNow = useRef(recording.file === 'deleted');

  useEffect(() => {
    // Focus follows what changed: into the player when it opens, back to Play when it closes.
    if (playing) playerRef.current?.focus();
    else if (wasPlaying.current) playRef.current?.focus();
    wasPlaying.current = playing;
  }, [playing]);
  useEffect(() => {
    if (recording.file === 'deleted' && !deletedNow.current) headingRef.current?.focus();
    deletedNow.current = recording.file === 'deleted';
  }, [recording.file]);

  const facts = [
    t('recordings.started', { when: formatDateTime(recording.startedAt) }),
    recording.durationSeconds !== null &&
      t('recordings.duration', { duration: formatDuration(recording.durationSeconds) }),
    recording.sizeBytes !== null && t('recordings.size', { size: formatSize(recording.sizeBytes) }),
    recording.startedByName
      ? t('recordings.startedBy', { name: recording.startedByName })
      : t('recordings.startedByUnknown'),
  ].filter((fact): fact is string => typeof fact === 'string');

  return (
    <li className="recording panel" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="recording__title">
        {recording.visitTitle}
      </h2>
      <ul className="recording__facts">
        {facts.map((fact) => (
          <li key={fact}>{fact}</li>
        ))}
      </ul>
      <p className="recording__consent">
        {t('recordings.consent', { notice: recording.consentNotice })}
      </p>
      <RecordingConsentRecord recordingId={recording.id} />
      {sentence && <p className="recording__state">{sentence}</p>}
      {playing && (
        <video
          ref={playerRef}
          className="recording__player"
          src={recordingFileUrl(recording.id)}
          controls
          preload="metadata"
          aria-label={t('recordings.player', { title: recording.visitTitle })}
        />
      )}
      {confirming ? (
        <ConfirmGroup
          question={t('recordings.delete.question', { title: recording.visitTitle })}
          consequence={t('recordings.delete.consequence')}
          confirmLabel={t('recordings.delete')}
          busy={state.deleting}
          busyLabel={t('recordings.delete.busy')}
          onConfirm={() => void library.confirmDelete()}
          onCancel={library.cancelDelete}
          focusQuestion
        />
      ) : (
        <div className="recording__actions">
          {recording.file === 'available' && (
            <>
              <Button
                ref={playRef}
                variant="secondary"
                aria-expanded={playing}
                onClick={() => (playing ? library.closePlayer() : library.play(recording.id))}
              >
                {playing ? t('recordings.closePlayer') : t('recordings.play')}
              </Button>
              <a className="button button--secondary" href={recordingFileUrl(recording.id, true)}>
                {t('recordings.download')}
              </a>
            </>
          )}
          {isAdmin &&
            recording.file !== 'deleted' &&
            recording.status !== 'starting' &&
            recording.status !== 'active' && (
              <Button variant="danger" onClick={() => library.askDelete(recording.id)}>
                {t('recordings.delete')}
              </Button>
            )}
        </div>
      )}
    </li>
  );
}
