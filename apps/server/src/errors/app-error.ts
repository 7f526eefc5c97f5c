// AppError: the one error type of the API boundary. Domain code throws it with a stable code;
// the HTTP layer turns it into the error model with the status from `httpStatusFor`.
import type { ErrorCode } from '@openconnect/contracts';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} not found.`);
export const forbidden = (message = 'You do not have access to this.'): AppError =>
  new AppError('FORBIDDEN', message);
