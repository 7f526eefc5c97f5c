// The typed fetch client for the server's `/api/v1`: sends JSON with the session cookie and turns
// every failure into an ApiError. Response bodies are trusted to match the shared contract types
// (the server validates what it sends); the zod schemas stay out of the visitor's bundle.
import type { ErrorCode } from '@openconnect/contracts';
import { errorCodes } from '@openconnect/contracts/error-codes';
import { ApiError } from './ApiError.ts';

export const API_BASE = '/api/v1';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest {
  method?: Method;
  /** A JSON-serialisable body. Mutating requests send `{}` when there is none. */
  body?: unknown;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
}

/** The `fetch` the client calls; tests pass a fake one. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** The server's error codes, from the contract's zod-free list (keeps zod out of the visitor's bundle). */
export const knownErrorCodes: ReadonlySet<string> = new Set<string>(errorCodes);

/** Builds the request URL: `/api/v1` + path + query string. */
export function apiUrl(path: string, query: ApiRequest['query'] = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

/** Reads the server's error model from a failed response, or describes why it could not. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const error =
    typeof parsed === 'object' && parsed !== null
      ? (parsed as { error?: unknown }).error
      : undefined;
  if (typeof error === 'object' && error !== null) {
    const { code, message, details, requestId } = error as Record<string, unknown>;
    if (typeof code === 'string' && knownErrorCodes.has(code)) {
      return new ApiError(code as ErrorCode, typeof message === 'string' ? message : code, {
        status: response.status,
        details,
        requestId: typeof requestId === 'string' ? requestId : undefined,
      });
    }
  }
  return new ApiError(
    'UNEXPECTED_RESPONSE',
    `HTTP ${response.status} without the API error model`,
    { status: response.status },
  );
}

/** Creates an API client bound to one `fetch` (the browser's by default). */
export function createApiFetch(fetchImpl: FetchLike) {
  return async function apiFetch<T>(path: string, request: ApiRequest = {}): Promise<T> {
    const method = request.method ?? 'GET';
    const headers: Record<string, string> = { Accept: 'application/json' };
    let body: string | undefined;
    if (method !== 'GET') {
      // The server only accepts mutating requests declared as JSON (a CSRF defence).
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.body ?? {});
    }
    let response: Response;
    try {
      response = await fetchImpl(apiUrl(path, request.query), {
        method,
        headers,
        body,
        credentials: 'same-origin',
        signal: request.signal,
      });
    } catch (cause) {
      // An abort is the caller's own decision: let it through untouched.
      if (request.signal?.aborted) throw cause;
      throw new ApiError('NETWORK_ERROR', 'The request did not reach the server', { cause });
    }
    if (!response.ok) throw await errorFromResponse(response);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new ApiError('UNEXPECTED_RESPONSE', 'The server answered with something not JSON', {
        status: response.status,
        cause,
      });
    }
  };
}

/** Calls `/api/v1` + path with the browser's fetch; resolves to the parsed JSON body. */
export const apiFetch = createApiFetch((input, init) => fetch(input, init));
