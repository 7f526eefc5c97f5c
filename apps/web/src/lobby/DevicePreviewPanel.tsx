// The waiting room's camera and microphone check: preview, device menus, level meter and help
// when the devices do not start.
import { useId } from 'react';
import { t, type PlainKey } from '../i18n/t.ts';
import { StreamVideo } from '../rooms/video-room/StreamVideo.tsx';
import { useStore } from '../store/useStore.ts';
import { Button } from '../ui/Button.tsx';
import { Notice } from '../ui/Notice.tsx';
import type { DevicePreview, MediaProblem } from './devices.ts';

const problemText: Record<MediaProblem, { title?: PlainKey; body: PlainKey }> = {
  denied: { title: 'lobby.problem.denied.title', body: 'lobby.problem.denied' },
  noDevices: { title: 'lobby.problem.noDevices.title', body: 'lobby.problem.noDevices' },
  noCamera: { body: 'lobby.problem.noCamera' },
  noMicrophone: { body: 'lobby.problem.noMicrophone' },
  inUse: { title: 'lobby.problem.inUse.title', body: 'lobby.problem.inUse' },
  insecure: { title: 'lobby.problem.insecure.title', body: 'lobby.problem.insecure' },
  unknown: { title: 'lobby.problem.unknown.title', body: 'lobby.problem.unknown' },
};

// Whole on purpose: a shared menu component cost 27 bytes gzip; the waiting room is at its budget.
/** Preview with device choice; `compact` hides the menus (while waiting). */
export function DevicePreviewPanel({
  preview,
  compact = false,
}: {
  preview: DevicePreview;
  compact?: boolean;
}) {
  const state = useStore(preview.store);
  const id = useId();
  const problem = state.problem ? problemText[state.problem] : undefined;
  const hasVideo = (state.stream?.getVideoTracks().length ?? 0) > 0;
  const hasAudio = (state.stream?.getAudioTracks().length ?? 0) > 0;

  return (
    <section className="device-preview" aria-label={t('lobby.preview.label')}>
      <div className="device-preview__frame">
        {hasVideo ? (
          <StreamVideo stream={state.stream} muted mirrored label={t('lobby.preview.label')} />
        ) : (
          <p className="device-preview__placeholder">
            {state.status === 'starting' ? t('lobby.preview.starting') : t('lobby.preview.off')}
          </p>
        )}
      </div>
      {hasAudio && (
        <div className="level">
          <label htmlFor={`${id}-level`} className="level__label">
            {t('lobby.level')}
          </label>
          <meter
            id={`${id}-level`}
            className="level__meter"
            min={0}
            max={1}
            low={0.05}
            value={state.level}
          />
          {!compact && <p className="field__hint">{t('lobby.level.hint')}</p>}
        </div>
      )}
      {problem && (
        <Notice
          tone={state.status === 'failed' ? 'error' : 'info'}
          title={problem.title && t(problem.title)}
        >
          <p>{t(problem.body)}</p>
          <Button variant="secondary" onClick={() => void preview.start()}>
            {t('lobby.retryDevices')}
          </Button>
        </Notice>
      )}
      {!compact && state.status === 'ready' && (
        <div className="device-preview__menus">
          {state.cameras.length > 0 && (
            <div className="field">
              <label className="field__label" htmlFor={`${id}-camera`}>
                {t('lobby.camera')}
              </label>
              <select
                id={`${id}-camera`}
                className="field__input"
                value={state.cameraId ?? ''}
                onChange={(e) => void preview.selectCamera(e.currentTarget.value)}
              >
                {state.cameras.map((d) => (
                  <option key={d.deviceId} value={d.deviceId}>
                    {d.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          {state.microphones.length > 0 && (
            <div className="field">
              <label className="field__label" htmlFor={`${id}-microphone`}>
                {t('lobby.microphone')}
              </label>
              <select
                id={`${id}-microphone`}
                className="field__input"
                value={state.microphoneId ?? ''}
                onChange={(e) => void preview.selectMicrophone(e.currentTarget.value)}
              >
                {state.microphones.map((d) => (
                  <option key={d.deviceId} value={d.deviceId}>
                    {d.label}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
