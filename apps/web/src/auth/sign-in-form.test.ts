import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../api/ApiError.ts';
import { loadMessages, t } from '../i18n/t.ts';
import { checkSignInForm, signInErrorMessage } from './sign-in-form.ts';

// The sign-in page speaks with the staff part of the catalogue, which the app loads lazily.
beforeAll(() => loadMessages('staff'));

describe('checkSignInForm', () => {
  it('finds nothing wrong with an email address and a password', () => {
    expect(checkSignInForm('  ana@example.com ', 'secret')).toEqual({});
  });

  it('says which fields to fix', () => {
    expect(checkSignInForm('ana', '')).toEqual({
      email: t('signIn.error.email'),
      password: t('signIn.error.password'),
    });
  });
});

describe('signInErrorMessage', () => {
  it('names wrong credentials and too many tries in the words of the sign-in page', () => {
    const wrong = new ApiError('UNAUTHENTICATED', 'no', { status: 401 });
    const tooMany = new ApiError('RATE_LIMITED', 'slow down', { status: 429 });
    expect(signInErrorMessage(wrong)).toBe(t('signIn.error.credentials'));
    expect(signInErrorMessage(tooMany)).toBe(t('signIn.error.rateLimited'));
  });
});
