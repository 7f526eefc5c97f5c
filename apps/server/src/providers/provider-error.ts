// ProviderError: the one error type of the provider boundary. Every failure of a video backend
// becomes one of our codes, says whether retrying may help, and keeps the original for logs.
import type { ErrorCode } from '@openconnect/contracts';

export const providerErrorCodes = [
  'PROVIDER_UNAVAILABLE',
  'ROOM_NOT_FOUND',
  'ROOM_FULL',
  'PARTICIPANT_NOT_FOUND',
  'PERMISSION_DENIED',
  'INVALID_ARGUMENT',
  'RECORDING_FAILED',
  'RATE_LIMITED',
  'TIMEOUT',
] as const satisfies readonly ErrorCode[];

export type ProviderErrorCode = (typeof providerErrorCodes)[number];

const retryableByDefault: ReadonlySet<ProviderErrorCode> = new Set([
  'PROVIDER_UNAVAILABLE',
  'RATE_LIMITED',
  'TIMEOUT',
]);

export class ProviderError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly code: ProviderErrorCode,
    message: string,
    options: { provider: string; cause?: unknown; retryable?: boolean },
  ) {
    super(message, { cause: options.cause });
    this.name = 'ProviderError';
    this.provider = options.provider;
    this.retryable = options.retryable ?? retryableByDefault.has(code);
  }

  readonly provider: string;
}
