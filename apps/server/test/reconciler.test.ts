// The reconciler repairs state from LiveKit when no webhook arrives: this server gets none at all
// (the development server is given no webhook URL), so everything below comes from reconciling.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dispose } from '@livekit/rtc-node';
import { startLiveKitDevServer, type LiveKitDevServer } from '@openconnect/livekit-dev';
import { publishGeneratedMedia } from '@openconnect/livekit-dev/testing';
import { EgressClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinCredentials, LobbyTicket, Recording } from '@openconnect/contracts';
import { reconcile } from '../src/visits/reconciler.ts';
import { createApiHarness, type ApiHarness } from './support/api.ts';
import { backends } from './support/databases.ts';
import { connectLiveKit, type LiveKitTestClient } from './support/livekit-client.ts';

const [pglite] = await backends();

describe('reconciling with LiveKit when webhooks were missed', () => {
  let livekit: LiveKitDevServer;
  let h: ApiHarness;
  let admin: string;
  let recordingsDir: string;
  const clients: LiveKitTestClient[] = [];
  const stops: (() => void)[] = [];

  beforeAll(async () => {
    recordingsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'openconnect-recordings-'));
    livekit = await startLiveKitDevServer({
      port: 0,
      apiKey: 'reconcile-key',
      apiSecret: 'reconcile-secret-0123456789abcdef',
      recordingsDir,
    });
    h = await createApiHarness(pglite!, {
      RECORDINGS_DIR: recordingsDir,
      FEATURE_LIVEKIT: 'true',
      PROVIDER_TYPE: 'livekit',
      LIVEKIT_URL: livekit.url,
      LIVEKIT_API_KEY: livekit.apiKey,
      LIVEKIT_SECRET: livekit.apiSecret,
    });
    admin = await h.signIn();
  });
  afterAll(async () => {
    for (const stop of stops) stop();
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await h.close();
    await livekit.close();
    await dispose();
    await fs.rm(recordingsDir, { recursive: true, force: true });
  });

  const participants = (visitId: string) => h.participants(admin, visitId);

  it('marks joins and departures, puts a removed visitor out again, and settles recordings', async () => {
    const visit = await h.createVisit(admin, 'Quiet');
    const host = (
      await h.request({
        method: 'POST',
        url: `/api/v1/visits/${visit.id}/join`,
        cookie: admin,
        payload: {},
      })
    ).json<JoinCredentials>();
    const hostClient = await connectLiveKit(host);
    clients.push(hostClient);
    stops.push(await publishGeneratedMedia(hostClient.room));

    expect((await participants(visit.id))[0]?.joinedAt).toBeNull();
    expect((await reconcile(h.ctx)).joined).toBe(1);
    expect((await participants(visit.id))[0]?.joinedAt).not.toBeNull();

    // A visitor is admitted, connects, is removed, then comes back with the old token.
    const invite = (
      await h.request({
        method: 'POST',
        url: `/api/v1/visits/${visit.id}/invites`,
        cookie: admin,
        payload: {},
      })
    ).json<{ code: string }>();
    const ticket = (
      await h.request({
        method: 'POST',
        url: `/api/v1/invites/${invite.code}/lobby`,
        payload: { displayName: 'Son' },
      })
    ).json<LobbyTicket>();
    await h.request({
      method: 'POST',
      url: `/api/v1/lobby/${ticket.entryId}/admit`,
      cookie: admin,
      payload: {},
    });
    const visitorCredentials = (
      await h.request({
        method: 'POST',
        url: `/api/v1/lobby/${ticket.entryId}/join`,
        headers: { authorization: `Bearer ${ticket.visitorToken}` },
        payload: {},
      })
    ).json<JoinCredentials>();
    const first = await connectLiveKit(visitorCredentials);
    clients.push(first);
    const row = (await participants(visit.id)).find(
      (p) => p.identity === visitorCredentials.identity,
    )!;
    await h.request({
      method: 'POST',
      url: `/api/v1/visits/${visit.id}/participants/${row.id}/remove`,
      cookie: admin,
      payload: {},
    });
    await first.disconnected;
    const again = await connectLiveKit(visitorCredentials);
    clients.push(again);
    expect((await reconcile(h.ctx)).removedAgain).toBe(1);
    await again.disconnected;

    // A recording that LiveKit ended without telling us is settled with its file.
    const started = await h.request({
      method: 'POST',
      url: `/api/v1/visits/${visit.id}/recordings`,
      cookie: admin,
      payload: { everyoneInformed: true },
    });
    expect(started.statusCode, started.body).toBe(201);
    await new Promise((r) => setTimeout(r, 2_000));
    const egress = new EgressClient(livekit.httpUrl, livekit.apiKey, livekit.apiSecret);
    const [info] = await egress.listEgress({ roomName: visit.id, active: true });
    await egress.stopEgress(info!.egressId);
    await livekit.egress.settled(info!.egressId);
    expect((await reconcile(h.ctx)).recordings).toBe(1);
    const recording = (
      await h.request({
        method: 'GET',
        url: `/api/v1/visits/${visit.id}/recordings`,
        cookie: admin,
      })
    ).json<Recording[]>()[0];
    expect(recording).toMatchObject({ status: 'ended' });
    expect(recording?.location).toMatch(/\.webm$/);

    // The host leaves: the next pass closes their row.
    await hostClient.close();
    await new Promise((r) => setTimeout(r, 300));
    expect((await reconcile(h.ctx)).left).toBe(1);
    expect(await participants(visit.id)).toEqual([]);
  });
});
