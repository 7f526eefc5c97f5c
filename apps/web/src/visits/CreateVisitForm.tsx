// The "new visit" form on the dashboard.
import { useRef, useState, type FormEvent } from 'react';
import { t } from '../i18n/t.ts';
import { Button } from '../ui/Button.tsx';
import { Notice } from '../ui/Notice.tsx';
import { TextField } from '../ui/TextField.tsx';
import type { Dashboard } from './dashboard.ts';
import {
  createFailure,
  firstInvalidField,
  parseVisitForm,
  type VisitFormErrors,
  type VisitFormField,
  type VisitFormValues,
} from './visitForm.ts';

const empty: VisitFormValues = { title: '', start: '', end: '' };

// Over 60 lines only by listing the form's three fields; its checks are in visitForm.ts.
/** Creates a visit; tells the page the new visit's title when done. */
export function CreateVisitForm({
  dashboard,
  onCreated,
}: {
  dashboard: Dashboard;
  onCreated: (title: string) => void;
}) {
  const [values, setValues] = useState<VisitFormValues>(empty);
  const [errors, setErrors] = useState<VisitFormErrors>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // Times are typed in the facility's time zone (the dashboard shows the form once it is loaded).
  const zone = dashboard.store.get().facility?.timezone;
  const refs = {
    title: useRef<HTMLInputElement>(null),
    start: useRef<HTMLInputElement>(null),
    end: useRef<HTMLInputElement>(null),
  };

  function change(field: VisitFormField) {
    // The value is read while the event is dispatched: its currentTarget is gone after.
    return (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [field]: value }));
    };
  }

  function showErrors(next: VisitFormErrors) {
    setErrors(next);
    const first = firstInvalidField(next);
    if (first) refs[first].current?.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setFormError(undefined);
    const { facilityId, facility } = dashboard.store.get();
    const parsed = parseVisitForm(facilityId, values, facility?.timezone);
    if (!parsed.ok) return showErrors(parsed.errors);
    setErrors({});
    setBusy(true);
    try {
      const visit = await dashboard.createVisit(parsed.body);
      setValues(empty);
      onCreated(visit.title);
    } catch (error) {
      const failure = createFailure(error);
      if ('field' in failure) showErrors(failure.field);
      else setFormError(failure.form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" noValidate onSubmit={submit} aria-labelledby="new-visit-heading">
      <h2 id="new-visit-heading">{t('visits.form.title')}</h2>
      {formError && <Notice tone="error">{formError}</Notice>}
      <TextField
        ref={refs.title}
        label={t('visits.form.name')}
        hint={t('visits.form.name.hint')}
        name="title"
        autoComplete="off"
        required
        maxLength={200}
        value={values.title}
        error={errors.title}
        onChange={change('title')}
      />
      <div className="form__row">
        <TextField
          ref={refs.start}
          label={t('visits.form.start')}
          hint={zone ? t('visits.form.optionalInZone', { zone }) : t('visits.form.optional')}
          type="datetime-local"
          name="start"
          value={values.start}
          error={errors.start}
          onChange={change('start')}
        />
        <TextField
          ref={refs.end}
          label={t('visits.form.end')}
          hint={t('visits.form.optional')}
          type="datetime-local"
          name="end"
          value={values.end}
          error={errors.end}
          onChange={change('end')}
        />
      </div>
      <Button type="submit" busy={busy} busyLabel={t('visits.form.submitting')}>
        {t('visits.form.submit')}
      </Button>
    </form>
  );
}
