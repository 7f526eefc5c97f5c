// The waiting room over real HTTP and WebSockets: knocking, the visitor's push channel, staff
// decisions pushed live, admission enforced on the server, kicks that stick, and flood limits.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  PushCloseCode,
  type LobbyTicket,
  type StaffEvent,
  type VisitorEvent,
} from '@openconnect/contracts';
import { createApiHarness, type ApiHarness } from './support/api.ts';
import { backends } from './support/databases.ts';
import { expireAbandoned, EXPIRE_AFTER_MS, KNOCKS_PER_INVITE } from '../src/lobby/lobby.ts';

const [pglite] = await backends();

/** Collects JSON messages of a socket and waits for one matching a predicate. */
class Listener<T> {
  readonly messages: T[] = [];
  private waiters: { match: (m: T) => boolean; resolve: (m: T) => void }[] = [];
  readonly closed: Promise<number>;

  constructor(readonly socket: WebSocket) {
    // Errors surface as closes or failed expectations; an unheard 'error' would crash the run.
    socket.on('error', () => undefined);
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as T;
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(message)) return true;
        w.resolve(message);
        return false;
      });
    });
    this.closed = new Promise((resolve) => socket.on('close', (code) => resolve(code)));
  }

  next(match: (m: T) => boolean, timeoutMs = 5_000): Promise<T> {
    const seen = this.messages.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching message in time')), timeoutMs);
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }
}

