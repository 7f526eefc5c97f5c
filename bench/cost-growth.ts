// Cost growth benchmark: does anything grow with history that should not? The same join load
// and the same 1,000 waiting visitors at 1×, 10× and 100× the facilities and past visits in the
// database (one unit: 10 facilities × 20 ended visits, each with entries, participants and
// audit events). Join throughput, statement time and waiting-room memory should stay flat.
import { joinRequest, load } from './join-api.ts';
import { fmt, infoRow, runIfMain, type BenchResult, type Row } from './support/result.ts';
import { HISTORY_UNIT } from './support/seed.ts';
import { startBenchServer } from './support/server-process.ts';
import { summarize } from './support/stats.ts';
import { admitStream, connectAll, settledMemory } from './waiting-room.ts';

export interface CostGrowthOptions {
  scales?: number[];
  joinSeconds?: number;
  waiting?: number;
}

/** Runs the cost-growth benchmark. */
export async function run(options: CostGrowthOptions = {}): Promise<BenchResult> {
  const started = Date.now();
  const scales = options.scales ?? [1, 10, 100];
  const seconds = options.joinSeconds ?? 5;
  const waiting = options.waiting ?? 1_000;
  const measured = [];
  for (const scale of scales) {
    const server = await startBenchServer();
    try {
      const seedStart = performance.now();
      const rows = await server.seedHistory(scale);
      const seedSeconds = (performance.now() - seedStart) / 1000;
      const join = joinRequest(await server.seedAdmitted(1_000));
      await load(server.url, 2, 32, join);
      const before = await server.queries();
      const phase = await load(server.url, seconds, 32, join);
      const after = await server.queries();
      const entries = await server.seedWaiting(waiting, 4);
      const memBefore = await settledMemory(server);
      const sockets = await connectAll(server.url, entries);
      const memAfter = await settledMemory(server);
      const cookie = await server.signIn();
      const step = Math.floor(sockets.length / 50);
      const admits = await admitStream(
        server,
        cookie,
        sockets.filter((_, i) => i % step === 0).slice(0, 50),
        20,
      );
      for (const s of sockets) s.socket.terminate();
      measured.push({
        scale,
        rows,
        seedSeconds,
        facilities: scale * HISTORY_UNIT.facilities,
        visits: scale * HISTORY_UNIT.facilities * HISTORY_UNIT.visitsPerFacility,
        joinRps: phase.rps,
        joinP95: phase.latency.p95,
        msPerStatement: (after.ms - before.ms) / (after.statements - before.statements),
        statementsPerJoin: (after.statements - before.statements) / phase.total,
        bytesPerConnection: (memAfter.rss - memBefore.rss) / sockets.length,
        heapPerConnection: (memAfter.heap - memBefore.heap) / sockets.length,
        baseRss: memBefore.rss,
        admit: summarize(admits.latencies),
      });
    } finally {
      await server.close();
    }
  }
  const first = measured[0];
  const rel = (value: number, base: number | undefined) =>
    base ? ` (${fmt(value / base, 2)}× of 1×)` : '';
  const rows: Row[] = measured.flatMap((m) => {
    const k = `${m.scale}× (${fmt(m.facilities)} facilities, ${fmt(m.visits)} past visits)`;
    return [
      infoRow(
        `${k}: join`,
        `${fmt(m.joinRps)} req/s${rel(m.joinRps, first?.joinRps)}, p95 ${fmt(m.joinP95)} ms, ` +
          `${fmt(m.statementsPerJoin, 1)} statements × ${fmt(m.msPerStatement, 2)} ms`,
      ),
      infoRow(
        `${k}: waiting room`,
        `${fmt(m.heapPerConnection / 1024, 1)} KB heap + external per connection, admit → notified p50 ${fmt(m.admit.p50)} / p95 ${fmt(m.admit.p95)} ms, server RSS before sockets ${fmt(m.baseRss / 2 ** 20)} MB`,
      ),
    ];
  });
  return {
    name: 'Cost growth',
    rows,
    notes: [
      `${seconds} s join load per scale (32 connections); ${waiting} waiting visitors, 50 admits at 20/s`,
      'memory per connection is the JS heap + external growth after GC: at 1,000 sockets the RSS change is smaller than its noise (kept in the JSON)',
    ],
    raw: { scales: measured },
    seconds: (Date.now() - started) / 1000,
  };
}

runIfMain(import.meta.url, 'cost-growth', () =>
  run(process.argv.includes('--quick') ? { scales: [1, 10] } : {}),
);
