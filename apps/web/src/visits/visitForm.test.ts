import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../api/ApiError.ts';
import {
  createFailure,
  firstInvalidField,
  localDateTimeToIso,
  parseVisitForm,
} from './visitForm.ts';
import { loadMessages, t } from '../i18n/t.ts';

// The module under test speaks with the staff part of the catalogue, which the app loads lazily.
beforeAll(() => loadMessages('staff'));

const facilityId = '6f1c2a4e-2b0d-4c51-9a57-0d6f3f1f9e21';

describe('parseVisitForm', () => {
  it('builds a body with a trimmed title and no schedule', () => {
    expect(parseVisitForm(facilityId, { title: '  Tea with Mum ', start: '', end: '' })).toEqual({
      ok: true,
      body: { facilityId, title: 'Tea with Mum' },
    });
  });

  it('converts local start and end times to ISO instants', () => {
    const result = parseVisitForm(facilityId, {
      title: 'Tea',
      start: '2026-03-01T14:00',
      end: '2026-03-01T14:30',
    });
    expect(result).toEqual({
      ok: true,
      body: {
        facilityId,
        title: 'Tea',
        scheduledStart: new Date(2026, 2, 1, 14, 0).toISOString(),
        scheduledEnd: new Date(2026, 2, 1, 14, 30).toISOString(),
      },
    });
  });

  it('asks for a title when it is blank', () => {
    expect(parseVisitForm(facilityId, { title: '   ', start: '', end: '' })).toEqual({
      ok: false,
      errors: { title: t('visits.form.error.title') },
    });
  });

  it('refuses an end before the start, on the end field', () => {
    expect(
      parseVisitForm(facilityId, {
        title: 'Tea',
        start: '2026-03-01T14:00',
        end: '2026-03-01T13:00',
      }),
    ).toEqual({ ok: false, errors: { end: t('visits.form.error.endBeforeStart') } });
  });

  it('asks for a start when only an end is given', () => {
    expect(
      parseVisitForm(facilityId, { title: 'Tea', start: '', end: '2026-03-01T13:00' }),
    ).toEqual({ ok: false, errors: { start: t('visits.form.error.startNeeded') } });
  });
});

describe('localDateTimeToIso', () => {
  it('refuses text that is not a local date-time', () => {
    expect(localDateTimeToIso('tomorrow')).toBeUndefined();
    expect(localDateTimeToIso('2026-13-45T99:99')).toBeUndefined();
  });
});

describe('firstInvalidField', () => {
  it('picks the first field with an error in the order of the form', () => {
    expect(firstInvalidField({ end: 'x', start: 'y' })).toBe('start');
    expect(firstInvalidField({ end: 'x', title: 'y' })).toBe('title');
    expect(firstInvalidField({})).toBeUndefined();
  });
});

describe('createFailure', () => {
  it('puts a title the server refused at the title field', () => {
    const error = new ApiError('VALIDATION_FAILED', 'bad', {
      status: 400,
      details: [{ path: ['title'], message: 'Too long' }],
    });
    expect(createFailure(error)).toEqual({ field: { title: t('visits.form.error.title') } });
  });

  it('puts any other failure above the form', () => {
    const result = createFailure(new ApiError('FORBIDDEN', 'no', { status: 403 }));
    expect(result).toEqual({ form: expect.any(String) as string });
  });
});
