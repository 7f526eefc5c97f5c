// The page an invite link opens: what the visit is, where, when, and what comes next.
// Part of the initial bundle (visitors land here first), so it stays small.
import { Suspense, useEffect, useState } from 'react';
import type { InviteLanding } from '@openconnect/contracts';
import { errorMessage } from '../api/errorMessage.ts';
import { formatDateTime } from '../i18n/format.ts';
import { t, withMessages } from '../i18n/t.ts';
import { Button } from '../ui/Button.tsx';
import { Layout, Loading } from '../ui/Layout.tsx';
import { lazyPart } from '../ui/lazy-part.ts';
import { Notice } from '../ui/Notice.tsx';
import { Outcome as Problem } from '../ui/Outcome.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { createTicketStorage } from '../lobby/ticket-storage.ts';
import { loadLanding, type LandingState } from './landing.ts';

// The waiting room is the next step: loaded when the visitor gets ready, not with this page.
const WaitingRoom = lazyPart(() => import('../lobby/WaitingRoom.tsx'));
// Before a scheduled visit's waiting room opens: when it begins (loaded only then).
const Upcoming = lazyPart(withMessages(['call'], () => import('../visits/schedule/Upcoming.tsx')));

/** The visitor's invite page for one code. */
export function InviteLandingPage({ code }: { code: string }) {
  const [state, setState] = useState<LandingState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // A visitor who already asked to join in this tab goes straight back to the waiting room.
  const [ready, setReady] = useState(() => createTicketStorage().load(code) !== undefined);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    loadLanding(code, undefined, controller.signal).then(
      (next) => controller.signal.aborted || setState(next),
      (error: unknown) => controller.signal.aborted || setState({ status: 'failed', error }),
    );
    return () => controller.abort();
  }, [code, attempt]);

  if (ready && state.status === 'ready') {
    return (
      <Layout>
        <Suspense fallback={<Loading label={t('common.loading')} />}>
          <WaitingRoom
            code={code}
            visitTitle={state.landing.visitTitle}
            facilityName={state.landing.facilityName}
          />
        </Suspense>
      </Layout>
    );
  }
  return (
    <Layout>
      {render(
        state,
        () => setAttempt((n) => n + 1),
        () => setReady(true),
      )}
    </Layout>
  );
}

function render(state: LandingState, retry: () => void, getReady: () => void) {
  switch (state.status) {
    case 'loading':
      return (
        <>
          <PageHeading title={t('landing.loading.title')} />
          <Loading label={t('landing.loading')} />
        </>
      );
    case 'ready':
      return state.landing.opensAt ? (
        <Upcoming landing={state.landing} onOpen={retry} />
      ) : (
        <VisitDetails landing={state.landing} onGetReady={getReady} />
      );
    case 'ended':
      return (
        <Problem title={t('landing.ended.title')} body={t('landing.ended.body')}>
          <VisitSummary landing={state.landing} />
        </Problem>
      );
    case 'gone':
      return <Problem title={t('landing.gone.title')} body={t('landing.gone.body')} />;
    case 'notFound':
      return <Problem title={t('landing.notFound.title')} body={t('landing.notFound.body')} />;
    case 'failed':
      return (
        <>
          <PageHeading title={t('landing.failed.title')} />
          <Notice tone="error">{errorMessage(state.error)}</Notice>
          <Button onClick={retry}>{t('common.tryAgain')}</Button>
        </>
      );
  }
}

function VisitDetails({ landing, onGetReady }: { landing: InviteLanding; onGetReady: () => void }) {
  return (
    <>
      <p className="eyebrow">{t('landing.eyebrow')}</p>
      <PageHeading title={landing.visitTitle} />
      <VisitSummary landing={landing} />
      <section className="panel" aria-labelledby="landing-next">
        <h2 id="landing-next">{t('landing.next.title')}</h2>
        <p>{t('landing.next.body', { facility: landing.facilityName })}</p>
        <p>{t('landing.next.privacy')}</p>
      </section>
      <Button onClick={onGetReady}>{t('landing.getReady')}</Button>
    </>
  );
}

function VisitSummary({ landing }: { landing: InviteLanding }) {
  return (
    <dl className="details">
      <div>
        <dt>{t('landing.facilityLabel')}</dt>
        <dd>{landing.facilityName}</dd>
      </div>
      <div>
        <dt>{t('landing.whenLabel')}</dt>
        <dd>
          {landing.scheduledStart
            ? formatDateTime(landing.scheduledStart)
            : t('landing.when.unscheduled')}
        </dd>
      </div>
      <div>
        <dt>{t('landing.statusLabel')}</dt>
        <dd>{t(`landing.status.${landing.visitStatus}`)}</dd>
      </div>
      <div>
        <dt>{t('landing.expiresLabel')}</dt>
        <dd>{formatDateTime(landing.expiresAt)}</dd>
      </div>
    </dl>
  );
}
