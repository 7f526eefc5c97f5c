// Prometheus metrics of one server: join latency and errors per provider and facility, lobby
// wait, admissions, fallbacks, webhook lag, client-reported times, and gauges read from the
// database on scrape. Labels stay bounded: providers, facilities, codes — never visits or people.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../storage/db.ts';

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const clientBuckets = [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 20];

export class Metrics {
  readonly registry = new Registry();
  readonly joinDuration: Histogram<'provider' | 'facility'>;
  readonly joinErrors: Counter<'provider' | 'facility' | 'code'>;
  readonly lobbyWait: Histogram<'decision'>;
  readonly admissions: Counter<'decision'>;
  readonly fallbacks: Counter<'from' | 'to' | 'reason'>;
  readonly webhookLag: Histogram<'provider'>;
  readonly webhooksRefused: Counter<'provider' | 'reason'>;
  readonly circuitState: Gauge<'provider'>;
  readonly clientConnected: Histogram<'provider'>;
  readonly clientFirstFrame: Histogram<'provider'>;
  readonly clientReconnects: Counter<'provider'>;
  readonly p2pVisits: Counter<'reason'>;

  // Long by listing: one declaration per metric, each with its help text and buckets.
  constructor(db: Db) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'openconnect_process_' });
    this.joinDuration = new Histogram({
      name: 'openconnect_join_duration_seconds',
      help: 'Time to issue join credentials (room ensured, token signed, participant recorded).',
      labelNames: ['provider', 'facility'],
      buckets: latencyBuckets,
      registers,
    });
    this.joinErrors = new Counter({
      name: 'openconnect_join_errors_total',
      help: 'Join attempts that failed, by error code.',
      labelNames: ['provider', 'facility', 'code'],
      registers,
    });
    this.lobbyWait = new Histogram({
      name: 'openconnect_lobby_wait_seconds',
      help: 'Time visitors waited in the waiting room before staff decided.',
      labelNames: ['decision'],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
      registers,
    });
    this.admissions = new Counter({
      name: 'openconnect_admissions_total',
      help: 'Waiting-room decisions.',
      labelNames: ['decision'],
      registers,
    });
    this.fallbacks = new Counter({
      name: 'provider_fallback_total',
      help: 'Visits moved to another provider because theirs was unavailable.',
      labelNames: ['from', 'to', 'reason'],
      registers,
    });
    this.webhookLag = new Histogram({
      name: 'openconnect_webhook_lag_seconds',
      help: 'Delay between a provider event and its webhook reaching OpenConnect.',
      labelNames: ['provider'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    });
    this.webhooksRefused = new Counter({
      name: 'openconnect_webhooks_refused_total',
      help: 'Signed webhooks refused: too old to trust (a replay) or with ids unfit to store.',
      labelNames: ['provider', 'reason'],
      registers,
    });
    this.circuitState = new Gauge({
      name: 'openconnect_provider_circuit_state',
      help: 'Circuit breaker per provider: 0 closed, 1 half-open, 2 open.',
      labelNames: ['provider'],
      registers,
    });
    this.clientConnected = new Histogram({
      name: 'openconnect_client_time_to_connected_seconds',
      help: 'Reported by browsers: from Join to connected.',
      labelNames: ['provider'],
      buckets: clientBuckets,
      registers,
    });
    this.clientFirstFrame = new Histogram({
      name: 'openconnect_client_time_to_first_frame_seconds',
      help: 'Reported by browsers: from admission to the first remote video frame.',
      labelNames: ['provider'],
      buckets: clientBuckets,
      registers,
    });
    this.clientReconnects = new Counter({
      name: 'openconnect_client_reconnects_total',
      help: 'Reported by browsers: reconnections during calls.',
      labelNames: ['provider'],
      registers,
    });
    this.p2pVisits = new Counter({
      name: 'openconnect_p2p_visits_total',
      help: 'Visits pinned to p2p, by why: override, gate_closed, default or fallback.',
      labelNames: ['reason'],
      registers,
    });
    new Gauge({
      name: 'openconnect_active_visits',
      help: 'Visits under way, by provider.',
      labelNames: ['provider'],
      registers,
      async collect() {
        this.reset();
        const rows = await db
          .selectFrom('rooms')
          .select(['provider', (eb) => eb.fn.countAll<string>().as('n')])
          .where('status', '=', 'live')
          .groupBy('provider')
          .execute();
        for (const row of rows) this.set({ provider: row.provider ?? 'none' }, Number(row.n));
      },
    });
    new Gauge({
      name: 'openconnect_active_participants',
      help: 'Participants connected now, by provider.',
      labelNames: ['provider'],
      registers,
      async collect() {
        this.reset();
        const rows = await db
          .selectFrom('participants')
          .select(['provider', (eb) => eb.fn.count<string>('identity').distinct().as('n')])
          .where('joined_at', 'is not', null)
          .where('left_at', 'is', null)
          .groupBy('provider')
          .execute();
        for (const row of rows) this.set({ provider: row.provider }, Number(row.n));
      },
    });
    new Gauge({
      name: 'openconnect_recordings',
      help: 'Recordings by status.',
      labelNames: ['status'],
      registers,
      async collect() {
        this.reset();
        const rows = await db
          .selectFrom('recordings')
          .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
          .groupBy('status')
          .execute();
        for (const row of rows) this.set({ status: row.status }, Number(row.n));
      },
    });
  }
}
