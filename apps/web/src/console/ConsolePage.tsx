// The staff console of one facility: the live waiting-room queue across its visits, and the open
// visits with who is in them. Everything updates as the server pushes changes.
import { useEffect } from 'react';
import { errorMessage } from '../api/errorMessage.ts';
import { session } from '../auth/session.ts';
import { t } from '../i18n/t.ts';
import { currentLocation, navigate } from '../router/history.ts';
import { Link } from '../router/Link.tsx';
import { paths } from '../router/paths.ts';
import { useStore } from '../store/useStore.ts';
import { Button } from '../ui/Button.tsx';
import { Layout, Loading } from '../ui/Layout.tsx';
import { LiveMessage, Notice } from '../ui/Notice.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { QueueEntry } from './QueueEntry.tsx';
import type { ConsoleState } from './console-state.ts';
import { useSharedConsole } from './shared-console.ts';
import type { StaffConsole } from './staff-console.ts';
import { VisitPanel } from './VisitPanel.tsx';
import './console.css';

/** The console page of one facility. */
export default function ConsolePage({ facilityId }: { facilityId: string }) {
  // Shared with the host's call, so joining a visit keeps the console live (shared-console.ts).
  const staffConsole = useSharedConsole(facilityId);
  const state = useStore(staffConsole.store);

  useEffect(
    () =>
      staffConsole.onUnauthenticated(() => {
        session.expire();
        navigate(paths.signIn(currentLocation()), { replace: true });
      }),
    [staffConsole],
  );

  const title = state.facility
    ? `${state.facility.name}: ${t('console.title')}`
    : t('console.title');

  return (
    <Layout
      width="wide"
      actions={
        <Link className="button button--secondary" to={paths.dashboard(facilityId)}>
          {t('console.backToDashboard')}
        </Link>
      }
    >
      <PageHeading title={title} />
      <div className="visually-hidden">
        <LiveMessage message={state.announcement} />
      </div>
      {state.connection === 'reconnecting' && (
        <Notice tone="info">{t('console.connection.reconnecting')}</Notice>
      )}
      {state.status === 'loading' && <Loading label={t('console.loading')} />}
      {state.status === 'failed' && (
        <>
          <Notice tone="error">{errorMessage(state.error)}</Notice>
          <Button onClick={() => void staffConsole.load()}>{t('common.tryAgain')}</Button>
        </>
      )}
      {state.status === 'ready' && (
        <div className="console">
          <QueueSection state={state} staffConsole={staffConsole} />
          <VisitsSection state={state} staffConsole={staffConsole} />
        </div>
      )}
    </Layout>
  );
}

interface SectionProps {
  state: ConsoleState;
  staffConsole: StaffConsole;
}

/** The visitors waiting, oldest first. */
function QueueSection({ state, staffConsole }: SectionProps) {
  return (
    <section className="console__queue" aria-labelledby="queue-heading">
      <h2 id="queue-heading">{t('console.queue.title')}</h2>
      {state.queue.length === 0 ? (
        <p>{t('console.queue.empty')}</p>
      ) : (
        <ul className="queue-list">
          {state.queue.map((entry) => (
            <li key={entry.id}>
              <QueueEntry entry={entry} staffConsole={staffConsole} busy={state.busy} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The visits not ended, newest first, with their people and controls. */
function VisitsSection({ state, staffConsole }: SectionProps) {
  return (
    <section className="console__visits" aria-labelledby="console-visits-heading">
      <h2 id="console-visits-heading">{t('console.visits.title')}</h2>
      {state.visits.length === 0 ? (
        <p>{t('console.visits.empty')}</p>
      ) : (
        <ul className="visit-list">
          {state.visits.map((visit) => (
            <li key={visit.id}>
              <VisitPanel
                visit={visit}
                participants={state.participants[visit.id]}
                recordings={state.recordings[visit.id]}
                busy={state.busy}
                staffConsole={staffConsole}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
