// What to tell a person when a request failed: one kind, plain sentence per error code.
import { t, type PlainKey } from '../i18n/t.ts';
import { ApiError, type ApiErrorCode } from './ApiError.ts';

const messages: Partial<Record<ApiErrorCode, PlainKey>> = {
  NETWORK_ERROR: 'error.network',
  UNAUTHENTICATED: 'error.unauthenticated',
  FORBIDDEN: 'error.forbidden',
  PERMISSION_DENIED: 'error.forbidden',
  NOT_FOUND: 'error.notFound',
  RATE_LIMITED: 'error.rateLimited',
  VALIDATION_FAILED: 'error.validation',
  PROVIDER_UNAVAILABLE: 'error.unavailable',
  TIMEOUT: 'error.unavailable',
};

/**
 * A sentence for a failed request. `overrides` replaces the text for codes where the page knows
 * better (a 401 on sign-in means wrong credentials, not an ended session).
 */
export function errorMessage(
  error: unknown,
  overrides: Partial<Record<ApiErrorCode, PlainKey>> = {},
): string {
  const code: ApiErrorCode = error instanceof ApiError ? error.code : 'INTERNAL';
  const key = overrides[code] ?? messages[code];
  if (key) return t(key);
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return requestId
    ? t('error.generic.withReference', { reference: requestId })
    : t('error.generic');
}
