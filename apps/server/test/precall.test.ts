// The pre-call check over real HTTP and WebSockets: a waiting visitor gets short-lived ICE servers
// for the network test (TURN forced when there is one), their result is validated, stored on the
// entry and pushed live to staff of that facility, and to nobody else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type {
  LobbyEntry,
  LobbyTicket,
  PrecallIceConfig,
  PrecallResult,
  StaffEvent,
} from '@openconnect/contracts';
import { createApiHarness, type ApiHarness } from './support/api.ts';
import { backends } from './support/databases.ts';
import { turnCredential } from '../src/providers/p2p/turn.ts';

const [pglite] = await backends();

const TURN_SECRET = 'a-turn-secret-for-the-precall-test';

const result: PrecallResult = {
  camera: { status: 'ok', width: 640, height: 480 },
  microphone: { status: 'ok', peak: 0.4 },
  speaker: 'heard',
  network: {
    grade: 'fair',
    connected: true,
    relayed: true,
    rttMs: 180,
    bitrateKbps: 420,
    lossPercent: 1.5,
  },
};

describe('pre-call check', () => {
  let h: ApiHarness;
  let admin: string;
  let base: string;
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    h = await createApiHarness(pglite!, {
      P2P_ICE_SERVERS: '[{"urls":"stun:stun.example.org:3478"}]',
      TURN_URLS: 'turn:turn.example.org:3478',
      TURN_SECRET,
    });
    admin = await h.signIn();
    base = await h.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    for (const s of sockets) s.terminate();
    await h.close();
  });

  const bearer = (ticket: LobbyTicket) => ({ authorization: `Bearer ${ticket.visitorToken}` });
  async function waitingVisitor(title: string): Promise<LobbyTicket> {
    const { code } = await h.visitWithInvite(admin, title);
    return h.knock(code, 'Rose');
  }
  const putResult = (
    ticket: LobbyTicket,
    payload: unknown,
    headers: Record<string, string> = bearer(ticket),
  ) =>
    h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/precall`,
      headers,
      payload: payload as Record<string, unknown>,
    });

  it('gives the waiting visitor TURN credentials of a few minutes and forces the relay', async () => {
    const ticket = await waitingVisitor('Ice');
    const before = Math.floor(Date.now() / 1000);
    const res = await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/precall-ice`,
      headers: bearer(ticket),
    });
    expect(res.statusCode).toBe(200);
    const ice = res.json<PrecallIceConfig>();
    expect(ice.iceTransportPolicy).toBe('relay');
    expect(ice.iceServers[0]).toEqual({ urls: 'stun:stun.example.org:3478' });
    const turn = ice.iceServers[1]!;
    expect(turn.urls).toBe('turn:turn.example.org:3478');
    const [expiry, identity] = turn.username!.split(':');
    expect(identity).toBe(`precall-${ticket.entryId}`);
    expect(Number(expiry)).toBeGreaterThanOrEqual(before + 300);
    expect(Number(expiry)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 300);
    // coturn accepts it: the credential is the HMAC of the username with the shared secret.
    expect(turn.credential).toBe(turnCredential(TURN_SECRET, turn.username!));
    expect(Date.parse(ice.expiresAt) / 1000).toBe(Number(expiry));
  });

  it('refuses ICE servers and results without the entry’s own token', async () => {
    const ticket = await waitingVisitor('Strangers');
    const other = await waitingVisitor('Other');
    for (const headers of [{}, bearer(other), { authorization: 'Bearer nonsense' }]) {
      const ice = await h.request({
        method: 'POST',
        url: `/api/v1/lobby/${ticket.entryId}/precall-ice`,
        headers,
      });
      expect(ice.statusCode).toBe(403);
      expect((await putResult(ticket, result, headers)).statusCode).toBe(403);
    }
    // A staff session is not the visitor either.
    const staff = await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/precall`,
      cookie: admin,
      payload: result,
    });
    expect(staff.statusCode).toBe(403);
  });

  it('rejects results that are not a check result, or too large to be one', async () => {
    const ticket = await waitingVisitor('Validation');
    const bad = [
      { ...result, network: { ...result.network, rttMs: -1 } },
      { ...result, network: { ...result.network, grade: 'excellent' } },
      { ...result, microphone: { status: 'ok', peak: 2 } },
      { ...result, extra: 'field' },
      { ...result, speaker: undefined },
    ];
    for (const payload of bad) expect((await putResult(ticket, payload)).statusCode).toBe(400);
    const huge = { ...result, padding: 'x'.repeat(4096) };
    expect((await putResult(ticket, huge)).statusCode).toBe(413);
    const listed = await h.request({
      method: 'GET',
      url: `/api/v1/facilities/${h.demoFacilityId}/lobby`,
      cookie: admin,
    });
    const entry = listed.json<LobbyEntry[]>().find((e) => e.id === ticket.entryId);
    expect(entry?.precall).toBeNull();
  });

  it('attaches the result to the entry and pushes it live to the facility’s staff', async () => {
    const socket = new WebSocket(
      `${base.replace(/^http/, 'ws')}/ws/staff?facilityId=${h.demoFacilityId}`,
      { headers: { cookie: admin } },
    );
    sockets.push(socket);
    const events: StaffEvent[] = [];
    socket.on('message', (data) => events.push(JSON.parse(String(data)) as StaffEvent));
    await new Promise((resolve) => socket.on('open', resolve));

    const ticket = await waitingVisitor('Attached');
    const saved = await putResult(ticket, result);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ ...result, checkedAt: expect.any(String) });

    await expect
      .poll(() =>
        events.find((e) => e.type === 'lobby' && e.entry.id === ticket.entryId && e.entry.precall),
      )
      .toMatchObject({ entry: { precall: { network: { grade: 'fair', bitrateKbps: 420 } } } });
    const listed = await h.request({
      method: 'GET',
      url: `/api/v1/facilities/${h.demoFacilityId}/lobby`,
      cookie: admin,
    });
    const entry = listed.json<LobbyEntry[]>().find((e) => e.id === ticket.entryId);
    expect(entry?.precall).toMatchObject(result);
  });

  it('shows the result to staff of that facility only', async () => {
    const ticket = await waitingVisitor('Private');
    await putResult(ticket, result);
    const facility = await h.request({
      method: 'POST',
      url: '/api/v1/facilities',
      cookie: admin,
      payload: { name: 'Elsewhere' },
    });
    const elsewhere = facility.json<{ id: string }>().id;
    await h.request({
      method: 'POST',
      url: '/api/v1/staff',
      cookie: admin,
      payload: {
        email: 'precall-elsewhere@example.test',
        displayName: 'Elsewhere staff',
        password: 'a-long-staff-password',
        role: 'staff',
        facilityIds: [elsewhere],
      },
    });
    const outsider = await h.signIn('precall-elsewhere@example.test', 'a-long-staff-password');
    const theirs = await h.request({
      method: 'GET',
      url: `/api/v1/facilities/${elsewhere}/lobby`,
      cookie: outsider,
    });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json<LobbyEntry[]>()).toEqual([]);
    const ours = await h.request({
      method: 'GET',
      url: `/api/v1/facilities/${h.demoFacilityId}/lobby`,
      cookie: outsider,
    });
    expect(ours.statusCode).toBe(404);
    expect(ours.body).not.toContain('bitrateKbps');
  });

  it('takes no result or ICE servers once the visitor was let in', async () => {
    const ticket = await waitingVisitor('Admitted');
    await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/admit`,
      cookie: admin,
    });
    expect((await putResult(ticket, result)).statusCode).toBe(409);
    const ice = await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/precall-ice`,
      headers: bearer(ticket),
    });
    expect(ice.statusCode).toBe(409);
  });

  it('documents both routes in the OpenAPI document', async () => {
    const doc = await h.request({ method: 'GET', url: '/docs/json' });
    const paths = doc.json<{ paths: Record<string, Record<string, unknown>> }>().paths;
    expect(Object.keys(paths['/api/v1/lobby/{id}/precall-ice'] ?? {})).toContain('post');
    expect(Object.keys(paths['/api/v1/lobby/{id}/precall'] ?? {})).toContain('post');
  });
});
