// The one table from error codes to HTTP statuses, API and provider codes alike.
import type { ErrorCode } from '@openconnect/contracts';

const statusByCode: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ROOM_NOT_FOUND: 404,
  PARTICIPANT_NOT_FOUND: 404,
  CONFLICT: 409,
  ROOM_FULL: 409,
  CONSENT_REQUIRED: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  RECORDING_FAILED: 502,
  PROVIDER_UNAVAILABLE: 503,
  TIMEOUT: 504,
};

/** The HTTP status an error code is answered with. */
export function httpStatusFor(code: ErrorCode): number {
  return statusByCode[code];
}
