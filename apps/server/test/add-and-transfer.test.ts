// Adding someone to a call and moving a waiting visitor, over real HTTP, WebSockets and
// databases: role invites (audited, labelled, let in on arrival or waiting), the provider's size
// limit when inviting and when letting in, transfers with their refusals and the visitor's page
// following, and — on PostgreSQL — a transfer made on one instance heard by a page on another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type {
  AddedPerson,
  CallCapacity,
  ErrorBody,
  JoinCredentials,
  LobbyEntry,
  LobbyMessage,
  LobbyTicket,
  Visit,
  VisitorEvent,
} from '@openconnect/contracts';
import { buildApp } from '../src/app.ts';
import { FULL_ON_ARRIVAL } from '../src/invites/admit-on-arrival.ts';
import { bootstrap } from '../src/bootstrap/seed.ts';
import { loadConfig } from '../src/config/load.ts';
import { followPresence } from '../src/participants/presence.ts';
import { createEventBus, type EventBus } from '../src/push/event-bus.ts';
import { closeServerContext, createServerContext } from '../src/server-context.ts';
import type { Services } from '../src/services.ts';
import { openDatabase } from '../src/storage/db.ts';
import { backends, type TestDatabase } from './support/databases.ts';
import { eventually } from './support/eventually.ts';
import { joinWith, type SignalingClient } from './providers/p2p-fixture.ts';

const EMAIL = 'admin@example.test';
const PASSWORD = 'a-long-test-password';

/** One server instance over an existing database: its own pool, bus and app, listening. */
interface Instance {
  app: FastifyInstance;
  ctx: Services;
  bus: EventBus;
  base: string;
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
    // A small p2p call, so filling it takes two people.
    P2P_MAX_PARTICIPANTS: '2',
    ...env,
  });
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  await bootstrap(handle, config);
  const bus = await createEventBus(env.DATABASE_URL);
  const ctx = await createServerContext({ config, database: handle, bus });
  const app = await buildApp(ctx);
  await app.ready();
  const stopPresence = followPresence(ctx, app.log);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    ctx,
    bus,
    base,
    request: ({ cookie, headers, ...options }) =>
      app.inject({ ...options, headers: { ...(cookie ? { cookie } : {}), ...headers } }),
    async close() {
      stopPresence();
      await app.close();
      await closeServerContext(ctx);
      await bus.close();
      await handle.close();
    },
  };
}

