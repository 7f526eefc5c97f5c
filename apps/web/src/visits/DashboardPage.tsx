// The facility dashboard: create a visit and hand out its invite link; see the facility's visits.
import { useMemo, useState } from 'react';
import { errorMessage } from '../api/errorMessage.ts';
import { CannedMessagesPanel } from '../facilities/CannedMessagesPanel.tsx';
import { session } from '../auth/session.ts';
import { useSignedInLoad } from '../auth/useSignedInLoad.ts';
import { t } from '../i18n/t.ts';
import { Link } from '../router/Link.tsx';
import { paths } from '../router/paths.ts';
import { useStore } from '../store/useStore.ts';
import { Button } from '../ui/Button.tsx';
import { Layout, Loading } from '../ui/Layout.tsx';
import { Notice } from '../ui/Notice.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { CreateVisitForm } from './CreateVisitForm.tsx';
import { createDashboard } from './dashboard.ts';
import { FacilitySwitcher } from './FacilitySwitcher.tsx';
import { FacilityVideo } from './FacilityVideo.tsx';
import { SignOutActions } from './SignOutActions.tsx';
import { VisitList } from './VisitList.tsx';
import { DaySchedule } from './schedule/DaySchedule.tsx';
import { ScheduleSettingsPanel } from './schedule/ScheduleSettingsPanel.tsx';

/** The dashboard of one facility. */
export default function DashboardPage({ facilityId }: { facilityId: string }) {
  const dashboard = useMemo(() => createDashboard(facilityId), [facilityId]);
  const state = useStore(dashboard.store);
  const sessionState = useStore(session.store);
  const [notice, setNotice] = useState<string | undefined>();

  useSignedInLoad(dashboard);

  const staff = sessionState.status === 'signedIn' ? sessionState.staff : undefined;
  const actions = staff && <SignOutActions name={staff.displayName} onFailed={setNotice} />;
  const title = state.facility?.name ?? t('dashboard.title');

  return (
    <Layout width="wide" actions={actions}>
      <PageHeading title={title} />
      <FacilitySwitcher facilities={state.facilities} currentId={facilityId} />
      {state.video && <FacilityVideo video={state.video} />}
      <p className="dashboard__links">
        <Link className="button button--primary" to={paths.console(facilityId)}>
          {t('console.link')}
        </Link>
        <Link className="button button--secondary" to={paths.recordings(facilityId)}>
          {t('recordings.link')}
        </Link>
        {(staff?.role === 'admin' || staff?.isOperator) && (
          <Link className="button button--secondary" to={paths.reports(facilityId)}>
            {t('reports.link')}
          </Link>
        )}
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
          <div className="dashboard__main">
            <DaySchedule
              key={state.facility.timezone}
              facilityId={facilityId}
              version={state.visits}
            />
            <VisitList state={state} dashboard={dashboard} />
          </div>
          {staff?.role === 'admin' && <CannedMessagesPanel facilityId={facilityId} />}
          {staff?.role === 'admin' && (
            <ScheduleSettingsPanel
              key={facilityId}
              facility={state.facility}
              // The form, the cards and the day plan read the zone from the facility.
              onSaved={(saved) => dashboard.store.set((s) => ({ ...s, facility: saved }))}
            />
          )}
        </div>
      )}
    </Layout>
  );
}
