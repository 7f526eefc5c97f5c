// The visitor's waiting room, after the invite page: check devices, give a name, ask to join,
// wait, then the video room (loaded only once admitted, to keep this page small).
import { Suspense, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { errorMessage } from '../api/errorMessage.ts';
import { formatDateTime } from '../i18n/format.ts';
import { t, withMessages } from '../i18n/t.ts';
import { useStore } from '../store/useStore.ts';
import { Button } from '../ui/Button.tsx';
import { Loading } from '../ui/Layout.tsx';
import { lazyPart } from '../ui/lazy-part.ts';
import { Notice } from '../ui/Notice.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { TextField } from '../ui/TextField.tsx';
import { createDevicePreview } from './devices.ts';
import { DevicePreviewPanel } from './DevicePreviewPanel.tsx';
import './lobby.css';
import { RateLimitedError } from './lobby-api.ts';
import { useNow } from './useNow.ts';
import { createWaitingRoom, minutesWaited, type WaitingRoom as Room } from './waiting-room.ts';

// The call: loaded while the visitor waits (below), so it renders at once when they are let in.
const VideoRoom = lazyPart(
  withMessages(['call'], () => import('../rooms/video-room/VideoRoom.tsx')),
);
// How the waiting room ended (turned away, left, expired, removed): most visitors never see it.
const WaitingOutcome = lazyPart(
  withMessages(['outcomes'], () => import('../lobby-outcome/WaitingOutcome.tsx')),
);
// The pre-call check, a chunk of its own: the waiting room's budget is spent.
const PrecallCheck = lazyPart(withMessages(['call'], () => import('../precall/Check.tsx')));
// The conversation with staff and the estimated wait, after the page itself (its budget is spent).
const WaitingThread = lazyPart(
  withMessages(['call'], () => import('../lobby-thread/WaitingThread.tsx')),
);

interface WaitingRoomProps {
  code: string;
  visitTitle: string;
  facilityName: string;
}

// Whole on purpose (a case per phase): the waiting room is at its 80 kB gzip budget (npm run size).
/** The waiting room of one invite. */
export default function WaitingRoom({ code, visitTitle, facilityName }: WaitingRoomProps) {
  const room = useMemo(() => createWaitingRoom({ code }), [code]);
  const preview = useMemo(
    () => createDevicePreview({ camera: t('lobby.camera'), microphone: t('lobby.microphone') }),
    [],
  );
  const state = useStore(room.store);

  useEffect(() => {
    void room.start();
    return () => room.dispose();
  }, [room]);
  // While waiting, the call's code loads: the room and the visit's video service's room only (a
  // phone on a data plan does not fetch the other). A failed load only loses the head start.
  const provider = state.lobby?.provider;
  useEffect(() => {
    if (provider) VideoRoom.load().then((m) => m.loadProviderRoom(provider), Boolean);
  }, [provider]);

  // The preview runs while the visitor gets ready and waits; the call takes the devices over.
  const previewing =
    state.phase === 'form' || state.phase === 'knocking' || state.phase === 'waiting';
  useEffect(() => {
    if (!previewing) return;
    void preview.start();
    return () => preview.stop();
  }, [previewing, preview]);

  switch (state.phase) {
    case 'resuming':
      return (
        <>
          <PageHeading title={t('lobby.title')} />
          <Loading label={t('lobby.resuming')} />
        </>
      );
    case 'form':
    case 'knocking':
      return <KnockForm room={room} preview={preview} />;
    case 'waiting':
      return <Waiting room={room} preview={preview} facilityName={facilityName} />;
    case 'admitted':
      return state.credentials ? (
        <Suspense fallback={<Loading label={t('lobby.admitted')} />}>
          <VideoRoom
            credentials={state.credentials}
            title={state.lobby?.movedTo ?? visitTitle}
            // The devices chosen in the preview (kept after it stops): read as the call first
            // renders, which is before the preview's cleanup when the call's code is loaded.
            media={preview.choice()}
            joinedAt={state.admittedAt ?? undefined}
            refreshCredentials={room.refreshCredentials}
            endsAt={state.lobby?.endsAt}
            onLeave={() => void room.leaveCall()}
          />
        </Suspense>
      ) : (
        <>
          <PageHeading title={t('lobby.title')} />
          <Loading label={t('lobby.admitted')} />
        </>
      );
    default:
      return (
        <Suspense fallback={<Loading label={t('common.loading')} />}>
          <WaitingOutcome phase={state.phase} reason={state.reason} onStartOver={room.startOver} />
        </Suspense>
      );
  }
}

function KnockForm({
  room,
  preview,
}: {
  room: Room;
  preview: ReturnType<typeof createDevicePreview>;
}) {
  const state = useStore(room.store);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const nameRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 80) {
      setNameError(t('lobby.name.error'));
      nameRef.current?.focus();
      return;
    }
    setNameError(undefined);
    void room.knock(trimmed);
  }

  return (
    <>
      <PageHeading title={t('lobby.title')} />
      <p className="lead">{t('lobby.intro')}</p>
      <DevicePreviewPanel preview={preview} />
      <form className="form panel" onSubmit={submit} noValidate>
        <TextField
          ref={nameRef}
          label={t('lobby.name')}
          hint={t('lobby.name.hint')}
          error={nameError}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          autoComplete="name"
          maxLength={80}
        />
        {state.error !== undefined && <Notice tone="error">{knockError(state.error)}</Notice>}
        <Button type="submit" busy={state.phase === 'knocking'} busyLabel={t('lobby.asking')}>
          {t('lobby.ask')}
        </Button>
      </form>
    </>
  );
}

