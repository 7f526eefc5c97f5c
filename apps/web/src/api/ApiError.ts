// The one error type of the web app's API boundary: every failed request becomes an ApiError
// with a stable `code`, whether the server answered with its error model or never answered.
import type { ErrorCode } from '@openconnect/contracts';

/** Codes the client itself assigns when there is no usable answer from the server. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

export type ApiErrorCode = ErrorCode | ClientErrorCode;

/** A failed API request: `code` is what callers branch on, `message` is for logs, not users. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  /** HTTP status, or 0 when the request never got an answer. */
  readonly status: number;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(
    code: ApiErrorCode,
    message: string,
    options: { status?: number; details?: unknown; requestId?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.status = options.status ?? 0;
    this.details = options.details;
    this.requestId = options.requestId;
  }
}
