import { describe, expect, it } from 'vitest';
import { ApiError } from './ApiError.ts';
import { fieldIssues } from './field-issues.ts';
import { apiUrl, createApiFetch, type FetchLike } from './client.ts';

interface Call {
  input: string;
  init: RequestInit;
}

/** A fake fetch that records its calls and answers with one canned response. */
function fakeFetch(respond: () => Response | Promise<Response>): {
  fetch: FetchLike;
  calls: Call[];
} {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (input, init) => {
      calls.push({ input, init });
      return respond();
    },
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('apiFetch', () => {
  it('sends a JSON body with the session cookie and parses the JSON answer', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, { id: 'v1' }));
    const apiFetch = createApiFetch(fetch);

    const result = await apiFetch<{ id: string }>('/visits', {
      method: 'POST',
      body: { title: 'Tea with Mum' },
    });

    expect(result).toEqual({ id: 'v1' });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.input).toBe('/api/v1/visits');
    expect(call?.init.method).toBe('POST');
    expect(call?.init.credentials).toBe('same-origin');
    expect(new Headers(call?.init.headers).get('content-type')).toBe('application/json');
    expect(call?.init.body).toBe('{"title":"Tea with Mum"}');
  });

  it('declares JSON and sends {} on a mutating request without a body', async () => {
    const { fetch, calls } = fakeFetch(() => new Response(null, { status: 204 }));
    const result = await createApiFetch(fetch)('/auth/sign-out', { method: 'POST' });

    expect(result).toBeUndefined();
    expect(new Headers(calls[0]?.init.headers).get('content-type')).toBe('application/json');
    expect(calls[0]?.init.body).toBe('{}');
  });

  it('sends no body and no content type on a GET, and encodes the query', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, []));
    await createApiFetch(fetch)('/visits', {
      query: { facilityId: 'f 1&x', status: undefined },
    });

    expect(calls[0]?.input).toBe('/api/v1/visits?facilityId=f+1%26x');
    expect(calls[0]?.init.body).toBeUndefined();
    expect(new Headers(calls[0]?.init.headers).has('content-type')).toBe(false);
  });

  it('turns the server error model into an ApiError with its code, status and request id', async () => {
    const { fetch } = fakeFetch(() =>
      json(401, {
        error: { code: 'UNAUTHENTICATED', message: 'Wrong email or password', requestId: 'req-7' },
      }),
    );
    const error = await caught(createApiFetch(fetch)('/auth/sign-in', { method: 'POST' }));

    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.status).toBe(401);
    expect(error.message).toBe('Wrong email or password');
    expect(error.requestId).toBe('req-7');
  });

  it('exposes the field issues of a validation failure', async () => {
    const { fetch } = fakeFetch(() =>
      json(400, {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Invalid body',
          details: [
            { path: 'title', message: 'Too short' },
            { path: ['scheduledEnd'], message: 'Must be after the start' },
            'not an issue',
          ],
          requestId: 'r',
        },
      }),
    );
    const error = await caught(createApiFetch(fetch)('/visits', { method: 'POST' }));

    expect(fieldIssues(error)).toEqual([
      { path: 'title', message: 'Too short' },
      { path: 'scheduledEnd', message: 'Must be after the start' },
    ]);
  });

  it('reports an error page that is not the API error model as an unexpected response', async () => {
    const { fetch } = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const error = await caught(createApiFetch(fetch)('/facilities'));

    expect(error.code).toBe('UNEXPECTED_RESPONSE');
    expect(error.status).toBe(502);
  });

  it('does not trust an error code it does not know', async () => {
    const { fetch } = fakeFetch(() =>
      json(500, { error: { code: 'SOMETHING_NEW', message: 'x', requestId: 'r' } }),
    );
    const error = await caught(createApiFetch(fetch)('/facilities'));

    expect(error.code).toBe('UNEXPECTED_RESPONSE');
  });

  it('reports a request that never reached the server as a network error', async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await caught(createApiFetch(fetch)('/facilities'));

    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.status).toBe(0);
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('lets an abort by the caller through unchanged', async () => {
    const controller = new AbortController();
    const abort = new DOMException('Aborted', 'AbortError');
    const { fetch } = fakeFetch(() => {
      controller.abort();
      return Promise.reject(abort);
    });

    await expect(createApiFetch(fetch)('/facilities', { signal: controller.signal })).rejects.toBe(
      abort,
    );
  });

  it('reports a success answer that is not JSON as an unexpected response', async () => {
    const { fetch } = fakeFetch(() => new Response('<html></html>', { status: 200 }));
    const error = await caught(createApiFetch(fetch)('/facilities'));

    expect(error.code).toBe('UNEXPECTED_RESPONSE');
  });
});

describe('apiUrl', () => {
  it('leaves out the question mark when there is no query', () => {
    expect(apiUrl('/auth/me')).toBe('/api/v1/auth/me');
  });
});
