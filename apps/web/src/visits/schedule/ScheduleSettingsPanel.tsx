// A facility's schedule settings, for its administrators on the dashboard: the time zone its visit
// times are read in, how long before a visit's start its waiting room opens, and whether visits
// end at their set time or staff may extend them. Saved as one change (audited on the server).
import { useId, useState, type FormEvent } from 'react';
import type { EndPolicy, Facility } from '@openconnect/contracts';
import { errorMessage } from '../../api/errorMessage.ts';
import { fieldIssues } from '../../api/field-issues.ts';
import { t } from '../../i18n/t.ts';
import { Button } from '../../ui/Button.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { scheduleApi } from './schedule-api.ts';
import './day-schedule.css';

/** The settings form of one facility; `onSaved` gets the facility as saved. */
export function ScheduleSettingsPanel({
  facility,
  onSaved,
}: {
  facility: Facility;
  onSaved: (saved: Facility) => void;
}) {
  const id = useId();
  const [zone, setZone] = useState(facility.timezone);
  const [opens, setOpens] = useState(String(facility.waitingRoomOpensMinutes ?? 15));
  const [policy, setPolicy] = useState<EndPolicy>(facility.endPolicy ?? 'hard');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ zone?: string; opens?: string }>({});
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string }>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const minutes = Number(opens);
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 240) {
      setErrors({ opens: t('schedule.settings.opens.error') });
      return;
    }
    setErrors({});
    setNotice(undefined);
    setBusy(true);
    try {
      const saved = await scheduleApi.updateSettings(facility.id, {
        timezone: zone.trim(),
        waitingRoomOpensMinutes: minutes,
        endPolicy: policy,
      });
      setNotice({ tone: 'success', text: t('schedule.settings.saved') });
      onSaved(saved);
    } catch (error) {
      if (fieldIssues(error).some((issue) => issue.path === 'timezone'))
        setErrors({ zone: t('schedule.settings.zone.error') });
      else setNotice({ tone: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('schedule.settings.title')}</h2>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label={t('schedule.settings.zone')}
          hint={t('schedule.settings.zone.hint')}
          error={errors.zone}
          value={zone}
          onChange={(e) => setZone(e.currentTarget.value)}
          autoComplete="off"
          spellcheck={false}
        />
        <TextField
          label={t('schedule.settings.opens')}
          hint={t('schedule.settings.opens.hint')}
          error={errors.opens}
          type="number"
          inputMode="numeric"
          min={0}
          max={240}
          value={opens}
          onChange={(e) => setOpens(e.currentTarget.value)}
        />
        <fieldset className="field">
          <legend className="field__label">{t('schedule.settings.end')}</legend>
          {(['hard', 'extendable'] as const).map((value) => (
            <label key={value} className="field__choice">
              <input
                type="radio"
                name={`${id}-policy`}
                value={value}
                checked={policy === value}
                onChange={() => setPolicy(value)}
              />{' '}
              {t(
                value === 'hard'
                  ? 'schedule.settings.end.hard'
                  : 'schedule.settings.end.extendable',
              )}
            </label>
          ))}
        </fieldset>
        {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
        <Button type="submit" busy={busy}>
          {t('schedule.settings.save')}
        </Button>
      </form>
    </section>
  );
}
