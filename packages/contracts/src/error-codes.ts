// The API's stable error codes, without zod, so the visitor's page can import them cheaply.
/** Stable error codes of the HTTP API (provider codes included: they reach clients through it). */
export const errorCodes = [
  'VALIDATION_FAILED',
  'MALFORMED_REQUEST',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GONE',
  'RATE_LIMITED',
  'INTERNAL',
  'PROVIDER_UNAVAILABLE',
  'ROOM_NOT_FOUND',
  'ROOM_FULL',
  'PARTICIPANT_NOT_FOUND',
  'PERMISSION_DENIED',
  'INVALID_ARGUMENT',
  'RECORDING_FAILED',
  'CONSENT_REQUIRED',
  'TIMEOUT',
] as const;
