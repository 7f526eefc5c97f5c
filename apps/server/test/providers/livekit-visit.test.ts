// A whole visit on LiveKit through the running server and the LiveKit-compatible development
// server it starts in-process: credentials that LiveKit's own client can use, webhooks that move
// state, a recording with consent that writes a file, a kick that sticks, and webhook security.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dispose } from '@livekit/rtc-node';
import { publishGeneratedMedia } from '@openconnect/livekit-dev/testing';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  JoinCredentials,
  LobbyTicket,
  Recording,
  VisitParticipant,
} from '@openconnect/contracts';
import { startOpenConnect, type RunningServer } from '../../src/start.ts';
import { eventually } from '../support/eventually.ts';
import { connectLiveKit, type LiveKitTestClient } from '../support/livekit-client.ts';

const EMAIL = 'admin@example.test';
const PASSWORD = 'a-long-test-password';

describe('a visit on LiveKit', () => {
  let server: RunningServer;
  let dataDir: string;
  let cookie = '';
  const clients: LiveKitTestClient[] = [];
  const stops: (() => void)[] = [];

  async function api<T>(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: {
        cookie,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'openconnect-livekit-'));
    server = await startOpenConnect({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      FEATURE_LIVEKIT: 'true',
      PROVIDER_TYPE: 'livekit',
      OPENCONNECT_BOOTSTRAP_EMAIL: EMAIL,
      OPENCONNECT_BOOTSTRAP_PASSWORD: PASSWORD,
    });
    const res = await fetch(`${server.url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  });

  afterAll(async () => {
    for (const stop of stops) stop();
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await server?.close();
    await dispose();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  async function admittedVisitor(visitId: string, name: string) {
    const invite = (await api<{ code: string }>('POST', `/api/v1/visits/${visitId}/invites`, {}))
      .body;
    const ticket = (
      await api<LobbyTicket>('POST', `/api/v1/invites/${invite.code}/lobby`, { displayName: name })
    ).body;
    await api('POST', `/api/v1/lobby/${ticket.entryId}/admit`, {});
    const bearer = { authorization: `Bearer ${ticket.visitorToken}` };
    const join = await api<JoinCredentials>(
      'POST',
      `/api/v1/lobby/${ticket.entryId}/join`,
      {},
      bearer,
    );
    expect(join.status).toBe(200);
    return { ticket, bearer, credentials: join.body };
  }

  it(
    'runs create → join → record → kick → end against the development server',
    { timeout: 90_000 },
    async () => {
      const facilityId = server.bootstrap!.facilityId;
      const visit = (
        await api<{ id: string }>('POST', '/api/v1/visits', { facilityId, title: 'LiveKit visit' })
      ).body;

      const host = await api<JoinCredentials>('POST', `/api/v1/visits/${visit.id}/join`, {});
      expect(host.body).toMatchObject({ provider: 'livekit', roomId: visit.id, role: 'host' });
      const hostClient = await connectLiveKit(host.body);
      clients.push(hostClient);
      stops.push(await publishGeneratedMedia(hostClient.room));

      const visitor = await admittedVisitor(visit.id, 'Daughter');
      const visitorClient = await connectLiveKit(visitor.credentials);
      clients.push(visitorClient);

      // participant_joined webhooks reached the server and marked both as connected.
      await eventually(
        async () =>
          (await api<VisitParticipant[]>('GET', `/api/v1/visits/${visit.id}/participants`)).body,
        (list) => list.length === 2 && list.every((p) => p.joinedAt !== null),
        'both participants joined',
      );

      // Recording needs the consent confirmation.
      const noConsent = await api('POST', `/api/v1/visits/${visit.id}/recordings`, {});
      expect(noConsent.status).toBe(400);
      const started = await api<Recording>('POST', `/api/v1/visits/${visit.id}/recordings`, {
        everyoneInformed: true,
      });
      expect(started.status).toBe(201);
      expect(started.body.consentNotice).toMatch(/everyone present was told/);
      await eventually(
        async () =>
          (await api<Recording[]>('GET', `/api/v1/visits/${visit.id}/recordings`)).body[0],
        (r) => r?.status === 'active',
        'the recording to be active',
      );
      await new Promise((r) => setTimeout(r, 2_500));
      const stopped = await api<Recording>(
        'POST',
        `/api/v1/recordings/${started.body.id}/stop`,
        {},
      );
      expect(stopped.body.status).toBe('ended');
      const finished = await eventually(
        async () =>
          (await api<Recording[]>('GET', `/api/v1/visits/${visit.id}/recordings`)).body[0],
        (r) => r?.location !== null && r?.location !== undefined,
        'the recording file location from egress_ended',
      );
      const stat = await fs.stat(finished!.location!);
      expect(stat.size).toBeGreaterThan(1_000);

      // Remove the visitor: they are disconnected, and their old token no longer gets them in.
      const participants = (
        await api<VisitParticipant[]>('GET', `/api/v1/visits/${visit.id}/participants`)
      ).body;
      const target = participants.find((p) => p.identity === visitor.credentials.identity)!;
      expect(
        (await api('POST', `/api/v1/visits/${visit.id}/participants/${target.id}/remove`, {}))
          .status,
      ).toBe(204);
      await visitorClient.disconnected;
      const again = await api(
        'POST',
        `/api/v1/lobby/${visitor.ticket.entryId}/join`,
        {},
        visitor.bearer,
      );
      expect(again.status).toBe(403);
      // Coming back with the old LiveKit token: the server sees the join by webhook and puts the
      // removed identity out again at once (the connection attempt then fails on its own).
      void connectLiveKit(visitor.credentials).then(
        (sneaky) => clients.push(sneaky),
        () => undefined,
      );
      await eventually(
        async () =>
          (
            await api<{ action: string; targetId: string }[]>(
              'GET',
              `/api/v1/audit?facilityId=${facilityId}`,
            )
          ).body,
        (events) =>
          events.some(
            (e) =>
              e.action === 'participant.rejoin_refused' &&
              e.targetId === visitor.credentials.identity,
          ),
        'the refused rejoin in the audit log',
      );
      const rooms = new RoomServiceClient(
        server.config.livekit.url!.replace(/^ws/, 'http'),
        server.config.livekit.apiKey,
        server.config.livekit.secret,
      );
      await eventually(
        async () => (await rooms.listParticipants(visit.id)).map((p) => p.identity),
        (ids) => !ids.includes(visitor.credentials.identity),
        'the removed visitor to be gone',
      );

      // Ending the visit closes the LiveKit room.
      await api('POST', `/api/v1/visits/${visit.id}/end`, {});
      await hostClient.disconnected;
      expect((await rooms.listRooms([visit.id])).length).toBe(0);
    },
  );

  describe('webhooks', () => {
    const body = JSON.stringify({
      id: 'EV_test_1',
      event: 'room_started',
      room: { name: 'x' },
      createdAt: String(Math.floor(Date.now() / 1000)),
    });
    const sign = async (payload: string, secret = server.config.livekit.secret!, ttl = 60) => {
      const token = new AccessToken(server.config.livekit.apiKey, secret, { ttl });
      token.sha256 = createHash('sha256').update(payload).digest('base64');
      return token.toJwt();
    };
    const post = (payload: string, authorization: string) =>
      fetch(`${server.url}/api/v1/webhooks/livekit`, {
        method: 'POST',
        headers: { 'content-type': 'application/webhook+json', authorization },
        body: payload,
      });

    it('accepts a signed event once and reports repeats as duplicates', async () => {
      const auth = await sign(body);
      expect(await (await post(body, auth)).json()).toEqual({ status: 'applied' });
      expect(await (await post(body, auth)).json()).toEqual({ status: 'duplicate' });
    });

    it('rejects a bad signature, a tampered body, a wrong secret and an expired token with 401', async () => {
      const other = JSON.stringify({
        id: 'EV_test_2',
        event: 'room_started',
        room: { name: 'x' },
        createdAt: String(Math.floor(Date.now() / 1000)),
      });
      const valid = await sign(other);
      const cases = [
        await post(other, 'not-a-jwt'),
        await post(other.replace('room_started', 'room_finished'), valid),
        await post(other, await sign(other, 'some-other-secret-entirely')),
        await post(other, await sign(other, undefined, -120)),
      ];
      for (const res of cases) {
        expect(res.status).toBe(401);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
          'UNAUTHENTICATED',
        );
      }
      // None of them was recorded: the genuine event still applies.
      expect(await (await post(other, valid)).json()).toEqual({ status: 'applied' });
    });
  });
});
