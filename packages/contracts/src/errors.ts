// The one error model of the API: every failure a client sees has this shape and one of these codes.
import { z } from 'zod';

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
  'TIMEOUT',
] as const;

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
