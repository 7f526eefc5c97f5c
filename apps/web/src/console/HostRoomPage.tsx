// Staff host a visit: the same camera and microphone check visitors get, then Join (the server
// issues host credentials) and the same VideoRoom visitors use, with the facility's queue in a
// side panel. The console's state stays live meanwhile (shared-console.ts): its queue is the
// panel's, and the console is there unchanged when the host goes back to it.
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { JoinCredentials, Visit } from '@openconnect/contracts';
import { errorMessage } from '../api/errorMessage.ts';
import { session } from '../auth/session.ts';
import { isUnauthenticated } from '../auth/session-loss.ts';
import { t } from '../i18n/t.ts';
import { createDevicePreview, type MediaChoice } from '../lobby/devices.ts';
import { DevicePreviewPanel } from '../lobby/DevicePreviewPanel.tsx';
import '../lobby/lobby.css';
import { currentLocation, navigate } from '../router/history.ts';
import { Link } from '../router/Link.tsx';
import { paths } from '../router/paths.ts';
import { useStore } from '../store/useStore.ts';
import { Button } from '../ui/Button.tsx';
import { createStore } from '../store/store.ts';
import { Layout, Loading } from '../ui/Layout.tsx';
import { VideoRoom } from '../rooms/video-room/load-video-room.ts';
import { Notice } from '../ui/Notice.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { AddPersonPanel } from '../invites/AddPersonPanel.tsx';
import { prefetchCall } from '../rooms/video-room/prefetch-call.ts';
import { CallQueue, splitQueue } from './CallQueue.tsx';
import { consoleApi } from './console-api.ts';
import { initialConsoleState } from './console-state.ts';
import { useSharedConsole } from './shared-console.ts';
import type { StaffConsole } from './staff-console.ts';
import { useHostSchedule } from '../visits/schedule/host-schedule.ts';

/** Stands in for the console's store until the visit (and so the facility) is known. */
const emptyStore = createStore(initialConsoleState);

type HostState =
  | { status: 'loading' }
  | { status: 'preview'; visit: Visit; joining: boolean; error?: unknown }
  | {
      status: 'ready';
      visit: Visit;
      credentials: JoinCredentials;
      joinedAt: number;
      media: MediaChoice | undefined;
    }
  | { status: 'failed'; error: unknown };

/** Sends staff whose session ended back to sign in; true when it did. */
function signInAgainIf(error: unknown): boolean {
  if (!isUnauthenticated(error)) return false;
  session.expire();
  navigate(paths.signIn(currentLocation()), { replace: true });
  return true;
}

/** The host's video room for one visit. */
export default function HostRoomPage({ visitId }: { visitId: string }) {
  const [state, setState] = useState<HostState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const staffConsole = useSharedConsole(
    state.status === 'loading' || state.status === 'failed' ? undefined : state.visit.facilityId,
  );

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    consoleApi.getVisit(visitId).then(
      (visit) => cancelled || setState({ status: 'preview', visit, joining: false }),
      (error: unknown) =>
        cancelled || signInAgainIf(error) || setState({ status: 'failed', error }),
    );
    return () => {
      cancelled = true;
    };
  }, [visitId, attempt]);

  if (state.status === 'loading' || state.status === 'failed') {
    return <HostRoomLoading state={state} onRetry={() => setAttempt((n) => n + 1)} />;
  }

  if (state.status === 'preview') {
    const visit = state.visit;
    return (
      <HostPreview
        visit={visit}
        joining={state.joining}
        error={state.error}
        onJoin={(media) => {
          // The host's Join: the call's timings start here.
          const joinedAt = performance.now();
          setState({ status: 'preview', visit, joining: true });
          consoleApi.joinVisit(visitId).then(
            (credentials) => setState({ status: 'ready', visit, credentials, joinedAt, media }),
            (error: unknown) =>
              signInAgainIf(error) || setState({ status: 'preview', visit, joining: false, error }),
          );
        }}
      />
    );
  }

  return <HostCall {...state} staffConsole={staffConsole} />;
}

