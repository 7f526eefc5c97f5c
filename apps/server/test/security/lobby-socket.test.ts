// Lobby sockets: an entry is online only while one of its sockets is open (written in batches, so
// staff see it within a moment), sockets that churn
// (closed mid-hello, duplicate hellos) leave no subscription behind, and each staff message
// reaches each open socket once; on PGlite and PostgreSQL, and with two server instances on one
// PostgreSQL, where an entry is online while a socket is live on either instance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LobbyEntry, LobbyTicket, TopicKind } from '@openconnect/contracts';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { bootstrap } from '../../src/bootstrap/seed.ts';
import { loadConfig } from '../../src/config/load.ts';
import { expireAbandoned, EXPIRE_AFTER_MS } from '../../src/lobby/lobby.ts';
import { INSTANCE_STALE_MS } from '../../src/lobby/lobby-presence.ts';
import { PostgresEventBus, type EventBus } from '../../src/push/event-bus.ts';
import { presenceOf } from '../../src/push/visitor-socket.ts';
import { closeServerContext, createServerContext } from '../../src/server-context.ts';
import type { Services } from '../../src/services.ts';
import { openDatabase, type DatabaseHandle } from '../../src/storage/db.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createApiHarness, type ApiHarness } from '../support/api.ts';
import { backends, type TestDatabase } from '../support/databases.ts';
import { eventually } from '../support/eventually.ts';

const list = await backends();

