// Logs carry no secrets: a whole visit, its error cases and a forced database error run against
// a server whose log lines are captured, and no line may hold a password or its hash, a session
// or visitor token or their hashes, an invite code, an entry id in a path, a JWT or a cookie.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinCredentials } from '@openconnect/contracts';
import { ADMIN_PASSWORD, createApiHarness, type ApiHarness } from '../support/api.ts';
import { backends } from '../support/databases.ts';
import { loggablePath } from '../../src/http/log-serializers.ts';

const list = await backends();
const FORCED_EMAIL = 'forced.failure@example.test';
const STAFF_PASSWORD = 'the-new-staff-password';

describe.each(list)('logs on $name', (backend) => {
  let h: ApiHarness;
  const lines: string[] = [];
  const secrets = new Map<string, string>();
  const keep = (what: string, value: string) => secrets.set(what, value);
  const hashes = (what: string, value: string) => {
    for (const encoding of ['hex', 'base64', 'base64url'] as const)
      keep(`${what} (sha256 ${encoding})`, createHash('sha256').update(value).digest(encoding));
  };

  beforeAll(async () => {
    h = await createApiHarness(backend, { LOG_LEVEL: 'debug' }, undefined, {
      write: (line) => void lines.push(line),
    });
  }, 180_000);
  afterAll(() => h.close(), 180_000);

  it('runs a whole visit, its errors and a database failure without one secret in the log', async () => {
    const admin = await h.signIn();
    const session = admin.split('=')[1]!;
    keep('admin password', ADMIN_PASSWORD);
    keep('session token', session);
    hashes('session token', session);

    const { visitId, code } = await h.visitWithInvite(admin, 'A visit with Grandma');
    keep('invite code', code);
    const ticket = await h.knock(code, 'Ada');
    keep('visitor token', ticket.visitorToken);
    hashes('visitor token', ticket.visitorToken);
    keep('entry id', ticket.entryId);
    const visitor = { authorization: `Bearer ${ticket.visitorToken}` };

    expect(
      (await h.request({ method: 'GET', url: `/api/v1/lobby/${ticket.entryId}`, headers: visitor }))
        .statusCode,
    ).toBe(200);
    const message = await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/message`,
      cookie: admin,
      payload: { text: 'One moment please' },
    });
    expect(message.statusCode).toBe(201);
    const admit = await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/admit`,
      cookie: admin,
      payload: {},
    });
    expect(admit.statusCode, admit.body).toBe(200);
    const join = await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/join`,
      headers: visitor,
      payload: {},
    });
    expect(join.statusCode, join.body).toBe(200);
    keep('visitor video token', join.json<JoinCredentials>().token);
    const hostJoin = await h.request({
      method: 'POST',
      url: `/api/v1/visits/${visitId}/join`,
      cookie: admin,
      payload: {},
    });
    expect(hostJoin.statusCode, hostJoin.body).toBe(200);
    keep('host video token', hostJoin.json<JoinCredentials>().token);

    const second = await h.knock(code, 'Bob');
    keep('second visitor token', second.visitorToken);
    const deny = await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${second.entryId}/deny`,
      cookie: admin,
      payload: { reason: 'Not today' },
    });
    expect(deny.statusCode, deny.body).toBe(200);

    // Error cases: a wrong password, a wrong visitor token, a made-up invite code, a bad body.
    const wrongPassword = 'not-the-password-at-all';
    keep('wrong password', wrongPassword);
    await h.request({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'admin@example.test', password: wrongPassword },
    });
    const forged = 'forged-visitor-token-0123456789abcdef';
    keep('forged visitor token', forged);
    expect(
      (
        await h.request({
          method: 'GET',
          url: `/api/v1/lobby/${ticket.entryId}`,
          headers: { authorization: `Bearer ${forged}` },
        })
      ).statusCode,
    ).toBeGreaterThanOrEqual(400);
    const madeUp = 'MadeUpInviteCode0123456789';
    keep('made-up invite code', madeUp);
    await h.request({ method: 'GET', url: `/api/v1/invites/${madeUp}?t=${forged}` });
    await h.request({ method: 'GET', url: `/join/${madeUp}` });

    // A database failure while the row holds a fresh password hash: the insert's parameters
    // include it, and a whole database error in the log would carry it.
    await sql`alter table staff add constraint forced_failure check (email <> ${sql.lit(FORCED_EMAIL)})`.execute(
      h.ctx.db,
    );
    keep('new staff password', STAFF_PASSWORD);
    const failed = await h.request({
      method: 'POST',
      url: '/api/v1/staff',
      cookie: admin,
      payload: {
        email: FORCED_EMAIL,
        displayName: 'Forced Failure',
        password: STAFF_PASSWORD,
        role: 'staff',
        facilityIds: [h.demoFacilityId],
      },
    });
    expect(failed.statusCode).toBe(500);

    // Removal that withdraws the shared link, then a knock on the withdrawn link (410), and a
    // knock whose name holds a NUL byte (400): none of them may put the code in the log.
    const visitorParticipant = (await h.participants(admin, visitId)).find(
      (p) => p.identity === `visitor-${ticket.entryId}`,
    );
    const removed = await h.request({
      method: 'POST',
      url: `/api/v1/visits/${visitId}/participants/${visitorParticipant!.id}/remove`,
      cookie: admin,
      payload: { withdrawLink: true },
    });
    expect(removed.statusCode, removed.body).toBe(204);
    const withdrawn = await h.request({
      method: 'POST',
      url: `/api/v1/invites/${code}/lobby`,
      payload: { displayName: 'Ada again' },
    });
    expect(withdrawn.statusCode).toBe(410);
    const other = await h.visitWithInvite(admin, 'Another visit');
    keep('second invite code', other.code);
    const nul = await h.request({
      method: 'POST',
      url: `/api/v1/invites/${other.code}/lobby`,
      payload: { displayName: 'a\u0000b' },
    });
    expect(nul.statusCode).toBe(400);

    const signOut = await h.request({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      cookie: admin,
      payload: {},
    });
    expect(signOut.statusCode).toBe(204);

    const log = lines.join('');
    // The log did record the run: the failure is there, by code and constraint only.
    expect(log).toContain('"constraint":"forced_failure"');
    expect(log).toContain('/api/v1/invites/[redacted]/lobby');
    expect(log).toContain(`/api/v1/lobby/[redacted]/admit`);
    for (const [what, value] of secrets) expect.soft(log, what).not.toContain(value);
    expect.soft(log, 'a password hash').not.toMatch(/scrypt\$/);
    expect.soft(log, 'a JWT').not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    expect.soft(log, 'a cookie').not.toMatch(/oc_session=/);
    expect.soft(log, 'a bearer token').not.toMatch(/Bearer [\w-]/);
    expect.soft(log, 'a query string').not.toContain('?t=');

    // One line per request, when it is answered, naming the request, its answer and its time.
    const entries = log
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.filter((e) => e.msg === 'incoming request')).toEqual([]);
    const admitted = entries.filter(
      (e) =>
        e.msg === 'request completed' &&
        (e.req as { url?: string } | undefined)?.url === '/api/v1/lobby/[redacted]/admit',
    );
    expect(admitted).toHaveLength(1);
    expect(admitted[0]).toMatchObject({ req: { method: 'POST' }, res: { statusCode: 200 } });
    expect(admitted[0]!.responseTime).toEqual(expect.any(Number));
  });
});

describe('loggablePath', () => {
  it('redacts invite codes and entry ids in paths and drops the query string', () => {
    expect(loggablePath('/api/v1/invites/AbC123_-xyz/lobby?x=1')).toBe(
      '/api/v1/invites/[redacted]/lobby',
    );
    expect(loggablePath('/join/AbC123_-xyz')).toBe('/join/[redacted]');
    expect(loggablePath('/api/v1/lobby/0b4e99e0-0000-4000-8000-000000000000/join')).toBe(
      '/api/v1/lobby/[redacted]/join',
    );
    expect(loggablePath('/api/v1/facilities/f1/lobby')).toBe('/api/v1/facilities/f1/lobby');
  });
});
