// The v1 API over a real database: sign-in, visits, invites, facility isolation, the audit log,
// and bad input answered with 4xx in the error model, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, createApiHarness, type ApiHarness } from './support/api.ts';
import { backends } from './support/databases.ts';
import { FREE_FAILURES } from '../src/auth/sign-in-throttle.ts';

const list = await backends();

describe.each(list)('API v1 on $name', (backend) => {
  let h: ApiHarness;
  let admin: string;

  beforeAll(async () => {
    h = await createApiHarness(backend);
    admin = await h.signIn();
  });
  afterAll(() => h.close());

  async function createVisit(cookie: string, facilityId: string, title = 'Visit with Grandma') {
    const res = await h.request({
      method: 'POST',
      url: '/api/v1/visits',
      cookie,
      payload: { facilityId, title },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; status: string; provider: string | null }>();
  }

  describe('staff sign-in', () => {
    it('sets an HttpOnly, SameSite=Strict session cookie and reports who is signed in', async () => {
      const res = await h.request({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: ADMIN_EMAIL.toUpperCase(), password: 'a-long-test-password' },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'oc_session');
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.sameSite).toBe('Strict');
      const me = await h.request({
        method: 'GET',
        url: '/api/v1/auth/me',
        cookie: `oc_session=${cookie?.value}`,
      });
      expect(me.json()).toMatchObject({
        email: ADMIN_EMAIL,
        role: 'admin',
        facilityIds: [h.demoFacilityId],
      });
    });

    it('rejects a wrong password and an unknown email with the same answer', async () => {
      const wrong = await h.request({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: ADMIN_EMAIL, password: 'not the password' },
      });
      const unknown = await h.request({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'nobody@example.test', password: 'not the password' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json().error.message).toBe(unknown.json().error.message);
    });

    it('ends the session on sign-out so the cookie no longer works', async () => {
      const cookie = await h.signIn();
      const out = await h.request({
        method: 'POST',
        url: '/api/v1/auth/sign-out',
        cookie,
        payload: {},
      });
      expect(out.statusCode).toBe(204);
      const me = await h.request({ method: 'GET', url: '/api/v1/auth/me', cookie });
      expect(me.statusCode).toBe(401);
      expect(me.json().error.code).toBe('UNAUTHENTICATED');
    });

    it('slows down password guessing on one account from one address', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) {
        const res = await h.request({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          payload: { email: 'guess-target@example.test', password: `guess-${i}` },
        });
        statuses.push(res.statusCode);
      }
      // A few free failures, then a wait (apps/server/test/security/lockout.test.ts has the rest).
      expect(statuses.slice(0, FREE_FAILURES).every((s) => s === 401)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
    });
  });

  describe('visits and invites', () => {
    it('creates a visit pinned to the default provider and lists it for its facility', async () => {
      const visit = await createVisit(admin, h.demoFacilityId, 'Sunday call');
      expect(visit).toMatchObject({ status: 'scheduled', provider: 'p2p' });
      const list = await h.request({
        method: 'GET',
        url: `/api/v1/visits?facilityId=${h.demoFacilityId}`,
        cookie: admin,
      });
      expect(list.json<{ id: string }[]>().map((v) => v.id)).toContain(visit.id);
    });

    it('refuses a schedule that ends before it starts', async () => {
      const res = await h.request({
        method: 'POST',
        url: '/api/v1/visits',
        cookie: admin,
        payload: {
          facilityId: h.demoFacilityId,
          title: 'Backwards',
          scheduledStart: '2030-01-01T10:00:00Z',
          scheduledEnd: '2030-01-01T09:00:00Z',
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe('scheduledEnd');
    });

    it('issues an unguessable invite whose link shows the visit, until revoked', async () => {
      const visit = await createVisit(admin, h.demoFacilityId, 'Invite test');
      const created = await h.request({
        method: 'POST',
        url: `/api/v1/visits/${visit.id}/invites`,
        cookie: admin,
        payload: {},
      });
      expect(created.statusCode).toBe(201);
      const invite = created.json<{ id: string; code: string; url: string }>();
      expect(invite.code).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(invite.url).toBe(`http://openconnect.test/join/${invite.code}`);

      const landing = await h.request({ method: 'GET', url: `/api/v1/invites/${invite.code}` });
      expect(landing.statusCode).toBe(200);
      expect(landing.json()).toMatchObject({
        visitTitle: 'Invite test',
        facilityName: 'Demo Care Home',
      });

      const revoked = await h.request({
        method: 'POST',
        url: `/api/v1/invites/${invite.id}/revoke`,
        cookie: admin,
        payload: {},
      });
      expect(revoked.json().revokedAt).not.toBeNull();
      const gone = await h.request({ method: 'GET', url: `/api/v1/invites/${invite.code}` });
      expect(gone.statusCode).toBe(410);
      expect(gone.json().error.code).toBe('GONE');
    });

    it('answers an unknown invite code with 404 and an ended visit with 410', async () => {
      const unknown = await h.request({ method: 'GET', url: `/api/v1/invites/${'A'.repeat(22)}` });
      expect(unknown.statusCode).toBe(404);
      const visit = await createVisit(admin, h.demoFacilityId, 'Ends soon');
      const invite = (
        await h.request({
          method: 'POST',
          url: `/api/v1/visits/${visit.id}/invites`,
          cookie: admin,
          payload: {},
        })
      ).json<{ code: string }>();
      const ended = await h.request({
        method: 'POST',
        url: `/api/v1/visits/${visit.id}/end`,
        cookie: admin,
        payload: {},
      });
      expect(ended.json()).toMatchObject({ status: 'ended' });
      expect(
        (await h.request({ method: 'GET', url: `/api/v1/invites/${invite.code}` })).statusCode,
      ).toBe(410);
      const again = await h.request({
        method: 'POST',
        url: `/api/v1/visits/${visit.id}/invites`,
        cookie: admin,
        payload: {},
      });
      expect(again.statusCode).toBe(409);
    });

    it('records privileged actions in the audit log, readable by admins only', async () => {
      const visit = await createVisit(admin, h.demoFacilityId, 'Audited');
      const res = await h.request({
        method: 'GET',
        url: `/api/v1/audit?facilityId=${h.demoFacilityId}`,
        cookie: admin,
      });
      expect(res.statusCode).toBe(200);
      const event = res
        .json<{ action: string; targetId: string; actorEmail: string }[]>()
        .find((e) => e.action === 'visit.create' && e.targetId === visit.id);
      expect(event?.actorEmail).toBe(ADMIN_EMAIL);

      await h.request({
        method: 'POST',
        url: '/api/v1/staff',
        cookie: admin,
        payload: {
          email: 'nurse@example.test',
          displayName: 'Nurse',
          password: 'nurse-password-123',
          role: 'staff',
          facilityIds: [h.demoFacilityId],
        },
      });
      const nurse = await h.signIn('nurse@example.test', 'nurse-password-123');
      const denied = await h.request({ method: 'GET', url: '/api/v1/audit', cookie: nurse });
      expect(denied.statusCode).toBe(403);
    });
  });

  describe('joining as host', () => {
    it('issues credentials from the pinned provider and marks the visit live', async () => {
      const visit = await createVisit(admin, h.demoFacilityId, 'Join me');
      const res = await h.request({
        method: 'POST',
        url: `/api/v1/visits/${visit.id}/join`,
        cookie: admin,
        payload: {},
      });
      expect(res.statusCode, res.body).toBe(200);
      const credentials = res.json();
      expect(credentials).toMatchObject({
        provider: 'p2p',
        roomId: visit.id,
        role: 'host',
        displayName: 'Administrator',
      });
      expect(credentials.signalingUrl).toBe('ws://openconnect.test/ws/p2p');
      const after = (
        await h.request({ method: 'GET', url: `/api/v1/visits/${visit.id}`, cookie: admin })
      ).json();
      expect(after).toMatchObject({ provider: 'p2p', status: 'live' });
    });

    it('refuses to join an ended visit', async () => {
      const visit = await createVisit(admin, h.demoFacilityId, 'Over');
      await h.request({
        method: 'POST',
        url: `/api/v1/visits/${visit.id}/end`,
        cookie: admin,
        payload: {},
      });
      const res = await h.request({
        method: 'POST',
        url: `/api/v1/visits/${visit.id}/join`,
        cookie: admin,
        payload: {},
      });
      expect(res.statusCode).toBe(410);
    });
  });

  describe('facility isolation', () => {
    it('lets staff of one facility read or change nothing of another', async () => {
      const other = await h.request({
        method: 'POST',
        url: '/api/v1/facilities',
        cookie: admin,
        payload: { name: 'Other Clinic' },
      });
      expect(other.statusCode).toBe(201);
      const otherId = other.json<{ id: string }>().id;
      await h.request({
        method: 'POST',
        url: '/api/v1/staff',
        cookie: admin,
        payload: {
          email: 'other-admin@example.test',
          displayName: 'Other admin',
          password: 'other-admin-password',
          role: 'admin',
          facilityIds: [otherId],
        },
      });
      const outsider = await h.signIn('other-admin@example.test', 'other-admin-password');
      const visit = await createVisit(admin, h.demoFacilityId, 'Private');
      const invite = (
        await h.request({
          method: 'POST',
          url: `/api/v1/visits/${visit.id}/invites`,
          cookie: admin,
          payload: {},
        })
      ).json<{ id: string }>();

      const attempts = await Promise.all([
        h.request({
          method: 'GET',
          url: `/api/v1/facilities/${h.demoFacilityId}`,
          cookie: outsider,
        }),
        h.request({
          method: 'GET',
          url: `/api/v1/visits?facilityId=${h.demoFacilityId}`,
          cookie: outsider,
        }),
        h.request({ method: 'GET', url: `/api/v1/visits/${visit.id}`, cookie: outsider }),
        h.request({
          method: 'POST',
          url: `/api/v1/visits/${visit.id}/end`,
          cookie: outsider,
          payload: {},
        }),
        h.request({
          method: 'POST',
          url: `/api/v1/visits/${visit.id}/invites`,
          cookie: outsider,
          payload: {},
        }),
        h.request({ method: 'GET', url: `/api/v1/visits/${visit.id}/invites`, cookie: outsider }),
        h.request({
          method: 'POST',
          url: `/api/v1/visits/${visit.id}/join`,
          cookie: outsider,
          payload: {},
        }),
        h.request({
          method: 'POST',
          url: `/api/v1/invites/${invite.id}/revoke`,
          cookie: outsider,
          payload: {},
        }),
        h.request({
          method: 'POST',
          url: '/api/v1/visits',
          cookie: outsider,
          payload: { facilityId: h.demoFacilityId, title: 'Intrusion' },
        }),
        h.request({
          method: 'GET',
          url: `/api/v1/audit?facilityId=${h.demoFacilityId}`,
          cookie: outsider,
        }),
        h.request({
          method: 'POST',
          url: '/api/v1/staff',
          cookie: outsider,
          payload: {
            email: 'mole@example.test',
            displayName: 'Mole',
            password: 'mole-password-123',
            role: 'admin',
            facilityIds: [h.demoFacilityId],
          },
        }),
      ]);
      for (const res of attempts) {
        expect(res.statusCode, res.body).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
      }
      const stillScheduled = await h.request({
        method: 'GET',
        url: `/api/v1/visits/${visit.id}`,
        cookie: admin,
      });
      expect(stillScheduled.json().status).toBe('scheduled');
      const outsiderFacilities = await h.request({
        method: 'GET',
        url: '/api/v1/facilities',
        cookie: outsider,
      });
      expect(outsiderFacilities.json<{ id: string }[]>().map((f) => f.id)).toEqual([otherId]);
    });
  });

  describe('bad input', () => {
    const cases: {
      name: string;
      options: () => Parameters<ApiHarness['request']>[0];
      status: number;
      code: string;
    }[] = [
      {
        name: 'malformed JSON',
        options: () => ({
          method: 'POST',
          url: '/api/v1/visits',
          cookie: admin,
          headers: { 'content-type': 'application/json' },
          payload: '{"title": ',
        }),
        status: 400,
        code: 'MALFORMED_REQUEST',
      },
      {
        name: 'wrong types',
        options: () => ({
          method: 'POST',
          url: '/api/v1/visits',
          cookie: admin,
          payload: { facilityId: 42, title: [] },
        }),
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'unknown fields',
        options: () => ({
          method: 'POST',
          url: '/api/v1/visits',
          cookie: admin,
          payload: { facilityId: h.demoFacilityId, title: 'x', provider: 'livekit' },
        }),
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'an oversized body',
        options: () => ({
          method: 'POST',
          url: '/api/v1/visits',
          cookie: admin,
          payload: { facilityId: h.demoFacilityId, title: 'x'.repeat(200_000) },
        }),
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
      },
      {
        name: 'a bad id',
        options: () => ({ method: 'GET', url: '/api/v1/visits/not-a-uuid', cookie: admin }),
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'an unknown id',
        options: () => ({
          method: 'GET',
          url: '/api/v1/visits/00000000-0000-4000-8000-000000000000',
          cookie: admin,
        }),
        status: 404,
        code: 'NOT_FOUND',
      },
      {
        name: 'missing auth',
        options: () => ({ method: 'POST', url: '/api/v1/visits', payload: { facilityId: 'x' } }),
        status: 401,
        code: 'UNAUTHENTICATED',
      },
      {
        name: 'a forged session cookie',
        options: () => ({
          method: 'GET',
          url: '/api/v1/auth/me',
          cookie: `oc_session=${'x'.repeat(43)}`,
        }),
        status: 401,
        code: 'UNAUTHENTICATED',
      },
      {
        name: 'a form post from another site',
        options: () => ({
          method: 'POST',
          url: '/api/v1/visits',
          cookie: admin,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'title=x',
        }),
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      {
        name: 'a cross-origin request',
        options: () => ({
          method: 'POST',
          url: '/api/v1/visits',
          cookie: admin,
          headers: { origin: 'https://evil.example' },
          payload: { facilityId: h.demoFacilityId, title: 'x' },
        }),
        status: 403,
        code: 'FORBIDDEN',
      },
      {
        name: 'an unknown route',
        options: () => ({ method: 'GET', url: '/api/v1/nope' }),
        status: 404,
        code: 'NOT_FOUND',
      },
      {
        name: 'a bad query value',
        options: () => ({
          method: 'GET',
          url: `/api/v1/visits?facilityId=${h.demoFacilityId}&limit=9999`,
          cookie: admin,
        }),
        status: 400,
        code: 'VALIDATION_FAILED',
      },
    ];

    it.each(cases)(
      'answers $name with $status $code and a request id',
      async ({ options, status, code }) => {
        const res = await h.request(options());
        expect(res.statusCode, res.body).toBe(status);
        const body = res.json();
        expect(body.error.code).toBe(code);
        expect(typeof body.error.message).toBe('string');
        expect(body.error.requestId).toBe(res.headers['x-request-id']);
        expect(res.body).not.toMatch(/at .*\.ts:\d+/);
      },
    );
  });

  it('serves liveness, readiness with the database check, and the OpenAPI document', async () => {
    const health = await h.request({ method: 'GET', url: '/healthz' });
    expect(health.json()).toEqual({ status: 'ok' });
    expect(health.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
    const ready = await h.request({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks).toEqual([
      { name: 'database', ok: true },
      { name: 'event-bus', ok: true },
      { name: 'provider:p2p', ok: true },
    ]);
    const doc = await h.request({ method: 'GET', url: '/docs/json' });
    expect(Object.keys(doc.json().paths)).toContain('/api/v1/visits');
  });
});
