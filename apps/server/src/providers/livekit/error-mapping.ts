// Maps every failure of livekit-server-sdk (Twirp errors, HTTP statuses, network errors,
// timeouts) to a ProviderError with our code. One table, tested row by row.
import { TwirpError } from 'livekit-server-sdk';
import { ProviderError, type ProviderErrorCode } from '../provider-error.ts';

const PROVIDER = 'livekit';

/** Twirp error codes (https://twitchtv.github.io/twirp/docs/spec_v7.html) → our codes. */
export const twirpCodeMap: Readonly<Record<string, ProviderErrorCode>> = {
  not_found: 'ROOM_NOT_FOUND',
  bad_route: 'PROVIDER_UNAVAILABLE',
  invalid_argument: 'INVALID_ARGUMENT',
  out_of_range: 'INVALID_ARGUMENT',
  malformed: 'INVALID_ARGUMENT',
  already_exists: 'INVALID_ARGUMENT',
  failed_precondition: 'INVALID_ARGUMENT',
  unauthenticated: 'PERMISSION_DENIED',
  permission_denied: 'PERMISSION_DENIED',
  resource_exhausted: 'RATE_LIMITED',
  deadline_exceeded: 'TIMEOUT',
  canceled: 'TIMEOUT',
  unavailable: 'PROVIDER_UNAVAILABLE',
  internal: 'PROVIDER_UNAVAILABLE',
  unknown: 'PROVIDER_UNAVAILABLE',
  dataloss: 'PROVIDER_UNAVAILABLE',
  unimplemented: 'PROVIDER_UNAVAILABLE',
  aborted: 'PROVIDER_UNAVAILABLE',
};

/** HTTP statuses without a Twirp code (proxies, load balancers) → our codes. */
function codeForStatus(status: number): ProviderErrorCode {
  if (status === 400 || status === 409 || status === 412) return 'INVALID_ARGUMENT';
  if (status === 401 || status === 403) return 'PERMISSION_DENIED';
  if (status === 404) return 'ROOM_NOT_FOUND';
  if (status === 408 || status === 504) return 'TIMEOUT';
  if (status === 429) return 'RATE_LIMITED';
  return 'PROVIDER_UNAVAILABLE';
}

// A missing participant comes back as not_found too; the message tells which thing is missing.
function refineNotFound(message: string, operation: string): ProviderErrorCode {
  if (
    /participant/i.test(message) ||
    operation === 'removeParticipant' ||
    operation === 'getParticipant'
  ) {
    return 'PARTICIPANT_NOT_FOUND';
  }
  return 'ROOM_NOT_FOUND';
}

function isTimeout(error: Error): boolean {
  return (
    error.name === 'TimeoutError' ||
    error.name === 'AbortError' ||
    /timed? ?out|ETIMEDOUT|UND_ERR_.*TIMEOUT/i.test(
      `${error.message} ${String((error as { code?: unknown }).code ?? '')}`,
    )
  );
}

/** The ProviderError for an error thrown by a LiveKit SDK call named `operation`. */
export function mapLiveKitError(error: unknown, operation: string): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof TwirpError) {
    let code = error.code ? twirpCodeMap[error.code] : undefined;
    code ??= codeForStatus(error.status);
    if (code === 'ROOM_NOT_FOUND') code = refineNotFound(error.message, operation);
    return new ProviderError(
      code,
      `LiveKit ${operation} failed: ${error.message || error.code || error.status}`,
      {
        provider: PROVIDER,
        cause: error,
      },
    );
  }
  if (error instanceof Error && isTimeout(error)) {
    return new ProviderError('TIMEOUT', `LiveKit ${operation} timed out.`, {
      provider: PROVIDER,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(
    'PROVIDER_UNAVAILABLE',
    `LiveKit ${operation} could not reach the server: ${message}`,
    {
      provider: PROVIDER,
      cause: error,
    },
  );
}
