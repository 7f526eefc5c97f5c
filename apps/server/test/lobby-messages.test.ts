// The waiting room talking both ways, over real HTTP on PGlite and PostgreSQL: staff messages and
// visitor replies kept as a thread that outlives a restart, who may read and write it, the reply
// limit, canned messages (admins edit, audited), the estimated wait from the facility's recent
// admissions, and — on PostgreSQL — a message written on one instance heard on another.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  topics,
  type CannedMessages,
  type LobbyMessage,
  type LobbySignal,
  type LobbyState,
  type LobbyTicket,
  type StaffEvent,
  type Visit,
} from '@openconnect/contracts';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { bootstrap } from '../src/bootstrap/seed.ts';
import { loadConfig } from '../src/config/load.ts';
import { REPLIES_PER_WINDOW } from '../src/lobby/reply-limit.ts';
import { MIN_ADMISSIONS } from '../src/lobby/wait-estimate.ts';
import { createEventBus, type EventBus } from '../src/push/event-bus.ts';
import { closeServerContext, createServerContext } from '../src/server-context.ts';
import type { Services } from '../src/services.ts';
import { openDatabase, type DatabaseHandle } from '../src/storage/db.ts';
import { backends, type TestDatabase } from './support/databases.ts';
import { eventually } from './support/eventually.ts';

const EMAIL = 'admin@example.test';
const PASSWORD = 'a-long-test-password';

/** One server instance over an existing database: its own pool, bus and app. */
interface Instance {
  app: FastifyInstance;
  ctx: Services;
  bus: EventBus;
  request(options: InjectOptions & { cookie?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

async function startInstance(env: TestDatabase['env']): Promise<Instance> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    FEATURE_LIVEKIT: 'false',
    PUBLIC_URL: 'http://openconnect.test',
    OPENCONNECT_BOOTSTRAP_EMAIL: EMAIL,
    OPENCONNECT_BOOTSTRAP_PASSWORD: PASSWORD,
    ...env,
  });
  const handle: DatabaseHandle = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
  });
  await bootstrap(handle, config);
  const bus = await createEventBus(env.DATABASE_URL);
  const ctx = await createServerContext({ config, database: handle, bus });
  const app = await buildApp(ctx);
  await app.ready();
  return {
    app,
    ctx,
    bus,
    request: ({ cookie, headers, ...options }) =>
      app.inject({ ...options, headers: { ...(cookie ? { cookie } : {}), ...headers } }),
    async close() {
      await app.close();
      await closeServerContext(ctx);
      await bus.close();
      await handle.close();
    },
  };
}

