// The cases the first probe found holding, kept here so a regression fails with the rest of the
// security suite: anonymous callers, another facility's ids, cross-site form posts, forged,
// altered and replayed webhooks, and oversized or malformed bodies and socket frames.
import { createHash, randomUUID } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PushCloseCode, type Facility, type LobbyTicket } from '@openconnect/contracts';
import { createApiHarness, type ApiHarness } from '../support/api.ts';
import { backends } from '../support/databases.ts';
import { LIVEKIT_ENV, postSigned, roomStarted } from './livekit-webhooks.ts';

const [pglite] = await backends();

/** Routes anyone may call without a session or a visitor's bearer token, and why. */
const PUBLIC_ROUTES = new Set([
  'POST /api/v1/auth/sign-in', // signing in
  'POST /api/v1/auth/sign-out', // ends whatever session the cookie names, if any
  'GET /api/v1/config', // what the pages need before anyone signs in
  'POST /api/v1/telemetry', // call timings from visitors' browsers, rate-limited per address
  'POST /api/v1/webhooks/livekit', // checked by the provider's signature instead
  'GET /api/v1/invites/{code}', // an invite link's landing page
  'POST /api/v1/invites/{code}/lobby', // knocking with an invite link
]);

/**
 * A visitor's routes: their entry's bearer token instead of a session. Everything under an entry
 * but staff's decisions about it (admit, deny, message, transfer).
 */
const VISITOR_ROUTE =
  /^(GET|POST|PUT) \/api\/v1\/lobby\/\{id\}(\/(?!(admit|deny|message|transfer)$)[a-z-]+)?$/;

