// The root path: sends staff to their facility's dashboard, everyone else to sign in.
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/errorMessage.ts';
import { listFacilities } from '../facilities/facilitiesApi.ts';
import { t } from '../i18n/t.ts';
import { navigate } from '../router/history.ts';
import { paths } from '../router/paths.ts';
import { Button } from '../ui/Button.tsx';
import { Layout, Loading } from '../ui/Layout.tsx';
import { Notice } from '../ui/Notice.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { session } from './session.ts';

type HomeState =
  { status: 'working' } | { status: 'noFacility' } | { status: 'failed'; error: unknown };

/** Where a signed-in staff member starts: their first facility's dashboard. */
async function startPath(): Promise<string | undefined> {
  const state = await session.load();
  if (state.status !== 'signedIn') return paths.signIn();
  const facilities = await listFacilities();
  const first =
    facilities.find((f) => state.staff.facilityIds.includes(f.id)) ?? facilities[0] ?? undefined;
  return first && paths.dashboard(first.id);
}

/** Redirects from `/`. */
export default function HomePage() {
  const [state, setState] = useState<HomeState>({ status: 'working' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let active = true;
    startPath().then(
      (path) => {
        if (!active) return;
        if (path) navigate(path, { replace: true });
        else setState({ status: 'noFacility' });
      },
      (error: unknown) => active && setState({ status: 'failed', error }),
    );
    return () => {
      active = false;
    };
  }, [attempt]);

  return (
    <Layout>
      <PageHeading title={t('app.name')} />
      {state.status === 'working' && <Loading label={t('common.loading')} />}
      {state.status === 'noFacility' && <Notice tone="info">{t('home.noFacility')}</Notice>}
      {state.status === 'failed' && (
        <>
          <Notice tone="error">{errorMessage(state.error)}</Notice>
          <Button
            onClick={() => {
              setState({ status: 'working' });
              setAttempt((n) => n + 1);
            }}
          >
            {t('common.tryAgain')}
          </Button>
        </>
      )}
    </Layout>
  );
}
