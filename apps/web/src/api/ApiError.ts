// The one error type of the web app's API boundary: every failed request becomes an ApiError
// with a stable `code`, whether the server answered with its error model or never answered.
import type { ErrorCode } from '@openconnect/contracts';

/** Codes the client itself assigns when there is no usable answer from the server. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

export type ApiErrorCode = ErrorCode | ClientErrorCode;

/** One problem with one field of a request body, as the server reports validation failures. */
export interface FieldIssue {
  path: string;
  message: string;
}

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

  /** The per-field issues of a `VALIDATION_FAILED` error, or none. */
  get fieldIssues(): FieldIssue[] {
    if (this.code !== 'VALIDATION_FAILED' || !Array.isArray(this.details)) return [];
    return this.details.flatMap((item: unknown) => {
      if (typeof item !== 'object' || item === null) return [];
      const { path, message } = item as Record<string, unknown>;
      if (typeof message !== 'string') return [];
      const joined = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
      return [{ path: joined, message }];
    });
  }
}