describe('waiting room', () => {
  let h: ApiHarness;
  let admin: string;
  let base: string;
  let wsBase: string;
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    h = await createApiHarness(pglite!);
    admin = await h.signIn();
    base = await h.app.listen({ host: '127.0.0.1', port: 0 });
    wsBase = base.replace(/^http/, 'ws');
  });
  afterAll(async () => {
    for (const s of sockets) s.terminate();
    await h.close();
  });

  const visitWithInvite = (title = 'Visit') => h.visitWithInvite(admin, title);
  const knock = (code: string, displayName = 'Grandson') => h.knock(code, displayName);

  const bearer = (ticket: LobbyTicket) => ({ authorization: `Bearer ${ticket.visitorToken}` });

  function openVisitorSocket(ticket: LobbyTicket) {
    const socket = new WebSocket(`${wsBase}/ws/lobby`);
    sockets.push(socket);
    const listener = new Listener<VisitorEvent>(socket);
    socket.on('open', () =>
      socket.send(
        JSON.stringify({ type: 'hello', entryId: ticket.entryId, token: ticket.visitorToken }),
      ),
    );
    return listener;
  }

  function openStaffSocket(cookie: string, facilityId: string) {
    const socket = new WebSocket(`${wsBase}/ws/staff?facilityId=${facilityId}`, {
      headers: { cookie },
    });
    sockets.push(socket);
    const listener = new Listener<StaffEvent>(socket);
    return {
      listener,
      open: new Promise<void>((resolve, reject) => {
        socket.on('open', () => resolve());
        socket.on('unexpected-response', (_req, res) =>
          reject(new Error(`HTTP ${res.statusCode}`)),
        );
      }),
    };
  }

  it('answers a join before admission with 403 and admits only on the staff decision', async () => {
    const { visitId, code } = await visitWithInvite('Admission');
    const ticket = await knock(code);
    expect(ticket).toMatchObject({
      status: 'waiting',
      visitId,
      visitTitle: 'Admission',
      facilityName: 'Demo Care Home',
    });

    const early = await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/join`,
      headers: bearer(ticket),
      payload: {},
    });
    expect(early.statusCode).toBe(403);
    expect(early.json().error.code).toBe('FORBIDDEN');

    const admitted = await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/admit`,
      cookie: admin,
      payload: {},
    });
    expect(admitted.json()).toMatchObject({ status: 'admitted', displayName: 'Grandson' });
    const join = await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/join`,
      headers: bearer(ticket),
      payload: {},
    });
    expect(join.statusCode, join.body).toBe(200);
    expect(join.json()).toMatchObject({
      provider: 'p2p',
      roomId: visitId,
      role: 'visitor',
      identity: `visitor-${ticket.entryId}`,
    });
  });

  it('refuses another visitor’s entry and a staff member of another facility', async () => {
    const { code } = await visitWithInvite();
    const mine = await knock(code, 'Me');
    const theirs = await knock(code, 'Them');
    const stolen = await h.request({
      method: 'GET',
      url: `/api/v1/lobby/${theirs.entryId}`,
      headers: bearer(mine),
    });
    expect(stolen.statusCode).toBe(403);
    const noToken = await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${theirs.entryId}/join`,
      payload: {},
    });
    expect(noToken.statusCode).toBe(403);
  });

  it('pushes the visitor their place in line, staff messages, and credentials on admit', async () => {
    const { code } = await visitWithInvite('Push');
    const first = await knock(code, 'First');
    const second = await knock(code, 'Second');
    const visitor = openVisitorSocket(second);
    const state = await visitor.next((m) => m.type === 'state');
    // With the visit's video service, for the page to load the call's code while waiting.
    expect(state).toMatchObject({
      type: 'state',
      state: { status: 'waiting', position: 2, provider: 'p2p' },
    });

    await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${second.entryId}/message`,
      cookie: admin,
      payload: { text: 'Two minutes!' },
    });
    expect(await visitor.next((m) => m.type === 'message')).toMatchObject({
      text: 'Two minutes!',
      from: 'Administrator',
    });

    await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${first.entryId}/deny`,
      cookie: admin,
      payload: { reason: 'Not today' },
    });
    await visitor.next((m) => m.type === 'state' && m.state.position === 1);

    await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${second.entryId}/admit`,
      cookie: admin,
      payload: {},
    });
    const admitted = await visitor.next((m) => m.type === 'admitted');
    expect(admitted.type === 'admitted' && admitted.credentials.identity).toBe(
      `visitor-${second.entryId}`,
    );

    const denied = await h.request({
      method: 'GET',
      url: `/api/v1/lobby/${first.entryId}`,
      headers: bearer(first),
    });
    expect(denied.json()).toMatchObject({ status: 'denied', reason: 'Not today', position: null });
  });

  it('resumes after a reconnect with the current state and fresh credentials', async () => {
    const { code } = await visitWithInvite('Resume');
    const ticket = await knock(code);
    await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/admit`,
      cookie: admin,
      payload: {},
    });
    const first = openVisitorSocket(ticket);
    await first.next((m) => m.type === 'admitted');
    first.socket.close();
    const again = openVisitorSocket(ticket);
    expect(await again.next((m) => m.type === 'state')).toMatchObject({
      state: { status: 'admitted' },
    });
    await again.next((m) => m.type === 'admitted');
  });

  it('closes a socket that says hello with the wrong secret', async () => {
    const { code } = await visitWithInvite();
    const ticket = await knock(code);
    const listener = openVisitorSocket({ ...ticket, visitorToken: 'wrong' });
    expect(await listener.closed).toBe(PushCloseCode.UNAUTHENTICATED);
  });

  it('shows every staff page of the facility new knocks and decisions live', async () => {
    const { code } = await visitWithInvite('Live queue');
    const pageA = openStaffSocket(admin, h.demoFacilityId);
    const pageB = openStaffSocket(await h.signIn(), h.demoFacilityId);
    await Promise.all([pageA.open, pageB.open]);
    const ticket = await knock(code, 'Niece');
    for (const page of [pageA, pageB]) {
      const event = await page.listener.next(
        (m) => m.type === 'lobby' && m.entry.id === ticket.entryId,
      );
      expect(event).toMatchObject({
        entry: { displayName: 'Niece', visitTitle: 'Live queue', status: 'waiting' },
      });
    }
    await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/admit`,
      cookie: admin,
      payload: {},
    });
    await pageB.listener.next(
      (m) => m.type === 'lobby' && m.entry.id === ticket.entryId && m.entry.status === 'admitted',
    );
    const queue = await h.request({
      method: 'GET',
      url: `/api/v1/facilities/${h.demoFacilityId}/lobby`,
      cookie: admin,
    });
    expect(queue.json<{ id: string }[]>().map((e) => e.id)).not.toContain(ticket.entryId);
  });

  it('tells staff pages when a visit gets under way', async () => {
    const { visitId } = await visitWithInvite('Going live');
    const page = openStaffSocket(admin, h.demoFacilityId);
    await page.open;
    await h.request({
      method: 'POST',
      url: `/api/v1/visits/${visitId}/join`,
      cookie: admin,
      payload: {},
    });
    const event = await page.listener.next((m) => m.type === 'visit' && m.visitId === visitId);
    expect(event).toMatchObject({ type: 'visit', status: 'live' });
  });

  it('refuses the staff push channel without a session, with a close code the page stops on', async () => {
    const page = openStaffSocket('oc_session=nope', h.demoFacilityId);
    await page.open;
    expect(await page.listener.closed).toBe(PushCloseCode.UNAUTHENTICATED);
  });

  it('refuses the staff push channel of another facility or an unknown id alike', async () => {
    const foreign = openStaffSocket(admin, randomUUID());
    await foreign.open;
    expect(await foreign.listener.closed).toBe(PushCloseCode.FORBIDDEN);
    const malformed = openStaffSocket(admin, 'not-an-id');
    await malformed.open;
    expect(await malformed.listener.closed).toBe(PushCloseCode.FORBIDDEN);
  });

  it('keeps a removed visitor out: no new credentials, and their socket is told', async () => {
    const { visitId, code } = await visitWithInvite('Kick');
    const ticket = await knock(code);
    const visitor = openVisitorSocket(ticket);
    await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/admit`,
      cookie: admin,
      payload: {},
    });
    await visitor.next((m) => m.type === 'admitted');
    const participants = await h.request({
      method: 'GET',
      url: `/api/v1/visits/${visitId}/participants`,
      cookie: admin,
    });
    const participant = participants
      .json<{ id: string; identity: string }[]>()
      .find((p) => p.identity === `visitor-${ticket.entryId}`);
    expect(participant).toBeDefined();
    const removed = await h.request({
      method: 'POST',
      url: `/api/v1/visits/${visitId}/participants/${participant?.id}/remove`,
      cookie: admin,
      payload: {},
    });
    expect(removed.statusCode, removed.body).toBe(204);
    await visitor.next((m) => m.type === 'state' && m.state.status === 'removed');
    const rejoin = await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/join`,
      headers: bearer(ticket),
      payload: {},
    });
    expect(rejoin.statusCode).toBe(403);
    expect(rejoin.json().error.message).toMatch(/removed/);
    const audit = await h.request({
      method: 'GET',
      url: `/api/v1/audit?facilityId=${h.demoFacilityId}`,
      cookie: admin,
    });
    expect(audit.json<{ action: string }[]>().map((e) => e.action)).toEqual(
      expect.arrayContaining(['lobby.admit', 'participant.remove']),
    );
  });

  it('lets a visitor cancel, and expires an entry whose page is gone', async () => {
    const { code } = await visitWithInvite();
    const leaving = await knock(code);
    const cancelled = await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${leaving.entryId}/cancel`,
      headers: bearer(leaving),
      payload: {},
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });

    const gone = await knock(code);
    expect(
      await expireAbandoned(h.ctx, Date.now() + EXPIRE_AFTER_MS + 1_000),
    ).toBeGreaterThanOrEqual(1);
    const state = await h.request({
      method: 'GET',
      url: `/api/v1/lobby/${gone.entryId}`,
      headers: bearer(gone),
    });
    expect(state.json()).toMatchObject({ status: 'expired' });
  });

  it('stops one invite from flooding the queue', async () => {
    const { code } = await visitWithInvite('Flood');
    const statuses: number[] = [];
    for (let i = 0; i < KNOCKS_PER_INVITE + 2; i += 1) {
      const res = await h.request({
        method: 'POST',
        url: `/api/v1/invites/${code}/lobby`,
        payload: { displayName: `Spam ${i}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(KNOCKS_PER_INVITE);
    expect(statuses.at(-1)).toBe(429);
  });

  it('tells waiting visitors when the visit ends', async () => {
    const { visitId, code } = await visitWithInvite('Ending');
    const ticket = await knock(code);
    const visitor = openVisitorSocket(ticket);
    await visitor.next((m) => m.type === 'state');
    await h.request({
      method: 'POST',
      url: `/api/v1/visits/${visitId}/end`,
      cookie: admin,
      payload: {},
    });
    const ended = await visitor.next((m) => m.type === 'state' && m.state.status === 'expired');
    expect(ended.type === 'state' && ended.state.reason).toBe('visit ended');
  });
});
