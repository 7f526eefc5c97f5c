// Every documented endpoint answers bad input with a 4xx in the error model, never a 500: the
// routes are read from the OpenAPI document, so a new endpoint is covered the day it is added.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from './support/api.ts';
import { backends } from './support/databases.ts';

const [pglite] = await backends();

describe('every endpoint under bad input', () => {
  let h: ApiHarness;
  let admin: string;
  let routes: { method: string; url: string; takesInput: boolean }[];

  beforeAll(async () => {
    h = await createApiHarness(pglite!);
    admin = await h.signIn();
    type Operation = { requestBody?: unknown; parameters?: { in: string }[] };
    const doc = (await h.request({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        // Path parameters get values that are not ids.
        url: path.replace(/\{[^}]+\}/g, 'not-an-id'),
        // Routes with a body or parameters must refuse bad ones; the others (sign-out, public
        // config) may succeed whatever is sent, but never fail with a 5xx.
        takesInput:
          operation.requestBody !== undefined ||
          (operation.parameters ?? []).some((p) => p.in === 'path' || p.in === 'query'),
      })),
    );
  });
  afterAll(() => h.close());

  const payloads: { name: string; body: string }[] = [
    { name: 'malformed JSON', body: '{"title": ' },
    { name: 'an array', body: '[1,2,3]' },
    { name: 'a string', body: '"hello"' },
    { name: 'null', body: 'null' },
    {
      name: 'wrong types everywhere',
      body: JSON.stringify({
        email: 5,
        password: [],
        title: {},
        facilityId: true,
        displayName: null,
        percentage: 'all',
      }),
    },
    { name: 'deep nesting', body: '{"a":'.repeat(2000) + '1' + '}'.repeat(2000) },
  ];

  it('covers the API surface', () => {
    expect(routes.length).toBeGreaterThan(25);
  });

  for (const signedIn of [false, true]) {
    it(`answers every route ${signedIn ? 'signed in' : 'anonymously'} with 4xx for bad ids and bodies`, async () => {
      const failures: string[] = [];
      for (const route of routes) {
        const attempts = route.method === 'GET' ? [{ name: 'no body', body: undefined }] : payloads;
        for (const attempt of attempts) {
          const res = await h.request({
            method: route.method as 'GET',
            url: route.url,
            cookie: signedIn ? admin : undefined,
            headers: attempt.body === undefined ? {} : { 'content-type': 'application/json' },
            ...(attempt.body === undefined ? {} : { payload: attempt.body }),
          });
          const refused =
            res.statusCode >= 400 &&
            res.statusCode < 500 &&
            typeof res.json<{ error?: { code?: string } }>().error?.code === 'string';
          const ok = refused || (!route.takesInput && res.statusCode < 300);
          if (!ok)
            failures.push(
              `${route.method} ${route.url} with ${attempt.name}: ${res.statusCode} ${res.body.slice(0, 120)}`,
            );
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
