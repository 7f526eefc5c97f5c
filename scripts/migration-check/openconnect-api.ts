// The product's public HTTP API as the check uses it: JSON in and out, the staff session cookie,
// a visitor's bearer secret, and failures that name the request and the server's error code.
import { CheckFailure } from './steps.ts';

const SESSION_COOKIE = 'oc_session';

export interface ApiAnswer<T> {
  readonly status: number;
  readonly body: T;
}

/** A client for one deployment; remembers the staff session once signed in. */
export class OpenConnectApi {
  private cookie = '';

  constructor(
    readonly baseUrl: string,
    session?: string,
  ) {
    if (session) this.cookie = `${SESSION_COOKIE}=${session}`;
  }

  /** Signs in; a wrong password or an unknown account fails with the server's message. */
  async signIn(email: string, password: string, signal?: AbortSignal): Promise<void> {
    const res = await this.send('POST', '/api/v1/auth/sign-in', { email, password }, {}, signal);
    if (res.status !== 200) throw failure('POST /api/v1/auth/sign-in', res.status, res.text);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0] ?? '')
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (!cookie) throw new CheckFailure('sign-in answered 200 but set no session cookie');
    this.cookie = cookie;
  }

  /** A request that must answer `expected`; anything else is a `CheckFailure`. */
  async call<T>(
    method: string,
    path: string,
    options: {
      body?: unknown;
      expected?: number;
      bearer?: string;
      signal?: AbortSignal;
    } = {},
  ): Promise<T> {
    const { status, body } = await this.request<T>(method, path, options);
    const expected = options.expected ?? 200;
    if (status !== expected) throw failure(`${method} ${path}`, status, JSON.stringify(body));
    return body;
  }

  /** A request whose status the caller inspects. */
  async request<T>(
    method: string,
    path: string,
    options: {
      body?: unknown;
      bearer?: string;
      signal?: AbortSignal;
      headers?: Record<string, string>;
    } = {},
  ): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = {};
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    const res = await this.send(
      method,
      path,
      options.body,
      { ...headers, ...options.headers },
      options.signal,
    );
    let body: unknown = res.text;
    try {
      body = res.text ? JSON.parse(res.text) : null;
    } catch {
      // Not JSON (e.g. /metrics): the text is the body.
    }
    return { status: res.status, body: body as T };
  }

  private async send(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ) {
    const url = `${this.baseUrl}${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          ...(this.cookie && !headers.authorization ? { cookie: this.cookie } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ?? null,
      });
    } catch (error) {
      throw new CheckFailure(`${method} ${url} did not answer`, { cause: error });
    }
    return { status: res.status, headers: res.headers, text: await res.text() };
  }
}

/** "POST /api/v1/visits answered 403 FORBIDDEN: You may not …" */
function failure(request: string, status: number, text: string): CheckFailure {
  let reason = text.slice(0, 200);
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (parsed.error) reason = `${parsed.error.code ?? ''}: ${parsed.error.message ?? ''}`;
  } catch {
    // keep the raw text
  }
  return new CheckFailure(`${request} answered ${status} ${reason}`.trim());
}
