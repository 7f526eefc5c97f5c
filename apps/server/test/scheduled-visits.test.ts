// Scheduled visits over the real API and database: booking rules, the waiting room that opens
// before the start, credentials capped at the end on both providers, extensions, the day plan,
// no-shows, and the end job, which ends each due visit exactly once even with two instances
// racing on one PostgreSQL, and which a started server runs by itself.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLiveKitDevServer, type LiveKitDevServer } from '@openconnect/livekit-dev';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuditEvent,
  FacilitySchedule,
  Facility,
  InviteLanding,
  JoinCredentials,
  LobbyState,
  NoShow,
  Visit,
} from '@openconnect/contracts';
import { LocalEventBus } from '../src/push/event-bus.ts';
import { closeServerContext, createServerContext } from '../src/server-context.ts';
import type { Services } from '../src/services.ts';
import { startOpenConnect } from '../src/start.ts';
import { openDatabase } from '../src/storage/db.ts';
import { endDueVisits } from '../src/visits/schedule-end.ts';
import { createApiHarness, type ApiHarness } from './support/api.ts';
import { backends } from './support/databases.ts';
import { eventually } from './support/eventually.ts';

const all = await backends();
const postgres = all.find((b) => b.name === 'postgres');
const MIN = 60_000;
const at = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

async function audit(h: ApiHarness, cookie: string, action: string, visitId: string) {
  const res = await h.request({ method: 'GET', url: '/api/v1/audit?limit=500', cookie });
  return res.json<AuditEvent[]>().filter((e) => e.action === action && e.targetId === visitId);
}