for (const backend of await backends()) {
  describe(`waiting-room messages on ${backend.name}`, () => {
    let database: TestDatabase;
    let server: Instance;
    let admin: string;
    let facilityId: string;

    beforeAll(async () => {
      // The embedded database is opened by the instance itself, so it can be closed and reopened.
      database = await backend.create();
      await database.handle.close();
      server = await startInstance(database.env);
      admin = await signIn(EMAIL, PASSWORD);
      const facility = await server.ctx.db
        .selectFrom('facilities')
        .select('id')
        .executeTakeFirstOrThrow();
      facilityId = facility.id;
    }, 60_000);

    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    async function signIn(email: string, password: string): Promise<string> {
      const res = await server.request({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email, password },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'oc_session');
      return `oc_session=${cookie!.value}`;
    }

    async function visitorAt(title: string, name = 'Grandson', inFacility = facilityId) {
      const visit = (
        await server.request({
          method: 'POST',
          url: '/api/v1/visits',
          cookie: admin,
          payload: { facilityId: inFacility, title },
        })
      ).json<Visit>();
      const invite = await server.request({
        method: 'POST',
        url: `/api/v1/visits/${visit.id}/invites`,
        cookie: admin,
        payload: { kind: 'shared' },
      });
      const code = invite.json<{ code: string }>().code;
      return { visit, code, ticket: await knock(code, name) };
    }

    async function knock(code: string, displayName: string): Promise<LobbyTicket> {
      const res = await server.request({
        method: 'POST',
        url: `/api/v1/invites/${code}/lobby`,
        payload: { displayName },
      });
      expect(res.statusCode).toBe(201);
      return res.json<LobbyTicket>();
    }

    const bearer = (ticket: LobbyTicket) => ({ authorization: `Bearer ${ticket.visitorToken}` });
    const reply = (ticket: LobbyTicket, text: string) =>
      server.request({
        method: 'POST',
        url: `/api/v1/lobby/${ticket.entryId}/reply`,
        headers: bearer(ticket),
        payload: { text },
      });
    const staffMessage = (entryId: string, text: string, cookie = admin) =>
      server.request({
        method: 'POST',
        url: `/api/v1/lobby/${entryId}/message`,
        cookie,
        payload: { text },
      });

    async function staffMember(role: 'admin' | 'staff', facilityIds: string[]): Promise<string> {
      const email = `${randomUUID()}@example.test`;
      const res = await server.request({
        method: 'POST',
        url: '/api/v1/staff',
        cookie: admin,
        payload: { email, displayName: 'Other Staff', password: PASSWORD, role, facilityIds },
      });
      expect(res.statusCode).toBe(201);
      return signIn(email, PASSWORD);
    }

    it('keeps a thread of staff messages and visitor replies that both sides read in order', async () => {
      const { ticket } = await visitorAt('Thread');
      const heard: StaffEvent[] = [];
      const stop = server.bus.subscribe(topics.facility(facilityId), (e) => heard.push(e));
      try {
        const sent = await staffMessage(ticket.entryId, 'Running about 10 minutes late');
        expect(sent.statusCode).toBe(201);
        expect(sent.json<LobbyMessage>()).toMatchObject({ from: 'staff', author: 'Administrator' });
        const answered = await reply(ticket, 'No problem, I will wait.');
        expect(answered.statusCode).toBe(201);
        expect(answered.json<LobbyMessage>()).toMatchObject({
          from: 'visitor',
          author: 'Grandson',
        });

        const asVisitor = await server.request({
          method: 'GET',
          url: `/api/v1/lobby/${ticket.entryId}/messages`,
          headers: bearer(ticket),
        });
        const asStaff = await server.request({
          method: 'GET',
          url: `/api/v1/lobby/${ticket.entryId}/messages`,
          cookie: admin,
        });
        const texts = (r: typeof asStaff) => r.json<LobbyMessage[]>().map((m) => [m.from, m.text]);
        expect(texts(asVisitor)).toEqual([
          ['staff', 'Running about 10 minutes late'],
          ['visitor', 'No problem, I will wait.'],
        ]);
        expect(texts(asStaff)).toEqual(texts(asVisitor));
        // Every staff page of the facility hears both.
        await eventually(
          async () => heard.filter((e) => e.type === 'lobbyMessage').length,
          (n) => n === 2,
          'both messages pushed to staff',
        );
        const audit = await server.ctx.db
          .selectFrom('audit_events')
          .select('action')
          .where('target_id', '=', ticket.entryId)
          .execute();
        expect(audit.map((a) => a.action)).toContain('lobby.message');
      } finally {
        stop();
      }
    });

    it('lets only the visitor and staff of the facility read the thread', async () => {
      const { ticket } = await visitorAt('Private');
      await staffMessage(ticket.entryId, 'Hello');
      const url = `/api/v1/lobby/${ticket.entryId}/messages`;
      const anonymous = await server.request({ method: 'GET', url });
      expect(anonymous.statusCode).toBe(401);
      const wrongToken = await server.request({
        method: 'GET',
        url,
        headers: { authorization: 'Bearer not-the-token' },
      });
      expect(wrongToken.statusCode).toBe(403);
      const otherFacility = await server.request({
        method: 'POST',
        url: '/api/v1/facilities',
        cookie: admin,
        payload: { name: `Elsewhere ${randomUUID()}` },
      });
      const outsider = await staffMember('staff', [otherFacility.json<{ id: string }>().id]);
      expect((await server.request({ method: 'GET', url, cookie: outsider })).statusCode).toBe(404);
      expect((await staffMessage(ticket.entryId, 'Hi', outsider)).statusCode).toBe(404);
      // A visitor's token is for their own entry only.
      const { ticket: other } = await visitorAt('Someone else');
      const crossed = await server.request({
        method: 'POST',
        url: `/api/v1/lobby/${ticket.entryId}/reply`,
        headers: bearer(other),
        payload: { text: 'Not mine' },
      });
      expect(crossed.statusCode).toBe(403);
    });

    it('refuses replies with control or direction characters, too long, or once not waiting', async () => {
      const { ticket } = await visitorAt('Rules');
      expect((await reply(ticket, 'Hi \u202eevil')).statusCode).toBe(400);
      expect((await reply(ticket, 'Bell \u0007')).statusCode).toBe(400);
      expect((await reply(ticket, 'x'.repeat(501))).statusCode).toBe(400);
      expect((await reply(ticket, '   ')).statusCode).toBe(400);
      expect((await reply(ticket, 'Two lines\nare fine')).statusCode).toBe(201);
      await server.request({
        method: 'POST',
        url: `/api/v1/lobby/${ticket.entryId}/cancel`,
        headers: bearer(ticket),
      });
      expect((await reply(ticket, 'Still there?')).statusCode).toBe(409);
    });

    it('limits how fast a visitor may reply, saying when to try again', async () => {
      const { ticket } = await visitorAt('Flood');
      for (let i = 0; i < REPLIES_PER_WINDOW; i++) {
        expect((await reply(ticket, `Message ${i}`)).statusCode).toBe(201);
      }
      const refused = await reply(ticket, 'One more');
      expect(refused.statusCode).toBe(429);
      expect(refused.json<{ error: { code: string } }>().error.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Another visitor is not held back by this one.
      const { ticket: calm } = await visitorAt('Calm');
      expect((await reply(calm, 'Hello')).statusCode).toBe(201);
    });

    it('offers default canned messages, lets a facility admin replace them (audited), not others', async () => {
      const url = `/api/v1/facilities/${facilityId}/canned-messages`;
      const first = await server.request({ method: 'GET', url, cookie: admin });
      expect(first.statusCode).toBe(200);
      expect(first.json<CannedMessages>().customised).toBe(false);
      expect(first.json<CannedMessages>().messages.length).toBeGreaterThan(0);

      const messages = ['Running about 10 minutes late', 'The nurse is on her way'];
      const saved = await server.request({
        method: 'PUT',
        url,
        cookie: admin,
        payload: { messages },
      });
      expect(saved.statusCode).toBe(200);
      const again = await server.request({ method: 'GET', url, cookie: admin });
      expect(again.json<CannedMessages>()).toEqual({ messages, customised: true });
      const audit = await server.ctx.db
        .selectFrom('audit_events')
        .select(['action', 'details'])
        .where('action', '=', 'facility.canned_messages.update')
        .executeTakeFirstOrThrow();
      expect(audit.details).toMatchObject({ after: messages });

      const plainStaff = await staffMember('staff', [facilityId]);
      expect((await server.request({ method: 'GET', url, cookie: plainStaff })).statusCode).toBe(
        200,
      );
      const refused = await server.request({
        method: 'PUT',
        url,
        cookie: plainStaff,
        payload: { messages: ['Mine now'] },
      });
      expect(refused.statusCode).toBe(403);
      const tooMany = Array.from({ length: 11 }, (_, i) => `Message ${i}`);
      for (const payload of [
        { messages: tooMany },
        { messages: ['Same', 'Same'] },
        { messages: ['\u2066hidden'] },
      ]) {
        expect(
          (await server.request({ method: 'PUT', url, cookie: admin, payload })).statusCode,
        ).toBe(400);
      }
      expect(
        (await server.request({ method: 'GET', url, cookie: admin })).json<CannedMessages>()
          .messages,
      ).toEqual(messages);
    });

    it('estimates the wait from recent admissions, and says nothing without enough of them', async () => {
      const { visit, code, ticket } = await visitorAt('Estimate', 'First');
      const state = async (t: LobbyTicket) =>
        (
          await server.request({
            method: 'GET',
            url: `/api/v1/lobby/${t.entryId}`,
            headers: bearer(t),
          })
        ).json<LobbyState>();
      expect((await state(ticket)).estimate ?? null).toBeNull();

      // History: admitted visitors who waited 4, 6, 7, 9 and 12 minutes, an hour ago.
      const now = Date.now();
      for (const minutes of [4, 6, 7, 9, 12].slice(0, MIN_ADMISSIONS)) {
        const past = await knock(code, `Earlier ${minutes}`);
        await server.ctx.db
          .updateTable('lobby_entries')
          .set({
            status: 'admitted',
            decided_at: new Date(now - 60 * 60_000),
            created_at: sql<Date>`${new Date(now - 60 * 60_000 - minutes * 60_000)}`,
          } as never)
          .where('id', '=', past.entryId)
          .execute();
      }
      const second = await knock(code, 'Second');
      expect((await state(ticket)).estimate).toEqual({ fromMinutes: 5, toMinutes: 10 });
      // Second in line: twice the middle half (12–18 minutes), rounded out.
      expect((await state(second)).estimate).toEqual({ fromMinutes: 10, toMinutes: 20 });
      expect(visit.id).toBeTruthy();
      // Another facility's line is not estimated from this one's admissions.
      const elsewhere = await server.request({
        method: 'POST',
        url: '/api/v1/facilities',
        cookie: admin,
        payload: { name: `Estimate elsewhere ${randomUUID()}` },
      });
      const away = await visitorAt(
        'Estimate elsewhere',
        'Away',
        elsewhere.json<{ id: string }>().id,
      );
      expect((await state(away.ticket)).estimate ?? null).toBeNull();
    });

    it('keeps the thread across a restart of the server', async () => {
      const { ticket } = await visitorAt('Restart');
      await staffMessage(ticket.entryId, 'Before the restart');
      await reply(ticket, 'Got it');
      await server.close();
      server = await startInstance(database.env);
      admin = await signIn(EMAIL, PASSWORD);
      const thread = await server.request({
        method: 'GET',
        url: `/api/v1/lobby/${ticket.entryId}/messages`,
        headers: bearer(ticket),
      });
      expect(thread.json<LobbyMessage[]>().map((m) => m.text)).toEqual([
        'Before the restart',
        'Got it',
      ]);
    }, 60_000);

    // Two instances share one database only on PostgreSQL (PGlite is one process's).
    if (backend.name === 'postgres')
      it('pushes a message written on one instance to pages held by another', async () => {
        const other = await startInstance(database.env);
        try {
          const { ticket } = await visitorAt('Two instances');
          const staffHeard: StaffEvent[] = [];
          const visitorHeard: LobbySignal[] = [];
          const stopStaff = other.bus.subscribe(topics.facility(facilityId), (e) =>
            staffHeard.push(e),
          );
          const stopVisitor = other.bus.subscribe(topics.lobby(ticket.entryId), (e) =>
            visitorHeard.push(e),
          );
          try {
            await staffMessage(ticket.entryId, 'From instance one');
            await reply(ticket, 'Heard on two?');
            await eventually(
              async () =>
                staffHeard.filter((e) => e.type === 'lobbyMessage').length === 2 &&
                visitorHeard.some((s) => s.type === 'message' && s.text === 'From instance one'),
              (heard) => heard,
              'the other instance to hear both messages',
            );
            // And the other instance reads the same thread.
            const thread = await other.request({
              method: 'GET',
              url: `/api/v1/lobby/${ticket.entryId}/messages`,
              headers: bearer(ticket),
            });
            expect(thread.json<LobbyMessage[]>()).toHaveLength(2);
          } finally {
            stopStaff();
            stopVisitor();
          }
        } finally {
          await other.close();
        }
      }, 60_000);
  });
}
