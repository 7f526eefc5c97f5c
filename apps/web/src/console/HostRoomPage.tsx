// Staff host a visit: join through the server (which issues host credentials), then the same
// VideoRoom visitors use. Leaving goes back to the facility's console.
import { lazy, Suspense, useEffect, useState } from 'react';
import type { JoinCredentials, Visit } from '@openconnect/contracts';
import { errorMessage } from '../api/errorMessage.ts';
import { session } from '../auth/session.ts';
import { isUnauthenticated } from '../auth/session-loss.ts';
import { t, withMessages } from '../i18n/t.ts';
import { currentLocation, navigate } from '../router/history.ts';
import { Link } from '../router/Link.tsx';
import { paths } from '../router/routes.ts';
import { Button } from '../ui/Button.tsx';
import { Layout, Loading } from '../ui/Layout.tsx';
import { Notice } from '../ui/Notice.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { consoleApi } from './console-api.ts';

const VideoRoom = lazy(withMessages(['call'], () => import('../rooms/video-room/VideoRoom.tsx')));

type HostState =
  | { status: 'joining' }
  | { status: 'ready'; visit: Visit; credentials: JoinCredentials; joinedAt: number }
  | { status: 'failed'; error: unknown };

/** The host's video room for one visit. */
export default function HostRoomPage({ visitId }: { visitId: string }) {
  const [state, setState] = useState<HostState>({ status: 'joining' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    // The host's Join: the call's timings start here.
    const joinedAt = performance.now();
    setState({ status: 'joining' });
    Promise.all([consoleApi.getVisit(visitId), consoleApi.joinVisit(visitId)]).then(
      ([visit, credentials]) =>
        cancelled || setState({ status: 'ready', visit, credentials, joinedAt }),
      (error: unknown) => {
        if (cancelled) return;
        if (isUnauthenticated(error)) {
          session.expire();
          navigate(paths.signIn(currentLocation()), { replace: true });
          return;
        }
        setState({ status: 'failed', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [visitId, attempt]);

  if (state.status !== 'ready') {
    return <HostRoomJoining state={state} onRetry={() => setAttempt((n) => n + 1)} />;
  }

  const consolePath = paths.console(state.visit.facilityId);
  return (
    <Layout width="wide">
      <Suspense fallback={<Loading label={t('room.loading')} />}>
        <VideoRoom
          credentials={state.credentials}
          joinedAt={state.joinedAt}
          title={t('room.hostTitle', { title: state.visit.title })}
          refreshCredentials={() => consoleApi.joinVisit(visitId)}
          onLeave={() => navigate(consolePath)}
          endActions={
            <Link className="button button--secondary" to={consolePath}>
              {t('room.backToConsole')}
            </Link>
          }
        />
      </Suspense>
    </Layout>
  );
}

/** The host's page while joining, or why joining failed with a button to try again. */
function HostRoomJoining({
  state,
  onRetry,
}: {
  state: Exclude<HostState, { status: 'ready' }>;
  onRetry: () => void;
}) {
  return (
    <Layout>
      <PageHeading title={t('room.title')} />
      {state.status === 'joining' ? (
        <Loading label={t('room.loading')} />
      ) : (
        <>
          <Notice tone="error">{errorMessage(state.error)}</Notice>
          <Button onClick={onRetry}>{t('common.tryAgain')}</Button>
        </>
      )}
    </Layout>
  );
}
