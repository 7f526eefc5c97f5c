// The facility's "Recording needs everyone's consent" setting, on the recordings page: a switch
// for administrators, a plain statement for other staff.
import { useEffect, useId, useState } from 'react';
import type { RecordingSettings } from '@openconnect/contracts';
import { apiFetch } from '../api/client.ts';
import { errorMessage } from '../api/errorMessage.ts';
import { t } from '../i18n/t.ts';
import { Notice } from '../ui/Notice.tsx';

const path = (facilityId: string) =>
  `/facilities/${encodeURIComponent(facilityId)}/recording-settings`;

/** The setting, changed at once when an administrator ticks it. */
export function RecordingSettingsToggle(props: { facilityId: string; isAdmin: boolean }) {
  const id = useId();
  const [settings, setSettings] = useState<RecordingSettings | undefined>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let current = true;
    apiFetch<RecordingSettings>(path(props.facilityId)).then(
      (s) => current && setSettings(s),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [props.facilityId]);

  async function change(requiresConsent: boolean) {
    setSaving(true);
    setError(undefined);
    try {
      setSettings(
        await apiFetch<RecordingSettings>(path(props.facilityId), {
          method: 'PUT',
          body: { requiresConsent },
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  if (!settings) return error ? <Notice tone="error">{errorMessage(error)}</Notice> : null;
  return (
    <div className="recording-settings">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.requiresConsent}
          disabled={!props.isAdmin || saving}
          aria-describedby={`${id}-hint`}
          onChange={(e) => void change(e.currentTarget.checked)}
        />
        <span>{t('recordingSettings.requiresConsent')}</span>
      </label>
      <p id={`${id}-hint`} className="hint">
        {t('recordingSettings.requiresConsent.hint')}
      </p>
      {error !== undefined && <Notice tone="error">{errorMessage(error)}</Notice>}
    </div>
  );
}
