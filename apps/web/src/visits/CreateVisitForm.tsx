// The "new visit" form on the dashboard.
import { useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/errorMessage.ts';
import { fieldIssues } from '../api/field-issues.ts';
import { t } from '../i18n/t.ts';
import { Button } from '../ui/Button.tsx';
import { Notice } from '../ui/Notice.tsx';
import { TextField } from '../ui/TextField.tsx';
import type { Dashboard } from './dashboard.ts';
import { parseVisitForm, type VisitFormField, type VisitFormValues } from './visitForm.ts';

const empty: VisitFormValues = { title: '', start: '', end: '' };

/** Creates a visit; tells the page the new visit's title when done. */
export function CreateVisitForm({
  dashboard,
  onCreated,
}: {
  dashboard: Dashboard;
  onCreated: (title: string) => void;
}) {
  const [values, setValues] = useState<VisitFormValues>(empty);
  const [errors, setErrors] = useState<Partial<Record<VisitFormField, string>>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const refs = {
    title: useRef<HTMLInputElement>(null),
    start: useRef<HTMLInputElement>(null),
    end: useRef<HTMLInputElement>(null),
  };

  function change(field: VisitFormField) {
    return (event: { target: { value: string } }) =>
      setValues((current) => ({ ...current, [field]: event.target.value }));
  }

  function showErrors(next: Partial<Record<VisitFormField, string>>) {
    setErrors(next);
    const first = (['title', 'start', 'end'] as const).find((field) => next[field]);
    if (first) refs[first].current?.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setFormError(undefined);
    const parsed = parseVisitForm(dashboard.store.get().facilityId, values);
    if (!parsed.ok) return showErrors(parsed.errors);
    setErrors({});
    setBusy(true);
    try {
      const visit = await dashboard.createVisit(parsed.body);
      setValues(empty);
      onCreated(visit.title);
    } catch (error) {
      const onTitle = fieldIssues(error).some((issue) => issue.path === 'title');
      if (onTitle) showErrors({ title: t('visits.form.error.title') });
      else setFormError(errorMessage(error));
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
          hint={t('visits.form.optional')}
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
