// The one error model of the API: every failure a client sees has this shape and one of these codes.
import { z } from 'zod';
import { errorCodes } from './error-codes.ts';

export { errorCodes };

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
