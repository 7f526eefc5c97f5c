// Rollout, rollback and fallback against the LiveKit-compatible development server and its fault
// switches, through the real API; and the metrics that decide them, scraped and parsed.
import { readFile } from 'node:fs/promises';
import { startLiveKitDevServer, type LiveKitDevServer } from '@openconnect/livekit-dev';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DefaultProviderState,
  JoinCredentials,
  RolloutState,
  StabilityReport,
  Visit,
} from '@openconnect/contracts';
import { createApiHarness, type ApiHarness } from './support/api.ts';
import { backends } from './support/databases.ts';
import { logProviderUsage } from '../src/rollout/default-switch.ts';
import { reportsDb } from '../src/reports/report-tables.ts';

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

describe.each(await backends())('the default switch and its rollback on $name', (backend) => {
  let livekit: LiveKitDevServer;
  let h: ApiHarness;
  let operator: string;
  let facilityAdmin: string;
  let pinned: string;

  beforeAll(async () => {
    livekit = await startLiveKitDevServer({
      port: 0,
      apiKey: 'switch-key',
      apiSecret: 'switch-secret-0123456789abcdef',
    });
    h = await createApiHarness(backend, {
      FEATURE_LIVEKIT: 'true',
      PROVIDER_TYPE: 'p2p',
      LIVEKIT_URL: livekit.url,
      LIVEKIT_API_KEY: livekit.apiKey,
      LIVEKIT_SECRET: livekit.apiSecret,
      ROLLOUT_STABLE_MIN_JOINS: '3',
      ROLLOUT_STABLE_MIN_VISITS: '2',
      ROLLOUT_STABLE_MIN_FRAME_REPORTS: '2',
      ROLLOUT_STABLE_MIN_FEEDBACK: '2',
    });
    operator = await h.signIn();
    const created = await h.request({
      method: 'POST',
      url: '/api/v1/facilities',
      cookie: operator,
      payload: { name: 'Keeps p2p' },
    });
    pinned = created.json<{ id: string }>().id;
    await h.request({
      method: 'PUT',
      url: `/api/v1/facilities/${pinned}/provider-override`,
      cookie: operator,
      payload: { override: 'p2p' },
    });
    await h.request({
      method: 'POST',
      url: '/api/v1/staff',
      cookie: operator,
      payload: {
        email: 'switch-admin@example.test',
        displayName: 'Facility admin',
        password: 'facility-admin-pw',
        role: 'admin',
        facilityIds: [h.demoFacilityId],
      },
    });
    facilityAdmin = await h.signIn('switch-admin@example.test', 'facility-admin-pw');
  });
  afterAll(async () => {
    await h?.close();
    await livekit?.close();
  });

  const state = async (cookie = operator) =>
    h.request({ method: 'GET', url: '/api/v1/rollout/default-provider', cookie });
  const setDefault = (provider: string | null, cookie = operator) =>
    h.request({
      method: 'PUT',
      url: '/api/v1/rollout/default-provider',
      cookie,
      payload: { provider },
    });
  const createVisit = async (title: string, facilityId = h.demoFacilityId) =>
    (await h.createVisit(operator, title, facilityId)).provider;
  const hostJoin = async (visitId: string) => {
    const res = await h.request({
      method: 'POST',
      url: `/api/v1/visits/${visitId}/join`,
      cookie: operator,
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<JoinCredentials>().provider;
  };
  const p2pVisits = async () =>
    parseMetrics((await h.request({ method: 'GET', url: '/metrics' })).body).filter(
      (s) => s.name === 'openconnect_p2p_visits_total',
    );

  it('lets only operators see the criteria and switch the default', async () => {
    for (const res of [
      await state(facilityAdmin),
      await setDefault('livekit', facilityAdmin),
      await setDefault('p2p', facilityAdmin),
      await h.request({ method: 'GET', url: '/api/v1/rollout/stability', cookie: facilityAdmin }),
    ]) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('FORBIDDEN');
    }
    expect((await state()).json<DefaultProviderState>()).toMatchObject({
      provider: 'p2p',
      source: 'config',
    });
  });

  it('refuses to make LiveKit the default while LiveKit is switched off', async () => {
    await h.request({
      method: 'PUT',
      url: '/api/v1/rollout',
      cookie: operator,
      payload: { livekitEnabled: false },
    });
    const refused = await setDefault('livekit');
    expect(refused.statusCode).toBe(409);
    await h.request({
      method: 'PUT',
      url: '/api/v1/rollout',
      cookie: operator,
      payload: { livekitEnabled: null },
    });
    expect((await state()).json<DefaultProviderState>().provider).toBe('p2p');
  });

  it('switches new visits to LiveKit except p2p choices, rolls back to p2p, audits both, and moves no live visit', async () => {
    await h.request({
      method: 'PUT',
      url: '/api/v1/rollout',
      cookie: operator,
      payload: { percentage: 0 },
    });
    const before = (await state()).json<DefaultProviderState>();
    expect(before.change.to).toBe('livekit');
    expect(before.change.affected.map((f) => f.facilityId)).toEqual([h.demoFacilityId]);
    expect(before.p2pFacilities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ facilityId: h.demoFacilityId, reason: 'default' }),
        expect.objectContaining({ facilityId: pinned, reason: 'override' }),
      ]),
    );
    const liveOnP2p = await h.createVisit(operator, 'Under way on p2p');
    expect(await hostJoin(liveOnP2p.id)).toBe('p2p');

    const switched = await setDefault('livekit');
    expect(switched.statusCode, switched.body).toBe(200);
    expect(switched.json<DefaultProviderState>()).toMatchObject({
      provider: 'livekit',
      source: 'operator',
      configured: 'p2p',
      changedBy: 'admin@example.test',
      change: { to: 'p2p' },
      p2pFacilities: [{ facilityId: pinned, reason: 'override' }],
    });
    expect(await createVisit('After the switch')).toBe('livekit');
    expect(await createVisit('Chose p2p', pinned)).toBe('p2p');
    expect(await hostJoin(liveOnP2p.id)).toBe('p2p');
    const liveOnLiveKit = await h.createVisit(operator, 'Under way on LiveKit');
    expect(await hostJoin(liveOnLiveKit.id)).toBe('livekit');

    const rolledBack = await setDefault('p2p');
    expect(rolledBack.statusCode, rolledBack.body).toBe(200);
    expect(rolledBack.json<DefaultProviderState>()).toMatchObject({
      provider: 'p2p',
      source: 'operator',
      change: { to: 'livekit' },
    });
    expect(await createVisit('After the rollback')).toBe('p2p');
    expect(await hostJoin(liveOnLiveKit.id)).toBe('livekit');

    const audit = await h.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_email', 'details'])
      .where('action', 'like', 'rollout.default_%')
      .orderBy('created_at')
      .execute();
    expect(audit.map((a) => [a.action, a.actor_email])).toEqual([
      ['rollout.default_switch', 'admin@example.test'],
      ['rollout.default_rollback', 'admin@example.test'],
    ]);
    expect(audit[0]!.details).toMatchObject({
      from: 'p2p',
      to: 'livekit',
      facilitiesMoved: [h.demoFacilityId],
      stability: expect.any(String),
    });
    expect(audit[1]!.details).toMatchObject({ from: 'livekit', to: 'p2p' });

    // p2p visits are counted by why, and the labels name no facility.
    const counted = await p2pVisits();
    const byReason = Object.fromEntries(counted.map((s) => [s.labels.reason, s.value]));
    expect(byReason.override).toBe(1);
    expect(byReason.default).toBe(2);
    for (const sample of counted) expect(Object.keys(sample.labels)).toEqual(['reason']);

    // Following PROVIDER_TYPE again is a change of its own, audited too.
    expect((await setDefault(null)).json<DefaultProviderState>().source).toBe('config');
  });

  it('says at start-up which facilities still use p2p, and why', async () => {
    const lines: { msg: string; p2pByReason: Record<string, number>; p2pFacilities: string[] }[] =
      [];
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    await logProviderUsage(h.ctx, log);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'p2p serves 2 facilities',
      defaultProvider: 'p2p',
      p2pByReason: { default: 1, override: 1 },
    });
    expect(lines[0]!.p2pFacilities).toContain(`Keeps p2p (${pinned}): override`);
  });

  it('measures the criteria from LiveKit joins, fallbacks and browser reports', async () => {
    const stability = async (query = '') =>
      (
        await h.request({
          method: 'GET',
          url: `/api/v1/rollout/stability${query}`,
          cookie: operator,
        })
      ).json<StabilityReport>();
    const byId = (r: StabilityReport) => Object.fromEntries(r.criteria.map((c) => [c.id, c]));

    // The joins above are younger than the grace period, and no browser reported: no data yet.
    let report = await stability();
    expect(byId(report).join_failure_rate).toMatchObject({ status: 'no_data', value: null });
    expect(byId(report).first_frame_p95).toMatchObject({ status: 'no_data', samples: 0 });
    expect(byId(report).feedback).toMatchObject({ status: 'no_data', samples: 0 });
    expect(report.verdict).toBe('not_enough_data');

    // Three LiveKit joins, settled, of which two connected; two LiveKit visits, no fallback.
    for (const title of ['Joined 1', 'Joined 2']) {
      await setDefault('livekit');
      const visit = await h.createVisit(operator, title);
      await hostJoin(visit.id);
    }
    const rows = await h.ctx.db
      .selectFrom('participants')
      .select('id')
      .where('provider', '=', 'livekit')
      .orderBy('issued_at')
      .execute();
    const hourAgo = new Date(Date.now() - 3_600_000);
    await sql`update participants set issued_at = ${hourAgo} where provider = 'livekit'`.execute(
      h.ctx.db,
    );
    await h.ctx.db
      .updateTable('participants')
      .set({ joined_at: hourAgo })
      .where(
        'id',
        'in',
        rows.slice(1).map((r) => r.id),
      )
      .execute();
    for (const valueMs of [400, 900])
      await h.request({
        method: 'POST',
        url: '/api/v1/telemetry',
        payload: { provider: 'livekit', kind: 'time_to_first_frame', valueMs },
      });
    // Two answers about LiveKit calls: one happy, one that could not hear.
    const liveKitVisit = await h.ctx.db
      .selectFrom('rooms')
      .select(['id', 'facility_id'])
      .where('provider', '=', 'livekit')
      .executeTakeFirstOrThrow();
    for (const [identity, rating, couldNotHear] of [
      ['feedback-a', 5, false],
      ['feedback-b', 4, true],
    ] as const)
      await reportsDb(h.ctx.db)
        .insertInto('call_feedback')
        .values({
          id: randomUUID(),
          room_id: liveKitVisit.id,
          facility_id: liveKitVisit.facility_id,
          identity,
          provider: 'livekit',
          role: 'visitor',
          rating,
          could_not_hear: couldNotHear,
          could_not_see: false,
          call_dropped: false,
          hard_to_join: false,
          comment: null,
        })
        .execute();

    report = await stability();
    const expectedFailure = Math.round((1 / rows.length) * 10_000) / 100;
    expect(byId(report).join_failure_rate).toMatchObject({
      samples: rows.length,
      value: expectedFailure,
      threshold: 2,
      status: 'not_met',
    });
    expect(byId(report).fallback_rate).toMatchObject({ value: 0, status: 'met', threshold: 1 });
    expect(byId(report).first_frame_p95).toMatchObject({
      samples: 2,
      value: 1,
      status: 'met',
      source: 'this_instance',
    });
    expect(byId(report).feedback).toMatchObject({
      samples: 2,
      value: 50,
      threshold: 10,
      status: 'not_met',
    });
    expect(report.verdict).toBe('not_stable');

    // A group without LiveKit traffic has nothing to judge by the database.
    report = await stability(`?facilityIds=${pinned}`);
    expect(report.facilityCount).toBe(1);
    expect(byId(report).join_failure_rate!.status).toBe('no_data');
    await setDefault(null);
  });
});
