// The facility dashboard: create a visit and hand out its invite link; see the facility's visits.
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../api/errorMessage.ts';
import { session } from '../auth/session.ts';
import { t } from '../i18n/t.ts';
import { currentLocation, navigate } from '../router/history.ts';
import { Link } from '../router/Link.tsx';
import { paths } from '../router/routes.ts';
import { useStore } from '../store/useStore.ts';
import { Button } from '../ui/Button.tsx';
import { Layout, Loading } from '../ui/Layout.tsx';
import { Notice } from '../ui/Notice.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { CreateVisitForm } from './CreateVisitForm.tsx';
import { createDashboard } from './dashboard.ts';
import { VisitCard } from './VisitCard.tsx';

function toSignIn() {
  navigate(paths.signIn(currentLocation()), { replace: true });
}

/** The dashboard of one facility. */
export default function DashboardPage({ facilityId }: { facilityId: string }) {
  const dashboard = useMemo(() => createDashboard(facilityId), [facilityId]);
  const state = useStore(dashboard.store);
  const sessionState = useStore(session.store);
  const [notice, setNotice] = useState<string | undefined>();
  const [signingOut, setSigningOut] = useState(false);

  useEffect(() => {
    const stop = dashboard.onUnauthenticated(() => {
      session.expire();
      toSignIn();
    });
    session.load().then(
      (s) => (s.status === 'signedIn' ? dashboard.load() : toSignIn()),
      () => dashboard.load(), // The dashboard's own requests will say what is wrong.
    );
    return stop;
  }, [dashboard]);

  async function signOut() {
    setSigningOut(true);
    try {
      await session.signOut();
      navigate(paths.signIn(), { replace: true });
    } catch (error) {
      setNotice(errorMessage(error));
      setSigningOut(false);
    }
  }

  const staff = sessionState.status === 'signedIn' ? sessionState.staff : undefined;
  const actions = staff && (
    <>
      <span className="app-header__who">
        {t('dashboard.signedInAs', { name: staff.displayName })}
      </span>
      <Button
        variant="secondary"
        busy={signingOut}
        busyLabel={t('dashboard.signingOut')}
        onClick={signOut}
      >
        {t('dashboard.signOut')}
      </Button>
    </>
  );
  const title = state.facility?.name ?? t('dashboard.title');
  const others = state.facilities.filter((f) => f.id !== facilityId);

  return (
    <Layout width="wide" actions={actions}>
      <PageHeading title={title} />
      {others.length > 0 && (
        <nav aria-label={t('dashboard.otherFacilities')} className="facility-switcher">
          <p>{t('dashboard.otherFacilities')}</p>
          <ul>
            {others.map((f) => (
              <li key={f.id}>
                <Link to={paths.dashboard(f.id)}>{f.name}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <p className="dashboard__links">
        <Link className="button button--primary" to={paths.console(facilityId)}>
          {t('console.link')}
        </Link>
        {staff?.role === 'admin' && (
          <Link className="button button--secondary" to={paths.rollout()}>
            {t('dashboard.rolloutLink')}
          </Link>
        )}
      </p>
      {notice && (
        <Notice tone="success" onDismiss={() => setNotice(undefined)}>
          {notice}
        </Notice>
      )}

      {state.status === 'loading' && <Loading label={t('dashboard.loading')} />}
      {state.status === 'failed' && (
        <>
          <Notice tone="error">{errorMessage(state.error)}</Notice>
          <Button onClick={() => void dashboard.load()}>{t('common.tryAgain')}</Button>
        </>
      )}
      {state.status === 'ready' && !state.facility && (
        <Notice tone="error">{t('dashboard.noAccess')}</Notice>
      )}
      {state.status === 'ready' && state.facility && (
        <div className="dashboard">
          <section className="panel dashboard__create">
            <CreateVisitForm
              dashboard={dashboard}
              onCreated={(visitTitle) => setNotice(t('dashboard.created', { title: visitTitle }))}
            />
          </section>
          <section className="dashboard__visits" aria-labelledby="visits-heading">
            <h2 id="visits-heading">{t('dashboard.visits')}</h2>
            {state.visits.length === 0 ? (
              <p>{t('dashboard.empty')}</p>
            ) : (
              <ul className="visit-list">
                {state.visits.map((visit) => (
                  <li key={visit.id}>
                    <VisitCard
                      visit={visit}
                      invite={state.invites[visit.id]}
                      ending={state.ending.includes(visit.id)}
                      dashboard={dashboard}
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </Layout>
  );
}
