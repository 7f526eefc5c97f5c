// Report queries against history: the reports page's one request (every section) for the last 7
// days, for every facility (an operator) and for one facility, at 1×, 10× and 100× the past
// visits of cost-growth.ts (one unit: 10 facilities × 20 ended visits a month ago, with entries,
// participants and audit events) and the same recent activity at each scale (one unit two days
// ago). Each query is bounded by the range on a time index, so its p95 should stay within 2×
// from 1× to 100×. `--quick`: 1× and 10×, 20 requests; `--scales 1,100` and `--requests N`
// choose them.
import {
  fmt,
  infoRow,
  runIfMain,
  targetRow,
  type BenchResult,
  type Row,
} from './support/result.ts';
import { HISTORY_UNIT } from './support/seed.ts';
import { startBenchServer } from './support/server-process.ts';
import { summarize, type Summary } from './support/stats.ts';

export interface ReportBenchOptions {
  scales?: number[];
  requests?: number;
}

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function timed(url: string, cookie: string, requests: number): Promise<Summary> {
  const latencies: number[] = [];
  for (let i = 0; i < requests; i++) {
    const start = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`report answered ${res.status}`);
    latencies.push(performance.now() - start);
  }
  return summarize(latencies);
}

/** Runs the report-query benchmark. */
export async function run(options: ReportBenchOptions = {}): Promise<BenchResult> {
  const started = Date.now();
  const scales = options.scales ?? [1, 10, 100];
  const requests = options.requests ?? 60;
  const range = `from=${day(Date.now() - 6 * DAY_MS)}&to=${day(Date.now())}`;
  const measured: { scale: number; rows: Record<string, number>; all: Summary; one: Summary }[] =
    [];
  for (const scale of scales) {
    const server = await startBenchServer();
    try {
      const rows = await server.seedHistory(scale);
      // The same recent activity at every scale, inside the range: one unit of ended visits two
      // days ago (200 visits, 600 sessions, 400 admitted entries) and 200 admitted visitors in
      // the bench facility.
      await server.seedHistory(1, 2);
      await server.seedAdmitted(200);
      const cookie = await server.signIn();
      const all = `${server.url}/api/v1/reports?${range}`;
      const one = `${all}&facilityId=${server.facilityId}`;
      // The first request copies every past session into call_records once; then warm up.
      await timed(all, cookie, 5);
      measured.push({
        scale,
        rows,
        all: await timed(all, cookie, requests),
        one: await timed(one, cookie, requests),
      });
    } finally {
      await server.close();
    }
  }
  const first = measured[0];
  const out: Row[] = measured.flatMap((m) => {
    const visits = m.scale * HISTORY_UNIT.facilities * HISTORY_UNIT.visitsPerFacility;
    const k = `${m.scale}× (${fmt(visits)} past visits)`;
    const growth = (now: Summary, base: Summary | undefined) =>
      base ? now.p95 / base.p95 : Number.NaN;
    return [
      infoRow(`${k}: every facility`, `p50 ${fmt(m.all.p50, 1)} / p95 ${fmt(m.all.p95, 1)} ms`),
      infoRow(`${k}: one facility`, `p50 ${fmt(m.one.p50, 1)} / p95 ${fmt(m.one.p95, 1)} ms`),
      ...(m.scale === first?.scale
        ? []
        : [
            targetRow(
              `${k}: every facility, p95 vs 1×`,
              growth(m.all, first?.all),
              '×',
              2,
              'lower',
              2,
            ),
            targetRow(
              `${k}: one facility, p95 vs 1×`,
              growth(m.one, first?.one),
              '×',
              2,
              'lower',
              2,
            ),
          ]),
    ];
  });
  return {
    name: 'Report queries',
    rows: out,
    notes: [
      `GET /api/v1/reports for the last 7 days, ${requests} requests one after another per scope and scale, after 5 warm-up requests (the first copies past sessions into call_records once)`,
    ],
    raw: { scales: measured },
    seconds: (Date.now() - started) / 1000,
  };
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

runIfMain(import.meta.url, 'report-queries', () => {
  if (process.argv.includes('--quick')) return run({ scales: [1, 10], requests: 20 });
  const scales = option('--scales')?.split(',').map(Number);
  const requests = option('--requests');
  return run({ scales, requests: requests ? Number(requests) : undefined });
});
