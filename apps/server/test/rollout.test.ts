// Rollout, rollback and fallback against the LiveKit-compatible development server and its fault
// switches, through the real API; and the metrics that decide them, scraped and parsed.
import { readFile } from 'node:fs/promises';
import { startLiveKitDevServer, type LiveKitDevServer } from '@openconnect/livekit-dev';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinCredentials, RolloutState, Visit } from '@openconnect/contracts';
import { createApiHarness, type ApiHarness } from './support/api.ts';
import { backends } from './support/databases.ts';

const [pglite] = await backends();

/** Parses Prometheus text into samples. */
function parseMetrics(
  text: string,
): { name: string; labels: Record<string, string>; value: number }[] {
  const samples = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match) throw new Error(`unparseable metrics line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[pair[1]!] = pair[2]!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

describe('rollout, rollback and fallback', () => {
  let livekit: LiveKitDevServer;
  let h: ApiHarness;
  let operator: string;

  beforeAll(async () => {
    livekit = await startLiveKitDevServer({
      port: 0,
      apiKey: 'rollout-key',
      apiSecret: 'rollout-secret-0123456789abcdef',
    });
    h = await createApiHarness(
      pglite!,
      {
        FEATURE_LIVEKIT: 'true',
        PROVIDER_TYPE: 'p2p',
        LIVEKIT_URL: livekit.url,
        LIVEKIT_API_KEY: livekit.apiKey,
        LIVEKIT_SECRET: livekit.apiSecret,
        LIVEKIT_REQUEST_TIMEOUT_SECONDS: '0.5',
      },
      // Probes are run by hand below; a short cool-down keeps the recovery test quick.
      { failureThreshold: 2, cooldownMs: 1_000, probeEveryMs: 60_000 },
    );
    operator = await h.signIn();
  });
  afterAll(async () => {
    await h.close();
    await livekit.close();
  });

  const rollout = async () =>
    (
      await h.request({ method: 'GET', url: '/api/v1/rollout', cookie: operator })
    ).json<RolloutState>();
  const setRollout = (payload: Record<string, unknown>) =>
    h.request({ method: 'PUT', url: '/api/v1/rollout', cookie: operator, payload });
  const setOverride = (override: string | null) =>
    h.request({
      method: 'PUT',
      url: `/api/v1/facilities/${h.demoFacilityId}/provider-override`,
      cookie: operator,
      payload: { override },
    });
  const createVisit = async (title: string) =>
    (
      await h.request({
        method: 'POST',
        url: '/api/v1/visits',
        cookie: operator,
        payload: { facilityId: h.demoFacilityId, title },
      })
    ).json<Visit>();
  const hostJoin = async (visitId: string) => {
    const res = await h.request({
      method: 'POST',
      url: `/api/v1/visits/${visitId}/join`,
      cookie: operator,
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<JoinCredentials>();
  };

  it('moves a facility with the percentage and its override, and audits each change', async () => {
    expect((await rollout()).facilities[0]).toMatchObject({
      effectiveProvider: 'p2p',
      reason: 'default',
    });
    expect((await setRollout({ percentage: 100 })).statusCode).toBe(200);
    expect((await rollout()).facilities[0]).toMatchObject({
      effectiveProvider: 'livekit',
      reason: 'rollout',
    });
    expect((await createVisit('Rolled out')).provider).toBe('livekit');

    await setOverride('p2p');
    expect((await rollout()).facilities[0]).toMatchObject({
      effectiveProvider: 'p2p',
      reason: 'override',
    });
    expect((await createVisit('Overridden')).provider).toBe('p2p');
    await setOverride(null);
    await setRollout({ percentage: 0 });

    const audit = await h.request({
      method: 'GET',
      url: `/api/v1/audit?facilityId=${h.demoFacilityId}`,
      cookie: operator,
    });
    expect(audit.json<{ action: string }[]>().map((e) => e.action)).toContain(
      'rollout.facility_override',
    );
  });

  it('lets only operators change the rollout for everyone', async () => {
    await h.request({
      method: 'POST',
      url: '/api/v1/staff',
      cookie: operator,
      payload: {
        email: 'facility-admin@example.test',
        displayName: 'FA',
        password: 'facility-admin-pw',
        role: 'admin',
        facilityIds: [h.demoFacilityId],
      },
    });
    const facilityAdmin = await h.signIn('facility-admin@example.test', 'facility-admin-pw');
    const denied = await h.request({
      method: 'PUT',
      url: '/api/v1/rollout',
      cookie: facilityAdmin,
      payload: { percentage: 50 },
    });
    expect(denied.statusCode).toBe(403);
    const own = await h.request({
      method: 'PUT',
      url: `/api/v1/facilities/${h.demoFacilityId}/provider-override`,
      cookie: facilityAdmin,
      payload: { override: null },
    });
    expect(own.statusCode).toBe(200);
  });

  it('rolls back every visit that has not started at its next join, and lets live ones finish', async () => {
    await setOverride('livekit');
    const notStarted = await createVisit('Tomorrow');
    const inProgress = await createVisit('Now');
    expect(notStarted.provider).toBe('livekit');
    expect((await hostJoin(inProgress.id)).provider).toBe('livekit');

    // The one-switch rollback: LiveKit off for new visits everywhere, overrides included.
    expect((await setRollout({ livekitEnabled: false })).statusCode).toBe(200);
    expect(
      (await rollout()).facilities.every(
        (f) => f.effectiveProvider === 'p2p' && f.reason === 'gate_closed',
      ),
    ).toBe(true);

    const moved = await hostJoin(notStarted.id);
    expect(moved.provider).toBe('p2p');
    const visit = (
      await h.request({ method: 'GET', url: `/api/v1/visits/${notStarted.id}`, cookie: operator })
    ).json<Visit>();
    expect(visit.provider).toBe('p2p');
    // The visit under way stays on LiveKit: its people are not moved mid-call.
    expect((await hostJoin(inProgress.id)).provider).toBe('livekit');
    expect((await createVisit('After rollback')).provider).toBe('p2p');

    await setRollout({ livekitEnabled: null });
  });

  it('falls back to the legacy provider when LiveKit fails, opens the circuit, and closes it after recovery', async () => {
    await setOverride('livekit');
    await h.ctx.health.probe();
    expect(h.ctx.health.state('livekit')).toBe('closed');

    // LiveKit errors on first joins: each visit moves to p2p and the host still gets in; the
    // second failure in a row opens the circuit.
    livekit.faults.failNext(1_000, 'unavailable');
    for (const title of ['Outage 1', 'Outage 1b']) {
      const visit = await createVisit(title);
      expect(visit.provider).toBe('livekit');
      expect((await hostJoin(visit.id)).provider).toBe('p2p');
    }
    expect(h.ctx.health.state('livekit')).toBe('open');

    // With the circuit open, new visits go to p2p at once.
    expect((await createVisit('Outage 2')).provider).toBe('p2p');

    // LiveKit recovers, then answers too slowly: a first join times out and falls back, and the
    // next probe opens the circuit again.
    await livekit.faults.reset();
    await new Promise((r) => setTimeout(r, 1_050));
    await h.ctx.health.probe();
    expect(h.ctx.health.state('livekit')).toBe('closed');
    const slow = await createVisit('Slow');
    expect(slow.provider).toBe('livekit');
    livekit.faults.setLatency(1_500);
    expect((await hostJoin(slow.id)).provider).toBe('p2p');
    await h.ctx.health.probe();
    expect(h.ctx.health.state('livekit')).toBe('open');
    expect((await createVisit('Still slow')).provider).toBe('p2p');

    // LiveKit refuses connections: probes keep the circuit open.
    await livekit.faults.reset();
    await livekit.faults.refuseConnections(true);
    await new Promise((r) => setTimeout(r, 1_050));
    await h.ctx.health.probe();
    expect(h.ctx.health.state('livekit')).toBe('open');

    // It recovers: after the cool-down one probe closes the circuit and LiveKit is chosen again.
    await livekit.faults.refuseConnections(false);
    await new Promise((r) => setTimeout(r, 1_050));
    await h.ctx.health.probe();
    expect(h.ctx.health.state('livekit')).toBe('closed');
    const after = await createVisit('Recovered');
    expect(after.provider).toBe('livekit');
    expect((await hostJoin(after.id)).provider).toBe('livekit');
    await setOverride(null);
  });

  it('exposes join, fallback, client and visit metrics with bounded labels', async () => {
    const telemetry = await h.request({
      method: 'POST',
      url: '/api/v1/telemetry',
      payload: { provider: 'livekit', kind: 'time_to_first_frame', valueMs: 640 },
    });
    expect(telemetry.statusCode).toBe(204);
    const res = await h.request({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    const samples = parseMetrics(res.body);
    const find = (name: string, labels: Record<string, string>) =>
      samples.find(
        (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
      );

    expect(
      find('provider_fallback_total', { from: 'livekit', to: 'p2p', reason: 'error' })?.value,
    ).toBe(3);
    expect(
      find('provider_fallback_total', { from: 'livekit', to: 'p2p', reason: 'circuit_open' })
        ?.value,
    ).toBeGreaterThanOrEqual(1);
    expect(
      find('openconnect_join_duration_seconds_count', {
        provider: 'livekit',
        facility: h.demoFacilityId,
      })?.value,
    ).toBeGreaterThanOrEqual(2);
    expect(
      find('openconnect_join_duration_seconds_count', {
        provider: 'p2p',
        facility: h.demoFacilityId,
      })?.value,
    ).toBeGreaterThanOrEqual(1);
    expect(
      find('openconnect_active_visits', { provider: 'livekit' })?.value,
    ).toBeGreaterThanOrEqual(1);
    expect(
      find('openconnect_client_time_to_first_frame_seconds_count', { provider: 'livekit' })?.value,
    ).toBe(1);
    expect(find('openconnect_provider_circuit_state', { provider: 'livekit' })?.value).toBe(0);

    // No label carries a visit id or an identity: only providers, facilities, codes, reasons.
    const visitIds = (
      await h.request({
        method: 'GET',
        url: `/api/v1/visits?facilityId=${h.demoFacilityId}`,
        cookie: operator,
      })
    )
      .json<Visit[]>()
      .map((v) => v.id);
    const labelValues = samples.flatMap((s) => Object.values(s.labels));
    for (const id of visitIds) expect(labelValues).not.toContain(id);
  });

  it('draws the operator dashboard only from metrics the server exposes', async () => {
    const dashboard = JSON.parse(
      await readFile(
        new URL('../../../docs/operations/grafana-dashboard.json', import.meta.url),
        'utf8',
      ),
    ) as { panels: { targets: { expr: string }[] }[] };
    const text = (await h.request({ method: 'GET', url: '/metrics' })).body;
    // Declared metrics, even those with no sample yet (a counter nothing has incremented).
    const declared = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
    const used = dashboard.panels.flatMap((p) =>
      p.targets.flatMap((t) => t.expr.match(/\b(openconnect|provider)_[a-z_]+\b/g) ?? []),
    );
    expect(used.length).toBeGreaterThan(10);
    for (const name of used)
      expect(declared, name).toContain(name.replace(/_(bucket|count|sum)$/, ''));
  });

  it('refuses telemetry that is not a timing it knows', async () => {
    const res = await h.request({
      method: 'POST',
      url: '/api/v1/telemetry',
      payload: { provider: 'p2p', kind: 'time_to_first_frame' },
    });
    expect(res.statusCode).toBe(400);
  });
});