/** A visitor's `/ws/lobby` socket, collecting what it is told. */
function lobbySocket(base: string, ticket: LobbyTicket) {
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/ws/lobby`);
  const events: VisitorEvent[] = [];
  socket.on('error', () => undefined);
  socket.on('message', (data) => events.push(JSON.parse(String(data)) as VisitorEvent));
  socket.on('open', () =>
    socket.send(
      JSON.stringify({ type: 'hello', entryId: ticket.entryId, token: ticket.visitorToken }),
    ),
  );
  return { socket, events };
}

const bearer = (ticket: LobbyTicket) => ({ authorization: `Bearer ${ticket.visitorToken}` });

for (const backend of await backends()) {
  describe(`adding someone to a call and moving a waiting visitor on ${backend.name}`, () => {
    let database: TestDatabase;
    let server: Instance;
    let admin: string;
    let facilityId: string;
    const sockets: WebSocket[] = [];
    const clients: SignalingClient[] = [];

    beforeAll(async () => {
      // The embedded database is opened by the instance itself.
      database = await backend.create();
      await database.handle.close();
      server = await startInstance(database.env);
      admin = await signIn();
      const facility = await server.ctx.db
        .selectFrom('facilities')
        .select('id')
        .executeTakeFirstOrThrow();
      facilityId = facility.id;
    }, 60_000);

    afterAll(async () => {
      for (const s of sockets) s.terminate();
      await Promise.all(clients.map((c) => c.close()));
      await server?.close();
      await database?.drop();
    });

    async function signIn(email = EMAIL, password = PASSWORD): Promise<string> {
      const res = await server.request({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email, password },
      });
      expect(res.statusCode).toBe(200);
      return `oc_session=${res.cookies.find((c) => c.name === 'oc_session')!.value}`;
    }

    async function visit(title: string, facility = facilityId): Promise<Visit> {
      const res = await server.request({
        method: 'POST',
        url: '/api/v1/visits',
        cookie: admin,
        payload: { facilityId: facility, title },
      });
      expect(res.statusCode).toBe(201);
      return res.json<Visit>();
    }

    async function inviteCode(visitId: string): Promise<string> {
      const res = await server.request({
        method: 'POST',
        url: `/api/v1/visits/${visitId}/invites`,
        cookie: admin,
        payload: {},
      });
      expect(res.statusCode).toBe(201);
      return res.json<{ code: string }>().code;
    }

    const addPerson = (visitId: string, payload: object, cookie = admin) =>
      server.request({ method: 'POST', url: `/api/v1/visits/${visitId}/people`, cookie, payload });

    async function knock(code: string, displayName: string): Promise<LobbyTicket> {
      const res = await server.request({
        method: 'POST',
        url: `/api/v1/invites/${code}/lobby`,
        payload: { displayName },
      });
      expect(res.statusCode).toBe(201);
      return res.json<LobbyTicket>();
    }

    /** Someone connects to the visit's p2p call with credentials from `url`. */
    async function connect(credentials: JoinCredentials): Promise<SignalingClient> {
      const wsBase = server.base.replace(/^http/, 'ws');
      const client = await joinWith({
        ...credentials,
        ...(credentials.provider === 'p2p' ? { signalingUrl: `${wsBase}/ws/p2p` } : {}),
      });
      clients.push(client);
      return client;
    }

    async function hostJoins(visitId: string): Promise<SignalingClient> {
      const res = await server.request({
        method: 'POST',
        url: `/api/v1/visits/${visitId}/join`,
        cookie: admin,
      });
      expect(res.statusCode).toBe(200);
      return connect(res.json<JoinCredentials>());
    }

    const transfer = (entryId: string, visitId: string) =>
      server.request({
        method: 'POST',
        url: `/api/v1/lobby/${entryId}/transfer`,
        cookie: admin,
        payload: { visitId },
      });

    const waiting = async () =>
      (
        await server.request({
          method: 'GET',
          url: `/api/v1/facilities/${facilityId}/lobby`,
          cookie: admin,
        })
      ).json<LobbyEntry[]>();

    const audit = async (action: string) =>
      server.ctx.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', action)
        .orderBy('created_at', 'desc')
        .execute();

    it('creates a role invite for a call, audits its role and arrival rule, and labels the person waiting', async () => {
      const call = await visit('Clinic with an interpreter');
      const res = await addPerson(call.id, { role: 'interpreter' });
      expect(res.statusCode).toBe(201);
      const added = res.json<AddedPerson>();
      expect(added.invite).toMatchObject({
        visitId: call.id,
        kind: 'personal',
        role: 'interpreter',
        admitOnArrival: false,
      });
      expect(added.capacity).toMatchObject({ provider: 'p2p', max: 2, present: 0, pending: 1 });
      const [created] = await audit('invite.create');
      expect(created).toMatchObject({ target_id: added.invite.id, facility_id: facilityId });
      expect(created!.details).toMatchObject({ role: 'interpreter', admitOnArrival: false });

      const ticket = await knock(added.invite.code, 'Ana');
      expect(ticket.status).toBe('waiting');
      const entry = (await waiting()).find((e) => e.id === ticket.entryId);
      expect(entry).toMatchObject({ displayName: 'Ana', role: 'interpreter', visitId: call.id });
      // An ordinary visitor carries no label.
      const plain = await knock(await inviteCode(call.id), 'Grandson');
      expect((await waiting()).find((e) => e.id === plain.entryId)?.role).toBeNull();
      // Both routes are in the OpenAPI document.
      const doc = await server.request({ method: 'GET', url: '/docs/json' });
      expect(Object.keys(doc.json<{ paths: object }>().paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/visits/{id}/people',
          '/api/v1/visits/{id}/capacity',
          '/api/v1/lobby/{id}/transfer',
        ]),
      );
    });

    it('lets a person in on arrival when the invite says so, under an identity that names their role', async () => {
      const call = await visit('Call with a relative');
      await hostJoins(call.id);
      const added = (
        await addPerson(call.id, { role: 'relative', admitOnArrival: true })
      ).json<AddedPerson>();
      const ticket = await knock(added.invite.code, 'Cousin Bea');
      expect(ticket.status).toBe('admitted');
      const join = await server.request({
        method: 'POST',
        url: `/api/v1/lobby/${ticket.entryId}/join`,
        headers: bearer(ticket),
      });
      expect(join.statusCode).toBe(200);
      const credentials = join.json<JoinCredentials>();
      expect(credentials.identity).toBe(`relative-${ticket.entryId}`);
      expect(credentials.roomId).toBe(call.id);
      const [admitted] = await audit('lobby.admit');
      expect(admitted).toMatchObject({ target_id: ticket.entryId, actor_email: EMAIL });
    });

    it("refuses to add or let in past the provider's limit, with how full the call is", async () => {
      const call = await visit('A full p2p call');
      await hostJoins(call.id);
      // One place left of two: a pending invite holds it.
      expect((await addPerson(call.id, { role: 'colleague' })).statusCode).toBe(201);
      const held = await addPerson(call.id, { role: 'interpreter' });
      expect(held.statusCode).toBe(409);
      expect(held.json<ErrorBody>().error).toMatchObject({
        code: 'ROOM_FULL',
        details: { max: 2, present: 1, pending: 1 },
      });
      expect(held.json<ErrorBody>().error.message).toMatch(/withdraw an unused invite/);

      // The call fills up with an ordinary visitor.
      const visitor = await knock(await inviteCode(call.id), 'Daughter');
      await server.request({
        method: 'POST',
        url: `/api/v1/lobby/${visitor.entryId}/admit`,
        cookie: admin,
      });
      const join = await server.request({
        method: 'POST',
        url: `/api/v1/lobby/${visitor.entryId}/join`,
        headers: bearer(visitor),
      });
      await connect(join.json<JoinCredentials>());
      await eventually(
        async () =>
          (
            await server.request({
              method: 'GET',
              url: `/api/v1/visits/${call.id}/capacity`,
              cookie: admin,
            })
          ).json<CallCapacity>(),
        (c) => c.present === 2,
        'both people to be connected',
      );

      // Someone who arrives on a "let in on arrival" link now waits instead…
      await server.ctx.db
        .updateTable('invites')
        .set({ revoked_at: new Date(), revoked_reason: 'staff' })
        .where('room_id', '=', call.id)
        .where('role', 'is not', null)
        .execute();
      const late = await addPerson(call.id, { role: 'interpreter', admitOnArrival: true });
      expect(late.statusCode).toBe(409);
      expect(late.json<ErrorBody>().error.message).toMatch(/Someone must leave/);
      // …and staff letting a waiting person in hear that the call is full.
      const another = await knock(await inviteCode(call.id), 'Son');
      const refused = await server.request({
        method: 'POST',
        url: `/api/v1/lobby/${another.entryId}/admit`,
        cookie: admin,
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json<ErrorBody>().error.code).toBe('ROOM_FULL');
      expect(refused.json<ErrorBody>().error.message).toMatch(/full \(2 of 2.*Son cannot come in/);
      expect((await waiting()).find((e) => e.id === another.entryId)?.status).toBe('waiting');
    });

    it('leaves a let-in-on-arrival person waiting when the call is full', async () => {
      const call = await visit('Full before the interpreter arrives');
      await hostJoins(call.id);
      const added = (
        await addPerson(call.id, { role: 'interpreter', admitOnArrival: true })
      ).json<AddedPerson>();
      // The call fills before the interpreter comes.
      const visitor = await knock(await inviteCode(call.id), 'Husband');
      await server.request({
        method: 'POST',
        url: `/api/v1/lobby/${visitor.entryId}/admit`,
        cookie: admin,
      });
      const join = await server.request({
        method: 'POST',
        url: `/api/v1/lobby/${visitor.entryId}/join`,
        headers: bearer(visitor),
      });
      await connect(join.json<JoinCredentials>());
      await eventually(
        async () => (await server.ctx.providers.get('p2p')!.listParticipants(call.id)).length,
        (n) => n === 2,
        'both people to be connected',
      );
      const ticket = await knock(added.invite.code, 'Interpreter Li');
      expect(ticket.status).toBe('waiting');
      expect((await waiting()).find((e) => e.id === ticket.entryId)).toMatchObject({
        role: 'interpreter',
        status: 'waiting',
      });
      // Their waiting-room thread says why, in the name of whoever made the link.
      const thread = await server.request({
        method: 'GET',
        url: `/api/v1/lobby/${ticket.entryId}/messages`,
        headers: bearer(ticket),
      });
      expect(thread.json<LobbyMessage[]>()).toEqual([
        expect.objectContaining({ from: 'staff', author: 'Administrator', text: FULL_ON_ARRIVAL }),
      ]);
    });

    it('refuses adding someone for people without access, or to an ended visit', async () => {
      const call = await visit('Private call');
      expect((await addPerson(call.id, { role: 'colleague' }, '')).statusCode).toBe(401);
      const other = await server.request({
        method: 'POST',
        url: '/api/v1/facilities',
        cookie: admin,
        payload: { name: `Other ${backend.name}` },
      });
      const otherId = other.json<{ id: string }>().id;
      const email = `outsider-${backend.name}@example.test`;
      await server.request({
        method: 'POST',
        url: '/api/v1/staff',
        cookie: admin,
        payload: {
          email,
          displayName: 'Outsider',
          password: 'outsider-password-long',
          role: 'staff',
          facilityIds: [otherId],
        },
      });
      const outsider = await signIn(email, 'outsider-password-long');
      expect((await addPerson(call.id, { role: 'colleague' }, outsider)).statusCode).toBe(404);
      expect((await addPerson(call.id, { role: 'nurse' })).statusCode).toBe(400);
      await server.request({ method: 'POST', url: `/api/v1/visits/${call.id}/end`, cookie: admin });
      const ended = await addPerson(call.id, { role: 'colleague' });
      expect(ended.statusCode).toBe(410);
    });

    it('moves a waiting visitor to another visit: their page follows, keeps its knock time, and is let in there', async () => {
      const morning = await visit('Morning clinic');
      const afternoon = await visit('Afternoon clinic');
      const moved = await knock(await inviteCode(morning.id), 'First to knock');
      const behindInMorning = await knock(await inviteCode(morning.id), 'Second in morning');
      const inAfternoon = await knock(await inviteCode(afternoon.id), 'Already in afternoon');
      const page = lobbySocket(server.base, moved);
      sockets.push(page.socket);
      await eventually(
        async () => page.events,
        (events) => events.some((e) => e.type === 'state'),
        'the first state',
      );

      const res = await transfer(moved.entryId, afternoon.id);
      expect(res.statusCode).toBe(200);
      expect(res.json<LobbyEntry>()).toMatchObject({
        id: moved.entryId,
        visitId: afternoon.id,
        visitTitle: 'Afternoon clinic',
        status: 'waiting',
        createdAt: moved.createdAt,
      });
      // The page hears where it now waits, and it is first: it knocked before anyone there.
      const state = await eventually(
        async () =>
          page.events.flatMap((e) => (e.type === 'state' && e.state.movedTo ? [e.state] : [])),
        (states) => states.length > 0,
        'the moved state',
      );
      expect(state[0]).toMatchObject({ movedTo: 'Afternoon clinic', position: 1 });
      const positionOf = async (ticket: LobbyTicket) =>
        (
          await server.request({
            method: 'GET',
            url: `/api/v1/lobby/${ticket.entryId}`,
            headers: bearer(ticket),
          })
        ).json<{ position: number }>().position;
      expect(await positionOf(inAfternoon)).toBe(2);
      expect(await positionOf(behindInMorning)).toBe(1);
      const [audited] = await audit('lobby.transfer');
      expect(audited).toMatchObject({ target_id: moved.entryId, actor_email: EMAIL });
      expect(audited!.details).toMatchObject({ fromVisitId: morning.id, toVisitId: afternoon.id });

      // Let in there: the credentials are for the new visit.
      await server.request({
        method: 'POST',
        url: `/api/v1/lobby/${moved.entryId}/admit`,
        cookie: admin,
      });
      const admitted = await eventually(
        async () => page.events.find((e) => e.type === 'admitted'),
        (e) => e !== undefined,
        'the admission',
      );
      expect(admitted?.type === 'admitted' && admitted.credentials.roomId).toBe(afternoon.id);
    });

    it('refuses a move to another facility, to an ended visit, to the same visit, or of someone no longer waiting', async () => {
      const here = await visit('Here');
      const there = await visit('There');
      const ticket = await knock(await inviteCode(here.id), 'Visitor');

      const facility = await server.request({
        method: 'POST',
        url: '/api/v1/facilities',
        cookie: admin,
        payload: { name: `Elsewhere ${backend.name}` },
      });
      const elsewhere = await visit('Elsewhere', facility.json<{ id: string }>().id);
      const otherFacility = await transfer(ticket.entryId, elsewhere.id);
      expect(otherFacility.statusCode).toBe(403);
      expect(otherFacility.json<ErrorBody>().error).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'other_facility' },
      });

      await server.request({
        method: 'POST',
        url: `/api/v1/visits/${there.id}/end`,
        cookie: admin,
      });
      const ended = await transfer(ticket.entryId, there.id);
      expect(ended.statusCode).toBe(410);
      expect(ended.json<ErrorBody>().error).toMatchObject({
        code: 'GONE',
        details: { reason: 'visit_ended' },
      });

      const same = await transfer(ticket.entryId, here.id);
      expect(same.statusCode).toBe(409);
      expect(same.json<ErrorBody>().error.details).toMatchObject({ reason: 'same_visit' });

      const open = await visit('Open');
      await server.request({
        method: 'POST',
        url: `/api/v1/lobby/${ticket.entryId}/deny`,
        cookie: admin,
        payload: {},
      });
      const gone = await transfer(ticket.entryId, open.id);
      expect(gone.statusCode).toBe(409);
      expect(gone.json<ErrorBody>().error).toMatchObject({
        code: 'CONFLICT',
        details: { reason: 'not_waiting', status: 'denied' },
      });
      // Nothing moved, nothing audited for the refusals.
      const moves = await audit('lobby.transfer');
      expect(moves.some((m) => m.target_id === ticket.entryId)).toBe(false);
    });

    // Two instances share one database only on PostgreSQL (PGlite is one process's).
    if (backend.name === 'postgres')
      it("pushes a move made on one instance to the visitor's page held by another", async () => {
        const other = await startInstance(database.env);
        try {
          const from = await visit('Ward A');
          const to = await visit('Ward B');
          const ticket = await knock(await inviteCode(from.id), 'Neighbour');
          const page = lobbySocket(other.base, ticket);
          sockets.push(page.socket);
          await eventually(
            async () => page.events,
            (events) => events.some((e) => e.type === 'state'),
            'the first state on the other instance',
          );
          expect((await transfer(ticket.entryId, to.id)).statusCode).toBe(200);
          const moved = await eventually(
            async () => page.events.find((e) => e.type === 'state' && e.state.movedTo === 'Ward B'),
            (e) => e !== undefined,
            'the move heard on the other instance',
          );
          expect(moved).toMatchObject({ state: { status: 'waiting', position: 1 } });
        } finally {
          await other.close();
        }
      }, 60_000);
  });
}
