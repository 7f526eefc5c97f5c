// TURN for p2p through the API: with TURN_URLS and TURN_SECRET set, each p2p join answers with
// its own time-limited TURN credentials (coturn's use-auth-secret scheme) that end no later than
// the join's signaling token, and P2P_ICE_TRANSPORT_POLICY=relay reaches the browser.
import { createHmac } from 'node:crypto';
import type { JoinCredentials } from '@openconnect/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../support/api.ts';
import { backends } from '../support/databases.ts';

const list = await backends();
const TURN_SECRET = 'the-turn-secret-coturn-shares';
const STUN = { urls: 'stun:stun.example.org:3478' };

describe.each(list)('p2p joins with TURN on $name', (backend) => {
  let h: ApiHarness;
  let admin: string;

  beforeAll(async () => {
    h = await createApiHarness(backend, {
      P2P_ICE_SERVERS: JSON.stringify([STUN]),
      TURN_URLS: 'turn:127.0.0.2:3478?transport=udp,turn:127.0.0.2:3478?transport=tcp',
      TURN_SECRET,
      TURN_TTL_SECONDS: '86400',
      P2P_ICE_TRANSPORT_POLICY: 'relay',
    });
    admin = await h.signIn();
  });
  afterAll(() => h.close());

  async function hostJoin(): Promise<Extract<JoinCredentials, { provider: 'p2p' }>> {
    const visit = (
      await h.request({
        method: 'POST',
        url: '/api/v1/visits',
        cookie: admin,
        payload: { facilityId: h.demoFacilityId, title: 'Relayed visit' },
      })
    ).json<{ id: string }>();
    const res = await h.request({
      method: 'POST',
      url: `/api/v1/visits/${visit.id}/join`,
      cookie: admin,
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(200);
    const credentials = res.json<JoinCredentials>();
    if (credentials.provider !== 'p2p')
      throw new Error(`expected p2p, got ${credentials.provider}`);
    return credentials;
  }

  it('answers a join with its own TURN credentials beside the configured servers', async () => {
    const credentials = await hostJoin();
    expect(credentials.iceTransportPolicy).toBe('relay');
    expect(credentials.iceServers).toHaveLength(2);
    expect(credentials.iceServers[0]).toEqual(STUN);
    const turn = credentials.iceServers[1]!;
    expect(turn.urls).toEqual([
      'turn:127.0.0.2:3478?transport=udp',
      'turn:127.0.0.2:3478?transport=tcp',
    ]);
    const [expiry, identity] = (turn.username ?? '').split(':');
    expect(identity).toBe(credentials.identity);
    expect(turn.credential).toBe(
      createHmac('sha1', TURN_SECRET).update(turn.username!).digest('base64'),
    );
    // TURN_TTL_SECONDS asks for a day; the signaling token ends first, and so does TURN.
    expect(Number(expiry)).toBe(Date.parse(credentials.expiresAt) / 1000);
    expect(Number(expiry) * 1000).toBeGreaterThan(Date.now());
  });

  it('gives each join fresh credentials and never shows the secret', async () => {
    const first = await hostJoin();
    const second = await hostJoin();
    expect(JSON.stringify([first, second])).not.toContain(TURN_SECRET);
    expect(first.iceServers[1]?.username).toMatch(/^\d+:/);
    expect(second.token).not.toBe(first.token);
  });
});