describe('what already held', () => {
  let h: ApiHarness;
  let admin: string;
  let ticket: LobbyTicket;
  let visitId: string;
  let wsBase: string;

  beforeAll(async () => {
    h = await createApiHarness(pglite!, LIVEKIT_ENV);
    admin = await h.signIn();
    const made = await h.visitWithInvite(admin, 'Baseline visit');
    visitId = made.visitId;
    ticket = await h.knock(made.code, 'Ada');
    wsBase = (await h.app.listen({ host: '127.0.0.1', port: 0 })).replace(/^http/, 'ws');
  }, 120_000);
  afterAll(() => h.close(), 120_000);

  it('answers every other route 401 without a session, and a visitor’s routes 4xx without their token', async () => {
    const doc = (await h.request({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.length).toBeGreaterThan(25);
    const open: string[] = [];
    for (const route of routes.filter((r) => !PUBLIC_ROUTES.has(r))) {
      const [method, path] = route.split(' ') as [string, string];
      const res = await h.request({
        method: method as 'GET',
        url: path.replace(/\{[^}]+\}/g, randomUUID()),
        ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
      });
      // A visitor's own routes use the entry's bearer token, and may check the body first.
      const refused = VISITOR_ROUTE.test(route)
        ? res.statusCode >= 400 && res.statusCode < 500
        : res.statusCode === 401;
      if (!refused) open.push(`${route}: ${res.statusCode}`);
    }
    expect(open).toEqual([]);
  });

  it('answers staff of another facility 404 for this facility’s ids, as for unknown ones', async () => {
    const created = await h.request({
      method: 'POST',
      url: '/api/v1/facilities',
      cookie: admin,
      payload: { name: 'Elsewhere House' },
    });
    const elsewhere = created.json<Facility>();
    const staff = await h.request({
      method: 'POST',
      url: '/api/v1/staff',
      cookie: admin,
      payload: {
        email: 'elsewhere@example.test',
        displayName: 'Elsewhere Nurse',
        password: 'elsewhere-long-password',
        role: 'staff',
        facilityIds: [elsewhere.id],
      },
    });
    expect(staff.statusCode, staff.body).toBe(201);
    const other = await h.signIn('elsewhere@example.test', 'elsewhere-long-password');
    const attempts = [
      { method: 'GET', url: `/api/v1/visits/${visitId}` },
      { method: 'GET', url: `/api/v1/visits/${visitId}/participants` },
      { method: 'POST', url: `/api/v1/visits/${visitId}/invites`, payload: {} },
      { method: 'POST', url: `/api/v1/visits/${visitId}/end`, payload: {} },
      { method: 'POST', url: `/api/v1/lobby/${ticket.entryId}/admit`, payload: {} },
      { method: 'POST', url: `/api/v1/lobby/${ticket.entryId}/message`, payload: { text: 'hi' } },
    ] as const;
    for (const attempt of attempts) {
      const theirs = await h.request({ ...attempt, cookie: other });
      const unknown = await h.request({
        ...attempt,
        url: attempt.url.replace(visitId, randomUUID()).replace(ticket.entryId, randomUUID()),
        cookie: other,
      });
      expect(theirs.statusCode, `${attempt.method} ${attempt.url}`).toBe(404);
      expect(unknown.statusCode).toBe(404);
    }
  });

  it('refuses cross-site state changes: form bodies 415, another site’s Origin 403', async () => {
    const form = await h.request({
      method: 'POST',
      url: '/api/v1/visits',
      cookie: admin,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `facilityId=${h.demoFacilityId}&title=Forged`,
    });
    expect(form.statusCode).toBe(415);
    const text = await h.request({
      method: 'POST',
      url: '/api/v1/visits',
      cookie: admin,
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ facilityId: h.demoFacilityId, title: 'Forged' }),
    });
    expect(text.statusCode).toBe(415);
    const foreign = await h.request({
      method: 'POST',
      url: '/api/v1/visits',
      cookie: admin,
      headers: { origin: 'https://evil.example' },
      payload: { facilityId: h.demoFacilityId, title: 'Forged' },
    });
    expect(foreign.statusCode).toBe(403);
  });

  it('refuses forged and altered webhooks, and applies a replayed one once', async () => {
    const body = roomStarted('EV_baseline');
    const forged = await h.request({
      method: 'POST',
      url: '/api/v1/webhooks/livekit',
      headers: { 'content-type': 'application/webhook+json', authorization: 'not-a-jwt' },
      payload: body,
    });
    expect(forged.statusCode).toBe(401);
    const unsigned = await h.request({
      method: 'POST',
      url: '/api/v1/webhooks/livekit',
      headers: { 'content-type': 'application/webhook+json' },
      payload: body,
    });
    expect(unsigned.statusCode).toBe(401);
    // Signed for one body, sent with another: the body's hash no longer matches.
    const token = new AccessToken(LIVEKIT_ENV.LIVEKIT_API_KEY, LIVEKIT_ENV.LIVEKIT_SECRET, {
      ttl: 60,
    });
    token.sha256 = createHash('sha256').update(body).digest('base64');
    const altered = await h.request({
      method: 'POST',
      url: '/api/v1/webhooks/livekit',
      headers: { 'content-type': 'application/webhook+json', authorization: await token.toJwt() },
      payload: roomStarted('EV_baseline_altered'),
    });
    expect(altered.statusCode).toBe(401);
    const signed = await postSigned(h, body);
    expect(signed.statusCode, signed.body).toBe(200);
    const replayed = await postSigned(h, body);
    expect(replayed.statusCode).toBe(200);
    const rows = await h.ctx.db
      .selectFrom('webhook_events')
      .select('id')
      .where('id', '=', 'EV_baseline')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses oversized and malformed bodies with 4xx in the error model', async () => {
    const huge = await h.request({
      method: 'POST',
      url: '/api/v1/visits',
      cookie: admin,
      payload: { facilityId: h.demoFacilityId, title: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(huge.statusCode).toBe(413);
    const malformed = await h.request({
      method: 'POST',
      url: '/api/v1/visits',
      cookie: admin,
      headers: { 'content-type': 'application/json' },
      payload: '{"title": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('MALFORMED_REQUEST');
  });

  it('closes a lobby socket on an oversized, binary or malformed frame, each with its code', async () => {
    const closeCode = (send: (socket: WebSocket) => void) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(`${wsBase}/ws/lobby`);
        socket.on('error', () => undefined);
        socket.on('open', () => send(socket));
        socket.on('close', (code) => resolve(code));
      });
    expect(await closeCode((s) => s.send('x'.repeat(10_000)))).toBe(
      PushCloseCode.MESSAGE_TOO_LARGE,
    );
    expect(await closeCode((s) => s.send(Buffer.from([1, 2, 3]), { binary: true }))).toBe(
      PushCloseCode.MESSAGE_TOO_LARGE,
    );
    expect(await closeCode((s) => s.send('{"type":'))).toBe(PushCloseCode.BAD_HELLO);
    expect(
      await closeCode((s) => s.send(JSON.stringify({ type: 'hello', entryId: 'x', token: 'y' }))),
    ).toBe(PushCloseCode.BAD_HELLO);
    const hello = JSON.stringify({
      type: 'hello',
      entryId: ticket.entryId,
      token: ticket.visitorToken,
    });
    expect(
      await closeCode((s) => {
        s.send(hello);
        s.send(hello);
      }),
    ).toBe(PushCloseCode.DUPLICATE_HELLO);
  });
});
