// The "new visit" form: turns what staff typed into a CreateVisitBody, or says per field what
// to fix. The contract's schema does the checking; this module only translates.
import { CreateVisitBody } from '@openconnect/contracts';
import { errorMessage } from '../api/errorMessage.ts';
import { fieldIssues } from '../api/field-issues.ts';
import { t } from '../i18n/t.ts';
import { wallTimeToIso } from './schedule/zone-time.ts';

/** The form's raw values: `datetime-local` inputs give local times like `2026-03-01T14:30`. */
export interface VisitFormValues {
  title: string;
  start: string;
  end: string;
}

export type VisitFormField = keyof VisitFormValues;

export type VisitFormErrors = Partial<Record<VisitFormField, string>>;

export type VisitFormResult =
  | { ok: true; body: CreateVisitBody }
  | { ok: false; errors: Partial<Record<VisitFormField, string>> };

/**
 * A local `YYYY-MM-DDTHH:mm` time as an ISO instant, or undefined if it is not a valid time: local
 * to `timeZone` (the facility's) when given, else to the browser.
 */
export function localDateTimeToIso(value: string, timeZone?: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return undefined;
  if (timeZone) return wallTimeToIso(value, timeZone);
  // Without an offset, Date reads a date-time as local time.
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Checks the form and builds the request body. */
export function parseVisitForm(
  facilityId: string,
  values: VisitFormValues,
  /** The facility's time zone, which the typed times are in. */
  timeZone?: string,
): VisitFormResult {
  const errors: Partial<Record<VisitFormField, string>> = {};
  const start = values.start ? localDateTimeToIso(values.start, timeZone) : undefined;
  const end = values.end ? localDateTimeToIso(values.end, timeZone) : undefined;
  if (values.start && !start) errors.start = t('visits.form.error.time');
  if (values.end && !end) errors.end = t('visits.form.error.time');
  if (end && !start && !errors.start) errors.start = t('visits.form.error.startNeeded');

  const result = CreateVisitBody.safeParse({
    facilityId,
    title: values.title,
    ...(start ? { scheduledStart: start } : {}),
    ...(end ? { scheduledEnd: end } : {}),
  });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const [field] = issue.path;
      if (field === 'title') errors.title ??= t('visits.form.error.title');
      else if (field === 'scheduledEnd') errors.end ??= t('visits.form.error.endBeforeStart');
      else if (field === 'scheduledStart') errors.start ??= t('visits.form.error.time');
      // A bad facility id is a broken link, not something the form can fix.
      else throw new Error(`Visit form cannot show an issue at ${issue.path.join('.')}`);
    }
  }
  if (Object.keys(errors).length > 0 || !result.success) return { ok: false, errors };
  return { ok: true, body: result.data };
}

/** The first field, in the form's order, that has an error: where focus goes. */
export function firstInvalidField(errors: VisitFormErrors): VisitFormField | undefined {
  return (['title', 'start', 'end'] as const).find((field) => errors[field]);
}

/** Where a failed create is told: a title the server refused at its field, the rest above the form. */
export function createFailure(error: unknown): { field: VisitFormErrors } | { form: string } {
  const onTitle = fieldIssues(error).some((issue) => issue.path === 'title');
  return onTitle
    ? { field: { title: t('visits.form.error.title') } }
    : { form: errorMessage(error) };
}