describe.each(list)('lobby sockets on $name', (backend) => {
  let h: ApiHarness;
  let admin: string;
  let wsBase: string;
  /** Live subscriptions to waiting-room topics, counted at the bus the sockets use. */
  let lobbySubscriptions = 0;

  beforeAll(async () => {
    h = await createApiHarness(backend);
    admin = await h.signIn();
    wsBase = (await h.app.listen({ host: '127.0.0.1', port: 0 })).replace(/^http/, 'ws');
    const bus: EventBus = h.ctx.bus;
    const subscribe = bus.subscribe.bind(bus);
    bus.subscribe = ((topic: { kind: TopicKind; name: string }, handler: unknown) => {
      const stop = subscribe(topic as never, handler as never);
      if (topic.kind !== 'lobby') return stop;
      lobbySubscriptions += 1;
      let stopped = false;
      return () => {
        if (!stopped) lobbySubscriptions -= 1;
        stopped = true;
        stop();
      };
    }) as EventBus['subscribe'];
  });
  afterAll(() => h.close());

  function open(ticket: LobbyTicket, hellos = 1) {
    const socket = new WebSocket(`${wsBase}/ws/lobby`);
    const messages: { type: string }[] = [];
    socket.on('error', () => undefined);
    socket.on('message', (data) => messages.push(JSON.parse(String(data)) as { type: string }));
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    const opened = new Promise<void>((resolve) =>
      socket.on('open', () => {
        const hello = JSON.stringify({
          type: 'hello',
          entryId: ticket.entryId,
          token: ticket.visitorToken,
        });
        for (let i = 0; i < hellos; i += 1) socket.send(hello);
        resolve();
      }),
    );
    return { socket, messages, closed, opened };
  }

  const queue = async () =>
    (
      await h.request({
        method: 'GET',
        url: `/api/v1/facilities/${h.demoFacilityId}/lobby`,
        cookie: admin,
      })
    ).json<LobbyEntry[]>();

  it('keeps presence and subscriptions to open sockets only, and delivers each message once', async () => {
    const tickets: LobbyTicket[] = [];
    for (let v = 0; v < 10; v += 1) {
      const { code } = await h.visitWithInvite(admin, `Sockets ${v}`);
      tickets.push(await h.knock(code, `Visitor ${v}`));
    }
    const ids = new Set(tickets.map((t) => t.entryId));
    const mine = async () => (await queue()).filter((e) => ids.has(e.id));

    // Churn: 100 sockets say hello several times or go away mid-hello.
    const churn = Array.from({ length: 100 }, (_, i) => {
      const s = open(tickets[i % 10]!, i % 2 === 0 ? 3 : 1);
      if (i % 2 === 1) void s.opened.then(() => setTimeout(() => s.socket.terminate(), i % 7));
      return s;
    });
    await Promise.all(churn.map((s) => s.closed));

    // 100 sockets that stay: ten per entry.
    const live = Array.from({ length: 100 }, (_, i) => open(tickets[i % 10]!));
    await eventually(
      async () => live.every((s) => s.messages.some((m) => m.type === 'state')),
      (ok) => ok,
      'every socket to hear its state',
    );
    await eventually(
      async () => lobbySubscriptions,
      (n) => n === 100,
      'exactly one subscription per open socket',
    );
    await eventually(mine, (entries) => entries.every((e) => e.online), 'all online');

    for (const ticket of tickets) {
      const sent = await h.request({
        method: 'POST',
        url: `/api/v1/lobby/${ticket.entryId}/message`,
        cookie: admin,
        payload: { text: 'We will be with you shortly' },
      });
      expect(sent.statusCode).toBe(201);
    }
    await eventually(
      async () => live.every((s) => s.messages.some((m) => m.type === 'message')),
      (ok) => ok,
      'every socket to hear the message',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(live.map((s) => s.messages.filter((m) => m.type === 'message').length)).toEqual(
      live.map(() => 1),
    );

    // One entry's sockets close: it goes offline at once, the others stay online.
    const first = tickets[0]!.entryId;
    const firsts = live.filter((_, i) => i % 10 === 0);
    for (const s of firsts) s.socket.close();
    await Promise.all(firsts.map((s) => s.closed));
    await eventually(
      mine,
      (entries) => entries.every((e) => e.online === (e.id !== first)),
      'only the closed entry to show offline',
    );

    for (const s of live) s.socket.close();
    await Promise.all(live.map((s) => s.closed));
    await eventually(
      async () => lobbySubscriptions,
      (n) => n === 0,
      'no subscription left',
    );
    await eventually(mine, (entries) => entries.every((e) => !e.online), 'all offline');
    await presenceOf(h.ctx.bus)!.flush();
    const rows = await h.ctx.db
      .selectFrom('lobby_presence')
      .select('entry_id')
      .where('entry_id', 'in', [...ids])
      .execute();
    expect(rows).toHaveLength(0);

    // Gone for less than a minute: still waiting; gone for longer: expired.
    expect(await expireAbandoned(h.ctx, Date.now() + 5_000)).toBe(0);
    expect(await expireAbandoned(h.ctx, Date.now() + EXPIRE_AFTER_MS + 1_000)).toBe(10);
  });
});

const postgres = list.find((b) => b.name === 'postgres');

describe.runIf(postgres)('lobby presence across two instances on one PostgreSQL', () => {
  let database: TestDatabase;
  const instances: {
    app: FastifyInstance;
    ctx: Services;
    bus: PostgresEventBus;
    handle: DatabaseHandle;
    ws: string;
  }[] = [];
  let facilityId: string;
  let cookie: string;

  /** One more server instance over the shared database: its own pool, bus and HTTP server. */
  async function instance() {
    const url = database.env.DATABASE_URL!;
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      FEATURE_LIVEKIT: 'false',
      PUBLIC_URL: 'http://openconnect.test',
      OPENCONNECT_BOOTSTRAP_EMAIL: ADMIN_EMAIL,
      OPENCONNECT_BOOTSTRAP_PASSWORD: ADMIN_PASSWORD,
      ...database.env,
    });
    const handle = await openDatabase({ databaseUrl: url, dataDir: database.env.DATA_DIR });
    const seeded = await bootstrap(handle, config);
    if (seeded) facilityId = seeded.facilityId;
    const bus = await PostgresEventBus.connect(url);
    const ctx = await createServerContext({ config, database: handle, bus });
    const app = await buildApp(ctx);
    const ws = (await app.listen({ host: '127.0.0.1', port: 0 })).replace(/^http/, 'ws');
    const made = { app, ctx, bus, handle, ws };
    instances.push(made);
    return made;
  }

  beforeAll(async () => {
    database = await postgres!.create();
    await instance();
    await instance();
    const res = await instances[0]!.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    cookie = `oc_session=${res.cookies.find((c) => c.name === 'oc_session')!.value}`;
  }, 120_000);

  afterAll(async () => {
    for (const i of instances) {
      await i.app.close();
      await closeServerContext(i.ctx);
      await i.bus.close();
      await i.handle.close();
    }
    await database?.drop();
  }, 120_000);

  async function knock(name: string): Promise<LobbyTicket> {
    const [a] = instances;
    const visit = await a!.app.inject({
      method: 'POST',
      url: '/api/v1/visits',
      headers: { cookie },
      payload: { facilityId, title: `Visit of ${name}` },
    });
    const invite = await a!.app.inject({
      method: 'POST',
      url: `/api/v1/visits/${visit.json<{ id: string }>().id}/invites`,
      headers: { cookie },
      payload: {},
    });
    const res = await a!.app.inject({
      method: 'POST',
      url: `/api/v1/invites/${invite.json<{ code: string }>().code}/lobby`,
      payload: { displayName: name },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<LobbyTicket>();
  }

  /** A page's socket on one instance, resolved once it heard its state. */
  async function page(on: { ws: string }, ticket: LobbyTicket) {
    const socket = new WebSocket(`${on.ws}/ws/lobby`);
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      socket.on('message', (data) => {
        if ((JSON.parse(String(data)) as { type: string }).type === 'state') resolve();
      });
      socket.on('open', () =>
        socket.send(
          JSON.stringify({ type: 'hello', entryId: ticket.entryId, token: ticket.visitorToken }),
        ),
      );
      socket.on('close', () => reject(new Error('closed before its state')));
    });
    return {
      close: async () => {
        socket.close();
        await closed;
      },
    };
  }

  /** Whether staff see the entry online, asked of either instance. */
  async function online(entryId: string, on = 0): Promise<boolean | undefined> {
    const res = await instances[on]!.app.inject({
      method: 'GET',
      url: `/api/v1/facilities/${facilityId}/lobby`,
      headers: { cookie },
    });
    return res.json<LobbyEntry[]>().find((e) => e.id === entryId)?.online;
  }

  const status = async (entryId: string) =>
    (
      await instances[0]!.ctx.db
        .selectFrom('lobby_entries')
        .select('status')
        .where('id', '=', entryId)
        .executeTakeFirstOrThrow()
    ).status;

  it('keeps an entry online while a socket of it is open on either instance', async () => {
    const [a, b] = instances;
    const ticket = await knock('Two Tabs');
    const onA = await page(a!, ticket);
    const onB = await page(b!, ticket);
    await eventually(
      async () => [await online(ticket.entryId, 0), await online(ticket.entryId, 1)],
      (seen) => seen.every((o) => o === true),
      'both instances to show the entry online',
    );

    // The tab on A closes: the one on B still counts, whichever instance staff ask.
    await onA.close();
    await eventually(
      async () => [await online(ticket.entryId, 0), await online(ticket.entryId, 1)],
      (seen) => seen.every((o) => o === true),
      'the entry to stay online through B',
    );
    await onB.close();
    await eventually(
      async () => [await online(ticket.entryId, 0), await online(ticket.entryId, 1)],
      (seen) => seen.every((o) => o === false),
      'the entry to go offline with its last socket',
    );
  });

  it('expires only entries whose sockets have all been gone for 60 s, on any instance', async () => {
    const [a, b] = instances;
    const gone = await knock('Gone Long');
    const brief = await knock('Gone Briefly');
    const here = await knock('Still Here');
    const dead = await knock('On A Dead Instance');
    await (await page(a!, gone)).close();
    await (await page(b!, brief)).close();
    const stays = await page(b!, here);
    // An instance that died never closed its sockets: its heartbeat just stops.
    const orphan = await page(a!, dead);
    await presenceOf(a!.bus)!.flush();
    await presenceOf(b!.bus)!.flush();

    const ago = (ms: number) => new Date(Date.now() - ms);
    const db = a!.ctx.db;
    const setLastSeen = (entryId: string, at: Date) =>
      db.updateTable('lobby_entries').set({ last_seen_at: at }).where('id', '=', entryId).execute();
    const instanceLastHeard = (at: Date) =>
      db
        .updateTable('lobby_instances')
        .set({ seen_at: at })
        .where('id', '=', presenceOf(a!.bus)!.instanceId)
        .execute();
    await setLastSeen(gone.entryId, ago(EXPIRE_AFTER_MS + 1_000));
    await setLastSeen(brief.entryId, ago(5_000));
    // Waiting long, but with a live socket on B: never expired while it is there.
    await setLastSeen(here.entryId, ago(EXPIRE_AFTER_MS + 1_000));
    await setLastSeen(dead.entryId, ago(EXPIRE_AFTER_MS + 1_000));
    // A went quiet a while ago: its socket no longer counts as online, but it left less than a
    // minute ago, so its entry still waits.
    await instanceLastHeard(ago(INSTANCE_STALE_MS + 1_000));
    expect(await online(dead.entryId)).toBe(false);
    expect(await online(dead.entryId, 1)).toBe(false);
    expect(await expireAbandoned(b!.ctx)).toBe(1);
    expect(await status(gone.entryId)).toBe('expired');
    expect(await status(dead.entryId)).toBe('waiting');

    // A minute after A was last heard, its entry goes; the job runs on B.
    await instanceLastHeard(ago(EXPIRE_AFTER_MS + 1_000));
    expect(await expireAbandoned(b!.ctx)).toBe(1);
    expect(await status(dead.entryId)).toBe('expired');
    expect(await status(brief.entryId)).toBe('waiting');
    expect(await status(here.entryId)).toBe('waiting');
    expect(await online(here.entryId)).toBe(true);
    await stays.close();
    await orphan.close();
  });
});
