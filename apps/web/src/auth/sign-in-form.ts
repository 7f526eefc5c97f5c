// The staff sign-in form's checks and failures in plain words: the contract's schema checks the
// fields before the server is asked, and a refused sign-in gets a sentence of this page.
import { SignInBody } from '@openconnect/contracts';
import { errorMessage } from '../api/errorMessage.ts';
import { t } from '../i18n/t.ts';

export interface SignInFieldErrors {
  email?: string;
  password?: string;
}

/** Checks the form before asking the server; the server still decides. */
export function checkSignInForm(email: string, password: string): SignInFieldErrors {
  const result = SignInBody.safeParse({ email: email.trim(), password });
  if (result.success) return {};
  const errors: SignInFieldErrors = {};
  for (const issue of result.error.issues) {
    if (issue.path[0] === 'email') errors.email = t('signIn.error.email');
    if (issue.path[0] === 'password') errors.password = t('signIn.error.password');
  }
  return errors;
}

/** A sentence for a failed sign-in: wrong email or password and too many tries get their own. */
export function signInErrorMessage(error: unknown): string {
  return errorMessage(error, {
    UNAUTHENTICATED: 'signIn.error.credentials',
    RATE_LIMITED: 'signIn.error.rateLimited',
  });
}