/** The call itself, with the facility's queue in its side panel. */
function HostCall({
  visit,
  credentials,
  joinedAt,
  media,
  staffConsole,
}: Extract<HostState, { status: 'ready' }> & { staffConsole: StaffConsole | undefined }) {
  const consolePath = paths.console(visit.facilityId);
  const queue = useQueuePanel(staffConsole, visit);
  const schedule = useHostSchedule(staffConsole?.store ?? emptyStore, visit);
  // Asked again whenever the console learns the visit ended (it drops it from its visits).
  const listed = useStore(staffConsole?.store ?? emptyStore).visits.some((v) => v.id === visit.id);
  const isVisitLive = useCallback(
    () => consoleApi.getVisit(visit.id).then((v) => v.status !== 'ended'),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `listed` is the reason to ask again
    [visit.id, listed],
  );
  return (
    <Layout width="wide">
      <Suspense fallback={<Loading label={t('room.loading')} />}>
        <VideoRoom
          credentials={credentials}
          joinedAt={joinedAt}
          media={media}
          title={t('room.hostTitle', { title: visit.title })}
          refreshCredentials={() => consoleApi.joinVisit(visit.id)}
          isVisitLive={isVisitLive}
          onLeave={() => navigate(consolePath)}
          sidePanel={queue}
          endsAt={schedule.endsAt}
          onExtend={schedule.onExtend}
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

/** The queue panel's button and contents, from the shared console. */
function useQueuePanel(staffConsole: StaffConsole | undefined, visit: Visit) {
  const state = useStore(staffConsole?.store ?? emptyStore);
  if (!staffConsole) return undefined;
  const here = splitQueue(state.queue, visit.id).here.length;
  return {
    label: t('call.queue.title'),
    count: here,
    countLabel: t('call.queue.count', { count: here }),
    announcement: state.announcement,
    content: (
      <>
        <AddPersonPanel visitId={visit.id} />
        <CallQueue staffConsole={staffConsole} visitId={visit.id} facilityId={visit.facilityId} />
      </>
    ),
  };
}

/** Before joining: the camera and microphone check visitors get, and Join. */
function HostPreview({
  visit,
  joining,
  error,
  onJoin,
}: {
  visit: Visit;
  joining: boolean;
  error: unknown;
  onJoin(media: MediaChoice): void;
}) {
  const preview = useMemo(
    () => createDevicePreview({ camera: t('lobby.camera'), microphone: t('lobby.microphone') }),
    [],
  );
  const headingRef = useRef<HTMLHeadingElement>(null);
  const title = t('call.preview.title', { title: visit.title });
  useEffect(() => {
    void preview.start();
    return () => preview.stop();
  }, [preview]);
  // While the host checks their devices, the call's code loads: Join then waits only for the
  // join call and the connection (a no-op when the console already prefetched it).
  useEffect(() => prefetchCall(visit.provider, VideoRoom.load), [visit.provider]);
  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
    headingRef.current?.focus();
  }, [title]);

  return (
    <Layout
      actions={
        <Link className="button button--secondary" to={paths.console(visit.facilityId)}>
          {t('room.backToConsole')}
        </Link>
      }
    >
      <h1 ref={headingRef} tabIndex={-1} className="page-heading">
        {title}
      </h1>
      <p className="lead">{t('call.preview.hint')}</p>
      <DevicePreviewPanel preview={preview} />
      <AudioOnlyChoice preview={preview} />
      {error !== undefined && <Notice tone="error">{errorMessage(error)}</Notice>}
      <p>
        <Button
          busy={joining}
          busyLabel={t('call.preview.joining')}
          // The preview lets go of the devices when this page gives way to the call.
          onClick={() => onJoin(preview.choice())}
        >
          {t('call.preview.join')}
        </Button>
      </p>
    </Layout>
  );
}

/** Joining with audio only: no camera sent or received, for a weak connection. */
function AudioOnlyChoice({ preview }: { preview: ReturnType<typeof createDevicePreview> }) {
  const audioOnly = useStore(preview.store).audioOnly === true;
  return (
    <p>
      <label className="precall__choice">
        <input
          type="checkbox"
          checked={audioOnly}
          onChange={(e) => {
            const audioOnly = e.currentTarget.checked;
            preview.store.set((s) => ({ ...s, audioOnly }));
          }}
        />{' '}
        {t('call.preview.audioOnly')}
      </label>
    </p>
  );
}

/** While the visit loads, or why it failed with a button to try again. */
function HostRoomLoading({
  state,
  onRetry,
}: {
  state: Extract<HostState, { status: 'loading' | 'failed' }>;
  onRetry: () => void;
}) {
  return (
    <Layout>
      <PageHeading title={t('room.title')} />
      {state.status === 'loading' ? (
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
