// The visitor's "Check your setup" panel while they wait: one button runs the check, the results
// read as a list (camera, microphone, speaker with its test sound, connection), and a poor
// connection offers joining with audio only. Loaded on its own chunk (the waiting room's budget
// is spent); render only, the check itself is precall-check.ts.
import { useMemo } from 'react';
import type { PrecallResult } from '@openconnect/contracts';
import { createApiFetch } from '../api/client.ts';
import { t } from '../i18n/t.ts';
import type { DevicePreview } from '../lobby/devices.ts';
import type { WaitingRoom } from '../lobby/waiting-room.ts';
import { useStore } from '../store/useStore.ts';
import { Button } from '../ui/Button.tsx';
import { playTestTone } from './device-check.ts';
import { offerAudioOnly } from './grading.ts';
import { createPrecallCheck, type PrecallCheckState } from './precall-check.ts';

/** The check panel for the waiting visitor of `room`. */
export default function PrecallCheck({
  room,
  preview,
}: {
  room: WaitingRoom;
  preview: DevicePreview;
}) {
  const ticket = useStore(room.store).ticket;
  const check = useMemo(() => {
    if (!ticket) return null;
    const api = createApiFetch((input, init) =>
      fetch(input, {
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          Authorization: `Bearer ${ticket.visitorToken}`,
        },
      }),
    );
    const path = `/lobby/${encodeURIComponent(ticket.entryId)}/precall`;
    return createPrecallCheck({
      preview,
      fetchIce: () => api(`${path}-ice`, { method: 'POST' }),
      saveResult: async (result) => void (await api(path, { method: 'POST', body: result })),
    });
  }, [ticket, preview]);
  if (!check) return null;
  return <CheckPanel check={check} preview={preview} />;
}

function CheckPanel({
  check,
  preview,
}: {
  check: ReturnType<typeof createPrecallCheck>;
  preview: DevicePreview;
}) {
  const state = useStore(check.store);
  const audioOnly = useStore(preview.store).audioOnly === true;
  const running = state.status === 'running';
  return (
    <section className="panel precall" aria-labelledby="precall-title">
      <h2 id="precall-title">{t('precall.title')}</h2>
      {state.status === 'idle' && <p>{t('precall.intro')}</p>}
      <Button busy={running} busyLabel={t('precall.running')} onClick={() => void check.run()}>
        {state.status === 'done' ? t('precall.again') : t('precall.run')}
      </Button>
      <div role="status" aria-live="polite">
        {state.status === 'done' && <Results state={state} />}
        {state.shared === true && <p className="muted">{t('precall.shared')}</p>}
        {state.shared === false && <p className="precall__bad">{t('precall.notShared')}</p>}
      </div>
      {state.status === 'done' && (
        <SpeakerTest answer={state.speaker} onAnswer={(heard) => void check.answerSpeaker(heard)} />
      )}
      {state.network && offerAudioOnly(state.network.grade) && (
        <div className="precall__offer">
          <p>{t('precall.audioOnly.offer')}</p>
          <label className="precall__choice">
            <input
              type="checkbox"
              checked={audioOnly}
              onChange={(e) => {
                const audioOnly = e.currentTarget.checked;
                preview.store.set((s) => ({ ...s, audioOnly }));
              }}
            />{' '}
            {t('precall.audioOnly.choose')}
          </label>
          {audioOnly && <p className="muted">{t('precall.audioOnly.chosen')}</p>}
        </div>
      )}
    </section>
  );
}

function Results({ state }: { state: PrecallCheckState }) {
  const { camera, microphone, network } = state;
  if (!camera || !microphone || !network) return null;
  return (
    <dl className="precall__results">
      <Row label={t('precall.camera')} ok={camera.status === 'ok'}>
        {camera.status === 'ok'
          ? t('precall.camera.ok', { width: camera.width ?? 0, height: camera.height ?? 0 })
          : t(`precall.camera.${camera.status}`)}
      </Row>
      <Row label={t('precall.microphone')} ok={microphone.status === 'ok'}>
        {t(`precall.microphone.${microphone.status}`)}
      </Row>
      <Row label={t('precall.network')} ok={network.grade !== 'poor'}>
        {networkText(network)}
      </Row>
    </dl>
  );
}

function networkText(network: PrecallResult['network']): string {
  if (!network.connected || network.bitrateKbps === null || network.rttMs === null) {
    return t('precall.network.failed');
  }
  return t('precall.network.figures', {
    grade: t(`precall.network.${network.grade}`),
    kbps: network.bitrateKbps.toLocaleString('en'),
    rtt: network.rttMs,
  });
}

function Row({ label, ok, children }: { label: string; ok: boolean; children: string }) {
  return (
    <div className="precall__row" data-ok={ok}>
      <dt>{label}</dt>
      <dd className={ok ? undefined : 'precall__bad'}>{children}</dd>
    </div>
  );
}

/** The test sound and the visitor's answer: no page can hear its own speaker. */
function SpeakerTest({
  answer,
  onAnswer,
}: {
  answer: PrecallResult['speaker'];
  onAnswer(heard: boolean): void;
}) {
  return (
    <div className="precall__speaker" role="group" aria-labelledby="precall-speaker">
      <p id="precall-speaker">
        <strong>{t('precall.speaker')}</strong>
        {answer !== 'skipped' && (
          <span className={answer === 'heard' ? undefined : 'precall__bad'}>
            {' '}
            {t(`precall.speaker.${answer}`)}
          </span>
        )}
      </p>
      <Button variant="secondary" onClick={() => void playTestTone().catch(() => undefined)}>
        {t('precall.speaker.play')}
      </Button>
      <p>{t('precall.speaker.question')}</p>
      <div className="precall__answers">
        <Button variant="secondary" onClick={() => onAnswer(true)}>
          {t('precall.speaker.yes')}
        </Button>
        <Button variant="secondary" onClick={() => onAnswer(false)}>
          {t('precall.speaker.no')}
        </Button>
      </div>
    </div>
  );
}
