// The visitor's side of the waiting-room API. The visitor has no account: every call after the
// knock proves the entry is theirs with its bearer `visitorToken`.
import type { JoinCredentials, LobbyState, LobbyTicket } from '@openconnect/contracts';
import { ApiError } from '../api/ApiError.ts';
import { createApiFetch, type FetchLike } from '../api/client.ts';

/** A knock refused because this invite had too many recently; `retryAfterSeconds` from the server. */
export class RateLimitedError extends ApiError {
  constructor(
    cause: ApiError,
    readonly retryAfterSeconds: number | null,
  ) {
    super('RATE_LIMITED', cause.message, {
      status: cause.status,
      requestId: cause.requestId,
      cause,
    });
  }
}

/** Seconds from a `retry-after` header (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export interface LobbyApi {
  knock(code: string, displayName: string): Promise<LobbyTicket>;
  state(entryId: string, token: string): Promise<LobbyState>;
  cancel(entryId: string, token: string): Promise<LobbyState>;
  join(entryId: string, token: string): Promise<JoinCredentials>;
  leave(entryId: string, token: string): Promise<void>;
}

/** The lobby API over `fetch` (the browser's by default). */
export function createLobbyApi(
  fetchImpl: FetchLike = (input, init) => fetch(input, init),
): LobbyApi {
  const withToken = (token: string) =>
    createApiFetch((input, init) =>
      fetchImpl(input, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` },
      }),
    );
  const entryPath = (entryId: string, action = '') =>
    `/lobby/${encodeURIComponent(entryId)}${action ? `/${action}` : ''}`;
  return {
    async knock(code, displayName) {
      let retryAfter: string | null = null;
      const knockFetch = createApiFetch(async (input, init) => {
        const response = await fetchImpl(input, init);
        retryAfter = response.headers.get('retry-after');
        return response;
      });
      try {
        return await knockFetch<LobbyTicket>(`/invites/${encodeURIComponent(code)}/lobby`, {
          method: 'POST',
          body: { displayName },
        });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'RATE_LIMITED') {
          throw new RateLimitedError(error, parseRetryAfter(retryAfter));
        }
        throw error;
      }
    },
    state: (entryId, token) => withToken(token)<LobbyState>(entryPath(entryId)),
    cancel: (entryId, token) =>
      withToken(token)<LobbyState>(entryPath(entryId, 'cancel'), { method: 'POST' }),
    join: (entryId, token) =>
      withToken(token)<JoinCredentials>(entryPath(entryId, 'join'), { method: 'POST' }),
    leave: (entryId, token) =>
      withToken(token)<void>(entryPath(entryId, 'leave'), { method: 'POST' }),
  };
}