function knockError(error: unknown): string {
  if (error instanceof RateLimitedError) {
    return error.retryAfterSeconds
      ? t('lobby.error.rateLimitedFor', { seconds: error.retryAfterSeconds })
      : t('lobby.error.rateLimited');
  }
  if (error instanceof ApiError && error.code === 'GONE') return t('landing.gone.body');
  if (error instanceof ApiError && error.code === 'NOT_FOUND') return t('landing.notFound.body');
  return errorMessage(error);
}

// Whole on purpose: subcomponents add bytes, and the waiting room is at its 80 kB gzip budget.
/** The visitor's wait after knocking: place in the queue, time waited, staff messages, cancel. */
function Waiting({
  room,
  preview,
  facilityName,
}: {
  room: Room;
  preview: ReturnType<typeof createDevicePreview>;
  facilityName: string;
}) {
  const state = useStore(room.store);
  const now = useNow(15_000);
  const [cancelling, setCancelling] = useState(false);
  const lobby = state.lobby;
  const minutes = lobby ? minutesWaited(lobby.waitingSince, now) : 0;

  return (
    <>
      <PageHeading title={t('lobby.waiting.title')} />
      <p className="lead">{t('lobby.waiting.body', { facility: facilityName })}</p>
      <div className="waiting" role="status" aria-live="polite">
        {lobby?.movedTo && <p>{t('lobby.moved', { title: lobby.movedTo })}</p>}
        {lobby?.position === 1 && <p>{t('lobby.waiting.next')}</p>}
        {lobby?.position && lobby.position > 1 && (
          <p>{t('lobby.waiting.position', { position: lobby.position })}</p>
        )}
        {state.phase === 'waiting' && lobby?.status === 'admitted' && <p>{t('lobby.admitted')}</p>}
      </div>
      {lobby && (
        <p className="waiting__time">
          {minutes > 0 ? t('lobby.waiting.minutes', { minutes }) : t('lobby.waiting.justNow')}{' '}
          <span className="muted">
            {t('lobby.waiting.since', { time: formatDateTime(lobby.waitingSince) })}
          </span>
        </p>
      )}
      {state.connection === 'reconnecting' && (
        <Notice tone="info">{t('lobby.waiting.reconnecting')}</Notice>
      )}
      <Suspense fallback={null}>
        <WaitingThread room={room} />
      </Suspense>
      <DevicePreviewPanel preview={preview} compact />
      <Suspense fallback={null}>
        <PrecallCheck room={room} preview={preview} />
      </Suspense>
      <Button
        variant="secondary"
        busy={cancelling}
        busyLabel={t('lobby.cancelling')}
        onClick={() => {
          setCancelling(true);
          void room.cancel();
        }}
      >
        {t('lobby.cancel')}
      </Button>
    </>
  );
}
