// Lobby sockets: an entry is online only while one of its sockets is open, sockets that churn
// (closed mid-hello, duplicate hellos) leave no subscription behind, and each staff message
// reaches each open socket once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LobbyEntry, LobbyTicket, TopicKind } from '@openconnect/contracts';
import { expireAbandoned, EXPIRE_AFTER_MS } from '../../src/lobby/lobby.ts';
import type { EventBus } from '../../src/push/event-bus.ts';
import { createApiHarness, type ApiHarness } from '../support/api.ts';
import { backends } from '../support/databases.ts';
import { eventually } from '../support/eventually.ts';

const [pglite] = await backends();

describe('lobby sockets', () => {
  let h: ApiHarness;
  let admin: string;
  let wsBase: string;
  /** Live subscriptions to waiting-room topics, counted at the bus the sockets use. */
  let lobbySubscriptions = 0;

  beforeAll(async () => {
    h = await createApiHarness(pglite!);
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
    expect((await mine()).every((e) => e.online)).toBe(true);

    for (const ticket of tickets) {
      const sent = await h.request({
        method: 'POST',
        url: `/api/v1/lobby/${ticket.entryId}/message`,
        cookie: admin,
        payload: { text: 'We will be with you shortly' },
      });
      expect(sent.statusCode).toBe(204);
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
    const rows = await h.ctx.db.selectFrom('lobby_sockets').select('id').execute();
    expect(rows).toHaveLength(0);

    // Gone for less than a minute: still waiting; gone for longer: expired.
    expect(await expireAbandoned(h.ctx, Date.now() + 5_000)).toBe(0);
    expect(await expireAbandoned(h.ctx, Date.now() + EXPIRE_AFTER_MS + 1_000)).toBe(10);
  });
});