async function schedule(
  h: ApiHarness,
  cookie: string,
  title: string,
  startsIn: number,
  endsIn: number,
): Promise<Visit> {
  const res = await h.request({
    method: 'POST',
    url: '/api/v1/visits',
    cookie,
    payload: {
      facilityId: h.demoFacilityId,
      title,
      scheduledStart: at(startsIn),
      scheduledEnd: at(endsIn),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Visit>();
}

async function settings(h: ApiHarness, cookie: string, body: Record<string, unknown>) {
  const res = await h.request({
    method: 'PATCH',
    url: `/api/v1/facilities/${h.demoFacilityId}/settings`,
    cookie,
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Facility>();
}

/** Moves a visit's end into the past, as time would (the API refuses to book it there). */
async function endPassed(h: ApiHarness, visitId: string, msAgo = 1_000) {
  await h.ctx.db
    .updateTable('rooms')
    .set({ scheduled_end: new Date(Date.now() - msAgo) })
    .where('id', '=', visitId)
    .execute();
}

describe.each(all.map((b) => [b.name, b] as const))('scheduled visits on %s', (_name, backend) => {
  let h: ApiHarness;
  let admin: string;

  beforeAll(async () => {
    h = await createApiHarness(backend);
    admin = await h.signIn();
  });
  afterAll(() => h?.close());

  it('documents its routes in the OpenAPI document', async () => {
    const doc = (await h.request({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(Object.keys(doc.paths['/api/v1/visits/{id}'] ?? {})).toContain('patch');
    for (const path of [
      '/api/v1/visits/{id}/extend',
      '/api/v1/facilities/{id}/settings',
      '/api/v1/facilities/{id}/schedule',
      '/api/v1/facilities/{id}/no-shows',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
  });

  it('refuses a start and end that cannot be booked, with the field and never a 500', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ scheduledStart: at(60 * MIN), scheduledEnd: at(30 * MIN) }, 'scheduledEnd'],
      [{ scheduledStart: at(60 * MIN), scheduledEnd: at(60 * MIN) }, 'scheduledEnd'],
      [{ scheduledStart: at(MIN), scheduledEnd: at(13 * 60 * MIN) }, 'scheduledEnd'],
      [{ scheduledEnd: at(60 * MIN) }, 'scheduledStart'],
      [{ scheduledStart: at(-60 * MIN), scheduledEnd: at(-30 * MIN) }, 'scheduledEnd'],
      [{ scheduledStart: '2026-03-01T14:30:00', scheduledEnd: at(60 * MIN) }, 'scheduledStart'],
      [{ scheduledStart: 'tomorrow', scheduledEnd: at(60 * MIN) }, 'scheduledStart'],
    ];
    for (const [times, field] of cases) {
      const res = await h.request({
        method: 'POST',
        url: '/api/v1/visits',
        cookie: admin,
        payload: { facilityId: h.demoFacilityId, title: 'Bad times', ...times },
      });
      expect(res.statusCode, JSON.stringify(times)).toBe(400);
      const body = res.json<{
        error: { code: string; details: { path: string }[] | { issues: { path: string }[] } };
      }>();
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(body.error.details)).toContain(field);
    }
  });

  it('changes a visit’s times, refusing an end before its start, and audits the change', async () => {
    const visit = await schedule(h, admin, 'Moved', 60 * MIN, 90 * MIN);
    const bad = await h.request({
      method: 'PATCH',
      url: `/api/v1/visits/${visit.id}`,
      cookie: admin,
      payload: { scheduledEnd: at(30 * MIN) },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
    const start = at(120 * MIN);
    const end = at(150 * MIN);
    const res = await h.request({
      method: 'PATCH',
      url: `/api/v1/visits/${visit.id}`,
      cookie: admin,
      payload: { scheduledStart: start, scheduledEnd: end },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Visit>()).toMatchObject({ scheduledStart: start, scheduledEnd: end });
    expect(await audit(h, admin, 'visit.update', visit.id)).toHaveLength(1);
  });

  it('keeps the waiting room closed until the set time before the start, then lets visitors in', async () => {
    await settings(h, admin, { timezone: 'Europe/London', waitingRoomOpensMinutes: 15 });
    const visit = await schedule(h, admin, 'Later today', 60 * MIN, 90 * MIN);
    const invite = await h.request({
      method: 'POST',
      url: `/api/v1/visits/${visit.id}/invites`,
      cookie: admin,
      payload: {},
    });
    const { code } = invite.json<{ code: string }>();
    const landing = (
      await h.request({ method: 'GET', url: `/api/v1/invites/${code}` })
    ).json<InviteLanding>();
    expect(landing.timeZone).toBe('Europe/London');
    expect(landing.scheduledEnd).toBe(visit.scheduledEnd);
    expect(Date.parse(landing.opensAt!)).toBe(Date.parse(visit.scheduledStart!) - 15 * MIN);
    const early = await h.request({
      method: 'POST',
      url: `/api/v1/invites/${code}/lobby`,
      payload: { displayName: 'Too early' },
    });
    expect(early.statusCode).toBe(409);
    expect(
      early.json<{ error: { code: string; details: { opensAt: string } } }>().error,
    ).toMatchObject({
      code: 'CONFLICT',
      details: { opensAt: landing.opensAt },
    });
    // 75 minutes before opening is inside a 90-minute window.
    await settings(h, admin, { waitingRoomOpensMinutes: 90 });
    const open = (
      await h.request({ method: 'GET', url: `/api/v1/invites/${code}` })
    ).json<InviteLanding>();
    expect(open.opensAt).toBeNull();
    await h.knock(code, 'On time');
    await settings(h, admin, { waitingRoomOpensMinutes: 15 });
  });

  it('validates facility settings: a real IANA zone, minutes in range, and admins only', async () => {
    for (const body of [
      { timezone: 'Mars/Olympus_Mons' },
      { timezone: '+01:00' },
      { timezone: 'Europe/London; drop table' },
      { waitingRoomOpensMinutes: 500 },
      { endPolicy: 'soft' },
      {},
    ]) {
      const res = await h.request({
        method: 'PATCH',
        url: `/api/v1/facilities/${h.demoFacilityId}/settings`,
        cookie: admin,
        payload: body,
      });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const created = await h.request({
      method: 'POST',
      url: '/api/v1/facilities',
      cookie: admin,
      payload: { name: 'Zone House', timezone: 'Not/AZone' },
    });
    expect(created.statusCode).toBe(400);
  });

  it('caps p2p credentials at the visit’s end and refuses joins once it has come', async () => {
    const visit = await schedule(h, admin, 'Short', -MIN, 90_000);
    const res = await h.request({
      method: 'POST',
      url: `/api/v1/visits/${visit.id}/join`,
      cookie: admin,
    });
    expect(res.statusCode, res.body).toBe(200);
    const credentials = res.json<JoinCredentials>();
    expect(credentials.provider).toBe('p2p');
    const expires = Date.parse(credentials.expiresAt);
    expect(expires).toBeLessThanOrEqual(Date.parse(visit.scheduledEnd!));
    expect(expires).toBeGreaterThan(Date.now() + 60_000);
    await endPassed(h, visit.id);
    const late = await h.request({
      method: 'POST',
      url: `/api/v1/visits/${visit.id}/join`,
      cookie: admin,
    });
    expect(late.statusCode).toBe(410);
  });

  it('extends only where the facility allows it, by 5 or 15 minutes, audited and pushed to the visitor', async () => {
    await settings(h, admin, { endPolicy: 'hard', waitingRoomOpensMinutes: 15 });
    const visit = await schedule(h, admin, 'Running over', -MIN, 10 * MIN);
    const extend = (minutes: number) =>
      h.request({
        method: 'POST',
        url: `/api/v1/visits/${visit.id}/extend`,
        cookie: admin,
        payload: { minutes },
      });
    const hard = await extend(5);
    expect(hard.statusCode).toBe(409);
    expect(hard.json<{ error: { message: string } }>().error.message).toMatch(/set time/);
    await settings(h, admin, { endPolicy: 'extendable' });
    expect((await extend(10)).statusCode).toBe(400);

    // A visitor in the call: their entry carries the end, and follows the extension.
    const invite = await h.request({
      method: 'POST',
      url: `/api/v1/visits/${visit.id}/invites`,
      cookie: admin,
      payload: {},
    });
    const ticket = await h.knock(invite.json<{ code: string }>().code, 'Visitor');
    await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/admit`,
      cookie: admin,
    });
    const entryState = async () =>
      (
        await h.request({
          method: 'GET',
          url: `/api/v1/lobby/${ticket.entryId}`,
          headers: { authorization: `Bearer ${ticket.visitorToken}` },
        })
      ).json<LobbyState>();
    expect((await entryState()).endsAt).toBe(visit.scheduledEnd);

    const five = await extend(5);
    expect(five.statusCode, five.body).toBe(200);
    const fifteen = await extend(15);
    const extended = fifteen.json<Visit>();
    expect(Date.parse(extended.scheduledEnd!) - Date.parse(visit.scheduledEnd!)).toBe(20 * MIN);
    expect(extended.extendedMinutes).toBe(20);
    expect(await audit(h, admin, 'visit.extend', visit.id)).toHaveLength(2);
    expect((await entryState()).endsAt).toBe(extended.scheduledEnd);

    // Once the end has come, it cannot be pushed back.
    await endPassed(h, visit.id);
    expect((await extend(5)).statusCode).toBe(410);
    await settings(h, admin, { endPolicy: 'hard' });
  });

  it('ends a due visit once, on the server, with its people and waiting visitors let go', async () => {
    const visit = await schedule(h, admin, 'Due', -10 * MIN, MIN);
    const invite = await h.request({
      method: 'POST',
      url: `/api/v1/visits/${visit.id}/invites`,
      cookie: admin,
      payload: {},
    });
    const waiting = await h.knock(invite.json<{ code: string }>().code, 'Still waiting');
    await h.request({ method: 'POST', url: `/api/v1/visits/${visit.id}/join`, cookie: admin });
    const notDue = await schedule(h, admin, 'Not due', -10 * MIN, 30 * MIN);
    await endPassed(h, visit.id);

    const ended = await endDueVisits(h.ctx);
    expect(ended).toContain(visit.id);
    expect(ended).not.toContain(notDue.id);
    expect(await endDueVisits(h.ctx)).not.toContain(visit.id);

    const after = (
      await h.request({ method: 'GET', url: `/api/v1/visits/${visit.id}`, cookie: admin })
    ).json<Visit>();
    expect(after.status).toBe('ended');
    const events = await audit(h, admin, 'visit.end_on_time', visit.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBeNull();
    expect(
      (await h.participants(admin, visit.id)).every((p) => p.leftReason === 'visit_ended'),
    ).toBe(true);
    const entry = await h.ctx.db
      .selectFrom('lobby_entries')
      .select('status')
      .where('id', '=', waiting.entryId)
      .executeTakeFirstOrThrow();
    expect(entry.status).toBe('expired');
  });

  it('lists today’s and tomorrow’s visits in the facility’s time zone, each day in order', async () => {
    await settings(h, admin, { timezone: 'Pacific/Kiritimati' });
    const plan = async () =>
      (
        await h.request({
          method: 'GET',
          url: `/api/v1/facilities/${h.demoFacilityId}/schedule`,
          cookie: admin,
        })
      ).json<FacilitySchedule>();
    const before = await plan();
    // Tomorrow morning at 09:00 and 08:00 in UTC+14, created out of order.
    const tomorrow9 = new Date(`${before.tomorrow.date}T09:00:00+14:00`);
    const tomorrow8 = new Date(`${before.tomorrow.date}T08:00:00+14:00`);
    const dayAfter = new Date(tomorrow9.getTime() + 24 * 60 * MIN);
    const book = async (title: string, start: Date) => {
      const res = await h.request({
        method: 'POST',
        url: '/api/v1/visits',
        cookie: admin,
        payload: {
          facilityId: h.demoFacilityId,
          title,
          scheduledStart: start.toISOString(),
          scheduledEnd: new Date(start.getTime() + 30 * MIN).toISOString(),
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<Visit>();
    };
    const nine = await book('Nine', tomorrow9);
    const eight = await book('Eight', tomorrow8);
    const later = await book('Day after', dayAfter);
    const after = await plan();
    expect(after.timeZone).toBe('Pacific/Kiritimati');
    const ids = after.tomorrow.visits.map((v) => v.id);
    expect(ids.indexOf(eight.id)).toBeLessThan(ids.indexOf(nine.id));
    expect(ids.indexOf(eight.id)).toBeGreaterThanOrEqual(0);
    expect([...ids, ...after.today.visits.map((v) => v.id)]).not.toContain(later.id);
    await settings(h, admin, { timezone: 'UTC' });
  });

  it('reports scheduled visits that ended with no visitor as no-shows', async () => {
    const empty = await schedule(h, admin, 'Nobody came', -30 * MIN, MIN);
    const attended = await schedule(h, admin, 'Someone came', -30 * MIN, MIN);
    const invite = await h.request({
      method: 'POST',
      url: `/api/v1/visits/${attended.id}/invites`,
      cookie: admin,
      payload: {},
    });
    const ticket = await h.knock(invite.json<{ code: string }>().code, 'Came');
    await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/admit`,
      cookie: admin,
    });
    await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/join`,
      headers: { authorization: `Bearer ${ticket.visitorToken}` },
    });
    await h.ctx.db
      .updateTable('participants')
      .set({ joined_at: new Date() })
      .where('room_id', '=', attended.id)
      .execute();
    await endPassed(h, empty.id);
    await endPassed(h, attended.id);
    const res = await h.request({
      method: 'GET',
      url: `/api/v1/facilities/${h.demoFacilityId}/no-shows?from=${encodeURIComponent(at(-60 * MIN))}&to=${encodeURIComponent(at(60 * MIN))}`,
      cookie: admin,
    });
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json<NoShow[]>().map((n) => n.visitId);
    expect(ids).toContain(empty.id);
    expect(ids).not.toContain(attended.id);
  });
});

describe.runIf(postgres)('the end job on two instances sharing one PostgreSQL', () => {
  let a: ApiHarness;
  let second: { ctx: Services; close(): Promise<void> };
  let admin: string;

  beforeAll(async () => {
    a = await createApiHarness(postgres!);
    // A second instance: its own pool, bus and providers over the same database.
    const handle = await openDatabase({
      databaseUrl: a.database.env.DATABASE_URL!,
      dataDir: a.database.env.DATA_DIR,
    });
    const bus = new LocalEventBus();
    const ctx = await createServerContext({ config: a.config, database: handle, bus });
    second = {
      ctx,
      close: async () => {
        await closeServerContext(ctx);
        await bus.close();
        await handle.close();
      },
    };
    admin = await a.signIn();
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await a?.close();
  });

  it('ends every due visit exactly once while both race for them', async () => {
    const visits: Visit[] = [];
    for (let i = 0; i < 12; i++) visits.push(await schedule(a, admin, `Race ${i}`, -10 * MIN, MIN));
    for (const visit of visits) await endPassed(a, visit.id);
    const [byA, byB] = await Promise.all([endDueVisits(a.ctx), endDueVisits(second.ctx)]);
    const ids = visits.map((v) => v.id);
    const endedHere = (list: string[]) => list.filter((id) => ids.includes(id));
    expect([...endedHere(byA), ...endedHere(byB)].sort()).toEqual([...ids].sort());
    for (const visit of visits)
      expect(await audit(a, admin, 'visit.end_on_time', visit.id)).toHaveLength(1);
  });
});

describe('a running server', () => {
  let livekit: LiveKitDevServer;
  let recordingsDir: string;

  beforeAll(async () => {
    recordingsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'openconnect-schedule-'));
    livekit = await startLiveKitDevServer({
      port: 0,
      apiKey: 'schedule-key',
      apiSecret: 'schedule-secret-0123456789abcdef',
      recordingsDir,
    });
  });
  afterAll(async () => {
    await livekit?.close();
    await fs.rm(recordingsDir, { recursive: true, force: true });
  });

  it('caps LiveKit tokens at the end and ends the visit by itself, also after a restart', async () => {
    const [pglite] = all;
    const database = await pglite!.create();
    const env = {
      ...database.env,
      // Warnings only: a run of the end job that fails says why in the test's output.
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: '0',
      FEATURE_LIVEKIT: 'true',
      PROVIDER_TYPE: 'livekit',
      LIVEKIT_URL: livekit.url,
      LIVEKIT_API_KEY: livekit.apiKey,
      LIVEKIT_SECRET: livekit.apiSecret,
      RECORDINGS_DIR: recordingsDir,
      SCHEDULE_END_CHECK_SECONDS: '1',
      OPENCONNECT_BOOTSTRAP_EMAIL: 'admin@example.test',
      OPENCONNECT_BOOTSTRAP_PASSWORD: 'a-long-test-password',
    };
    await database.handle.close();
    let server = await startOpenConnect(env);
    try {
      const signIn = await fetch(`${server.url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: env.OPENCONNECT_BOOTSTRAP_EMAIL,
          password: env.OPENCONNECT_BOOTSTRAP_PASSWORD,
        }),
      });
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      const call = (method: string, url: string, body?: unknown) =>
        fetch(`${server.url}/api/v1${url}`, {
          method,
          headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
      const facilities = (await (await call('GET', '/facilities')).json()) as Facility[];
      const book = async (endsIn: number) =>
        (await (
          await call('POST', '/visits', {
            facilityId: facilities[0]!.id,
            title: 'On the clock',
            scheduledStart: at(-MIN),
            scheduledEnd: at(endsIn),
          })
        ).json()) as Visit;

      const soon = await book(3_000);
      const joined = (await (
        await call('POST', `/visits/${soon.id}/join`)
      ).json()) as JoinCredentials;
      expect(joined.provider).toBe('livekit');
      expect(Date.parse(joined.expiresAt)).toBeLessThanOrEqual(Date.parse(soon.scheduledEnd!));
      const claims = JSON.parse(
        Buffer.from(joined.token.split('.')[1]!, 'base64url').toString('utf8'),
      ) as { exp: number };
      expect(claims.exp * 1000).toBeLessThanOrEqual(Date.parse(soon.scheduledEnd!));
      await eventually(
        async () => ((await (await call('GET', `/visits/${soon.id}`)).json()) as Visit).status,
        (status) => status === 'ended',
        'the visit to end at its end',
        // The job runs every second; a loaded machine gets a few of its runs.
        30_000,
      );

      // A visit whose end comes while no server runs is ended at the next start.
      const later = await book(2_000);
      await server.close();
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      server = await startOpenConnect(env);
      await eventually(
        async () =>
          (
            await server.context.db
              .selectFrom('rooms')
              .select('status')
              .where('id', '=', later.id)
              .executeTakeFirstOrThrow()
          ).status,
        (status) => status === 'ended',
        'the visit to end after the restart',
        30_000,
      );
    } finally {
      await server.close();
      await database.drop();
    }
  }, 120_000);
});
