import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './ApiError.ts';
import { errorMessage } from './errorMessage.ts';
import { loadMessages, t } from '../i18n/t.ts';

// The module under test speaks with the staff part of the catalogue, which the app loads lazily.
beforeAll(() => loadMessages('staff'));

describe('errorMessage', () => {
  it('explains a network failure as a connection problem', () => {
    expect(errorMessage(new ApiError('NETWORK_ERROR', 'x'))).toBe(t('error.network'));
  });

  it('lets a page override the text for one code', () => {
    const error = new ApiError('UNAUTHENTICATED', 'x', { status: 401 });
    expect(errorMessage(error, { UNAUTHENTICATED: 'signIn.error.credentials' })).toBe(
      t('signIn.error.credentials'),
    );
    expect(errorMessage(error)).toBe(t('error.unauthenticated'));
  });

  it('gives a generic message with the request id as a reference for unexpected errors', () => {
    const error = new ApiError('INTERNAL', 'boom', { status: 500, requestId: 'req-42' });
    expect(errorMessage(error)).toBe(t('error.generic.withReference', { reference: 'req-42' }));
    expect(errorMessage(error)).toContain('req-42');
  });

  it('treats anything that is not an ApiError as unexpected', () => {
    expect(errorMessage(new Error('bug'))).toBe(t('error.generic'));
  });
});
