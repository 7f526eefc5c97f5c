// The page an invite link opens: what the visit is, where, when, and what comes next.
// Part of the initial bundle (visitors land here first), so it stays small.
import { useEffect, useState, type ReactNode } from 'react';
import type { InviteLanding } from '@openconnect/contracts';
import { errorMessage } from '../api/errorMessage.ts';
import { formatDateTime } from '../i18n/format.ts';
import { t } from '../i18n/t.ts';
import { Button } from '../ui/Button.tsx';
import { Layout, Loading } from '../ui/Layout.tsx';
import { Notice } from '../ui/Notice.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { loadLanding, type LandingState } from './landing.ts';

/** The visitor's invite page for one code. */
export function InviteLandingPage({ code }: { code: string }) {
  const [state, setState] = useState<LandingState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    loadLanding(code, undefined, controller.signal).then(
      (next) => controller.signal.aborted || setState(next),
      (error: unknown) => controller.signal.aborted || setState({ status: 'failed', error }),
    );
    return () => controller.abort();
  }, [code, attempt]);

  return <Layout>{render(state, () => setAttempt((n) => n + 1))}</Layout>;
}

function render(state: LandingState, retry: () => void) {
  switch (state.status) {
    case 'loading':
      return (
        <>
          <PageHeading title={t('landing.loading.title')} />
          <Loading label={t('landing.loading')} />
        </>
      );
    case 'ready':
      return <VisitDetails landing={state.landing} />;
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

function VisitDetails({ landing }: { landing: InviteLanding }) {
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

function Problem({ title, body, children }: { title: string; body: string; children?: ReactNode }) {
  return (
    <>
      <PageHeading title={title} />
      <p className="lead">{body}</p>
      {children}
    </>
  );
}
