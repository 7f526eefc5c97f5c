// One open visit in the console: join as host, who is in it (remove someone), recording when the
// visit's provider can record, and ending it.
import { useState } from 'react';
import type { Recording, Visit, VisitParticipant } from '@openconnect/contracts';
import { errorMessage } from '../api/errorMessage.ts';
import { t } from '../i18n/t.ts';
import { Link } from '../router/Link.tsx';
import { paths } from '../router/paths.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmGroup } from '../ui/ConfirmGroup.tsx';
import { Notice } from '../ui/Notice.tsx';
import { statusLabel } from '../visits/visitLabels.ts';
import { RemoveParticipantConfirm } from '../invites/RemoveParticipantConfirm.tsx';
import { prefetchHostRoom, usePrefetchHostRoomWhenIdle } from './host-room-prefetch.ts';
import { RecordingControl } from './RecordingControl.tsx';
import type { StaffConsole } from './staff-console.ts';

interface VisitPanelProps {
  visit: Visit;
  participants: readonly VisitParticipant[] | undefined;
  recordings: readonly Recording[] | undefined;
  busy: readonly string[];
  staffConsole: StaffConsole;
}

/** A visit with its people and controls. */
export function VisitPanel({
  visit,
  participants,
  recordings,
  busy,
  staffConsole,
}: VisitPanelProps) {
  const [confirm, setConfirm] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const headingId = `console-visit-${visit.id}`;
  // Recording needs someone in the visit: offered once it is under way.
  const canRecord = staffConsole.capabilities(visit)?.recording === true && visit.status === 'live';

  async function run(action: () => Promise<void>) {
    setError(undefined);
    try {
      await action();
      setConfirm(undefined);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <article
      className="visit-card console-visit"
      aria-labelledby={headingId}
      data-visit-id={visit.id}
    >
      <div className="visit-card__header">
        <h3 id={headingId} className="visit-card__title">
          {visit.title}
        </h3>
        <span className={`badge badge--${visit.status}`}>{statusLabel(visit.status)}</span>
      </div>
      {error && <Notice tone="error">{error}</Notice>}
      <ParticipantList
        participants={participants}
        confirming={confirm}
        busy={busy}
        onAsk={setConfirm}
        onRemove={(id, withdraw) =>
          void run(() => staffConsole.removeParticipant(visit.id, id, withdraw))
        }
      />
      {canRecord && (
        <RecordingControl
          visitId={visit.id}
          recordings={recordings}
          busy={busy.includes(`record:${visit.id}`)}
          onStart={() => staffConsole.startRecording(visit.id)}
          onStop={(recordingId) => staffConsole.stopRecording(visit.id, recordingId)}
        />
      )}
      <VisitActions
        visit={visit}
        confirming={confirm === 'end'}
        ending={busy.includes(`end:${visit.id}`)}
        onAsk={() => setConfirm('end')}
        onCancel={() => setConfirm(undefined)}
        onEnd={() => void run(() => staffConsole.endVisit(visit.id))}
      />
    </article>
  );
}

interface ParticipantListProps {
  participants: readonly VisitParticipant[] | undefined;
  /** The participant whose removal is being confirmed, if any. */
  confirming: string | undefined;
  busy: readonly string[];
  onAsk(participantId: string | undefined): void;
  onRemove(participantId: string, withdrawLink: boolean): void;
}

/** Who is in the visit now; staff may remove a visitor, after confirming. */
function ParticipantList({
  participants,
  confirming,
  busy,
  onAsk,
  onRemove,
}: ParticipantListProps) {
  const present = (participants ?? []).filter((p) => p.leftAt === null);
  return (
    <section aria-label={t('console.participants.title')}>
      <h4>{t('console.participants.title')}</h4>
      {present.length === 0 ? (
        <p>{t('console.participants.empty')}</p>
      ) : (
        <ul className="participant-list">
          {present.map((p) => (
            <li key={p.id} data-participant-id={p.id}>
              <span>
                {p.role === 'host'
                  ? t('console.participants.host', { name: p.displayName })
                  : p.displayName}
              </span>
              {p.role === 'visitor' &&
                (confirming === p.id ? (
                  <RemoveParticipantConfirm
                    participant={p}
                    busy={busy.includes(`remove:${p.id}`)}
                    onConfirm={(withdraw) => onRemove(p.id, withdraw)}
                    onCancel={() => onAsk(undefined)}
                  />
                ) : (
                  <Button
                    variant="secondary"
                    aria-label={t('console.participant.remove.label', { name: p.displayName })}
                    onClick={() => onAsk(p.id)}
                  >
                    {t('console.participant.remove')}
                  </Button>
                ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface VisitActionsProps {
  visit: Visit;
  /** True while ending the visit waits for staff to confirm. */
  confirming: boolean;
  ending: boolean;
  onAsk(): void;
  onCancel(): void;
  onEnd(): void;
}

/** Join the visit as host, or end it after confirming. */
function VisitActions({ visit, confirming, ending, onAsk, onCancel, onEnd }: VisitActionsProps) {
  usePrefetchHostRoomWhenIdle(visit.provider);
  return (
    <div className="visit-card__actions">
      <Link
        className="button button--primary"
        to={paths.hostRoom(visit.id)}
        aria-label={t('console.visit.join.label', { title: visit.title })}
        onPointerEnter={() => prefetchHostRoom(visit.provider)}
        onFocus={() => prefetchHostRoom(visit.provider)}
      >
        {t('console.visit.join')}
      </Link>
      {confirming ? (
        <ConfirmGroup
          question={t('visit.end.confirm', { title: visit.title })}
          confirmLabel={t('console.visit.end.confirm')}
          busy={ending}
          onConfirm={onEnd}
          onCancel={onCancel}
        />
      ) : (
        <Button
          variant="secondary"
          aria-label={t('console.visit.end.label', { title: visit.title })}
          onClick={onAsk}
        >
          {t('console.visit.end')}
        </Button>
      )}
    </div>
  );
}
