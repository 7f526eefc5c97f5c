// Waiting-room push benchmark: N visitors wait on /ws/lobby (1k, 5k, 10k), the server in its own
// process. Measures the server's resident memory per waiting connection, the time from the
// staff admit call to the visitor's socket receiving its credentials under a steady stream of
// admits, how long the sockets take to connect, and what the database is asked (per hello, per
// admit, and per waiting socket per minute while nothing happens). A last scenario puts 1,000
// visitors in one visit: every admit moves the whole line up. The rows with targets are issue
// #19's: an admit costs the same however long the line is. Everything runs on the embedded
// database, then again on PostgreSQL (its events crossing LISTEN/NOTIFY) when a server answers.
import { execFileSync } from 'node:child_process';
import WebSocket from 'ws';
import {
  fmt,
  infoRow,
  runIfMain,
  targetRow,
  type BenchResult,
  type Row,
} from './support/result.ts';
import type { QueryStats } from './support/protocol.ts';
import type { SeededEntry } from './support/seed.ts';
import { scratchDatabase } from './support/postgres.ts';
import { startBenchServer, type BenchServer } from './support/server-process.ts';
import { sleep, summarize, type Summary } from './support/stats.ts';

export interface WaitingRoomOptions {
  /** Numbers of waiting visitors, reached one after another on the same server. */
  levels?: number[];
  /** Waiting visitors per visit. */
  perVisit?: number;
  /** Admits per level, sent at `admitRate` per second. */
  admits?: number;
  admitRate?: number;
  /** Visitors in the one crowded visit (0 to skip). */
  crowded?: number;
  /** Quiet time at the last level over which statements per waiting socket are counted. */
  idleSeconds?: number;
  /** Profiles the server's CPU over the last level's admit stream (bench/results/profiles). */
  cpuProfile?: boolean;
}

interface Waiter {
  entry: SeededEntry;
  socket: WebSocket;
  admitSentAt?: number;
  admitted?: (at: number) => void;
  /** Called on every state push after the first. */
  stateChanged?: (at: number) => void;
}

export interface LevelResult {
  waiting: number;
  bytesPerConnection: number;
  heapBytesPerConnection: number;
  /** Time to connect this level's new sockets (the level's growth over the previous one). */
  connectSeconds: number;
  /** Sockets connected at this level. */
  connected: number;
  /** Statements per hello while this level's sockets connected. */
  statementsPerHello: number;
  /** Statements per admit during the admit stream (everything the server ran meanwhile). */
  statementsPerAdmit: number;
  admitToNotified: Summary;
  admitErrors: number;
  /** Database time (ms) per hello and per admit, and the statements that took most of it. */
  dbMsPerHello: number;
  dbMsPerAdmit: number;
  topConnect: TopSql[];
  topAdmit: TopSql[];
}

/** One statement text's count and total time over a phase. */
type TopSql = readonly [sql: string, n: number, ms: number];

/** What the database ran between two readings: the statements that took the most time. */
function topStatements(before: QueryStats, after: QueryStats, count = 6): TopSql[] {
  return Object.entries(after.bySql)
    .map(([text, v]) => {
      const was = before.bySql[text];
      return [text, v.n - (was?.n ?? 0), Math.round(v.ms - (was?.ms ?? 0))] as const;
    })
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[2] - a[2])
    .slice(0, count);
}

/** Lets this process (and the server it starts) hold more sockets than the default allows. */
function raiseFileLimit(): void {
  try {
    execFileSync('prlimit', ['--pid', String(process.pid), '--nofile=65536:65536'], {
      stdio: 'ignore',
    });
  } catch {
    // Not permitted here: the default limit decides how many sockets are possible.
  }
}

/** Opens sockets for `entries`, `concurrency` handshakes at a time; resolves once all have state. */
export async function connectAll(url: string, entries: SeededEntry[], concurrency = 200) {
  const waiters: Waiter[] = [];
  let next = 0;
  const one = (entry: SeededEntry) =>
    new Promise<Waiter>((resolve, reject) => {
      const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws/lobby`);
      const waiter: Waiter = { entry, socket };
      let ready = false;
      socket.on('error', (error) => (ready ? undefined : reject(error)));
      // Refused or dropped before its state (a failed hello): say so rather than wait forever.
      socket.on('close', (code, reason) =>
        ready ? undefined : reject(new Error(`closed before its state: ${code} ${String(reason)}`)),
      );
      socket.on('open', () =>
        socket.send(JSON.stringify({ type: 'hello', entryId: entry.entryId, token: entry.token })),
      );
      socket.on('message', (data) => {
        const event = JSON.parse(String(data)) as { type: string };
        if (event.type === 'state' && !ready) {
          ready = true;
          resolve(waiter);
        } else if (event.type === 'state') waiter.stateChanged?.(performance.now());
        else if (event.type === 'admitted') waiter.admitted?.(performance.now());
      });
    });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < entries.length) waiters.push(await one(entries[next++] as SeededEntry));
    }),
  );
  return waiters;
}

/** Admits `waiters` at `rate` per second; returns admit → credentials-on-socket times (ms). */
export async function admitStream(
  server: BenchServer,
  cookie: string,
  waiters: Waiter[],
  rate: number,
) {
  const latencies: number[] = [];
  let errors = 0;
  const done = waiters.map(
    (waiter) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          errors++;
          resolve();
        }, 30_000);
        waiter.admitted = (at) => {
          clearTimeout(timer);
          if (waiter.admitSentAt !== undefined) latencies.push(at - waiter.admitSentAt);
          resolve();
        };
      }),
  );
  const start = performance.now();
  for (const [i, waiter] of waiters.entries()) {
    const due = start + (i * 1000) / rate;
    if (due > performance.now()) await sleep(due - performance.now());
    waiter.admitSentAt = performance.now();
    void fetch(`${server.url}/api/v1/lobby/${waiter.entry.entryId}/admit`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    }).then(
      (res) => (res.ok ? undefined : errors++),
      () => errors++,
    );
  }
  await Promise.all(done);
  return { latencies, errors };
}

/**
 * The server's memory after two full GCs and a moment to settle: RSS (what the target
 * is about) and the JS heap plus external memory (steadier: RSS moves as the allocator returns
 * pages).
 */
export async function settledMemory(server: BenchServer) {
  await server.memory();
  await sleep(500);
  const usage = await server.memory();
  await sleep(1_000);
  return { rss: server.rss(), heap: usage.heapUsed + usage.external };
}

/** Every `step`-th waiter: spread over visits, none admitted twice. */
const pick = (waiters: Waiter[], count: number) => {
  const fresh = waiters.filter((w) => w.admitSentAt === undefined);
  const step = Math.max(1, Math.floor(fresh.length / count));
  return fresh.filter((_, i) => i % step === 0).slice(0, count);
};

/**
 * Runs the waiting-room benchmark on the embedded database, then on PostgreSQL when a server
 * answers (a scratch database, dropped after): the same scenarios and ratios, rows of the second
 * run named "on PostgreSQL".
 */
export async function run(options: WaitingRoomOptions = {}): Promise<BenchResult> {
  const started = Date.now();
  const embedded = await runOn(options);
  const database = await scratchDatabase();
  if (!database) {
    return {
      ...embedded,
      notes: [...embedded.notes, 'no PostgreSQL server answered: the embedded database only'],
      seconds: (Date.now() - started) / 1000,
    };
  }
  try {
    const postgres = await runOn(options, database.url);
    return {
      name: 'Waiting room',
      rows: [
        ...embedded.rows,
        ...postgres.rows.map((row) => ({ ...row, metric: `on PostgreSQL: ${row.metric}` })),
      ],
      notes: [...embedded.notes, ...postgres.notes.map((note) => `on PostgreSQL: ${note}`)],
      raw: { pglite: embedded.raw, postgres: postgres.raw },
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await database.drop();
  }
}

/** One pass of every scenario on one database (the embedded one unless `databaseUrl` is given). */
async function runOn(options: WaitingRoomOptions, databaseUrl?: string): Promise<BenchResult> {
  const started = Date.now();
  const levels = options.levels ?? [1_000, 5_000, 10_000];
  const perVisit = options.perVisit ?? 4;
  const admits = options.admits ?? 100;
  const admitRate = options.admitRate ?? 20;
  const idleSeconds = options.idleSeconds ?? 45;
  raiseFileLimit();
  const server = await startBenchServer(databaseUrl ? { env: { DATABASE_URL: databaseUrl } } : {});
  const waiters: Waiter[] = [];
  const results: LevelResult[] = [];
  const notes: string[] = [];
  let socketBytes = 0;
  let heapBytes = 0;
  let crowded:
    { waiting: number; admitToNotified: Summary; lineUpdated: Summary; errors: number } | undefined;
  const crowdedAdmits: number[] = [];
  let idle:
    | {
        waiting: number;
        statements: number;
        minutes: number;
        bySql: TopSql[];
      }
    | undefined;
  let crowdedErrors = 0;
  try {
    const cookie = await server.signIn();
    for (const level of levels) {
      const entries = await server.seedWaiting(level - waiters.length, perVisit);
      const before = await settledMemory(server);
      const q0 = await server.queries();
      const t0 = performance.now();
      try {
        waiters.push(...(await connectAll(server.url, entries)));
      } catch (error) {
        notes.push(`stopped at ${waiters.length} sockets: ${String(error)}`);
        break;
      }
      const connectSeconds = (performance.now() - t0) / 1000;
      const connected = entries.length;
      const q1 = await server.queries();
      const after = await settledMemory(server);
      socketBytes += after.rss - before.rss;
      heapBytes += after.heap - before.heap;
      const q2 = await server.queries();
      const picked = pick(waiters, admits);
      const profiled = options.cpuProfile && level === levels.at(-1);
      if (profiled) await server.profileStart();
      const stream = await admitStream(server, cookie, picked, admitRate);
      if (profiled)
        notes.push(
          `server CPU profile: ${await server.profileStop(
            databaseUrl ? 'waiting-room-admits-postgres' : 'waiting-room-admits',
          )}`,
        );
      const q3 = await server.queries();
      results.push({
        waiting: level,
        bytesPerConnection: socketBytes / waiters.length,
        heapBytesPerConnection: heapBytes / waiters.length,
        connectSeconds,
        connected,
        statementsPerHello: (q1.statements - q0.statements) / Math.max(1, connected),
        statementsPerAdmit: (q3.statements - q2.statements) / Math.max(1, picked.length),
        admitToNotified: summarize(stream.latencies),
        admitErrors: stream.errors,
        dbMsPerHello: (q1.ms - q0.ms) / Math.max(1, connected),
        dbMsPerAdmit: (q3.ms - q2.ms) / Math.max(1, picked.length),
        topConnect: topStatements(q0, q1),
        topAdmit: topStatements(q2, q3),
      });
    }
    // Nothing happens for a while: what do the waiting sockets alone ask of the database?
    const still = waiters.filter((w) => w.admitSentAt === undefined).length;
    const quiet0 = await server.queries();
    const quietStart = performance.now();
    await sleep(idleSeconds * 1000);
    const quiet1 = await server.queries();
    idle = {
      waiting: still,
      statements: quiet1.statements - quiet0.statements,
      minutes: (performance.now() - quietStart) / 60_000,
      // What they were, most time first (in the JSON file).
      bySql: topStatements(quiet0, quiet1, 8),
    };
    if (options.crowded !== 0) {
      const size = options.crowded ?? 1_000;
      const seeded = await server.seedWaiting(size, size);
      const place = new Map(seeded.map((e, i) => [e.entryId, i]));
      // In line order (sockets finish connecting in any order).
      const line = (await connectAll(server.url, seeded)).sort(
        (a, b) => (place.get(a.entry.entryId) ?? 0) - (place.get(b.entry.entryId) ?? 0),
      );
      waiters.push(...line);
      // Admit from the front of the line (a p2p visit seats 4): everyone behind moves up and
      // hears of it; the last to hear is the fan-out's cost.
      const lineUpdated: number[] = [];
      for (const front of line.slice(0, 3)) {
        const rest = line.slice(line.indexOf(front) + 1);
        let heard = 0;
        const allHeard = new Promise<number>((resolve) => {
          for (const w of rest)
            w.stateChanged = (at) => {
              w.stateChanged = undefined;
              if (++heard === rest.length) resolve(at);
            };
        });
        const stream = await admitStream(server, cookie, [front], 1);
        const at = await Promise.race([allHeard, sleep(30_000).then(() => Number.NaN)]);
        lineUpdated.push(at - (front.admitSentAt ?? at));
        crowdedAdmits.push(...stream.latencies);
        crowdedErrors += stream.errors;
      }
      crowded = {
        waiting: size,
        admitToNotified: summarize(crowdedAdmits),
        lineUpdated: summarize(lineUpdated),
        errors: crowdedErrors,
      };
    }
  } finally {
    for (const waiter of waiters) waiter.socket.terminate();
    await server.close();
  }
  const rows: Row[] = [];
  for (const r of results) {
    const k = `${fmt(r.waiting / 1000)}k waiting`;
    rows.push(
      targetRow(
        `${k}: server memory per connection`,
        r.bytesPerConnection / 1024,
        'KB',
        16,
        'lower',
        1,
      ),
    );
    rows.push(
      r.waiting >= 10_000
        ? targetRow(`${k}: admit → notified p95`, r.admitToNotified.p95, 'ms', 100, 'lower')
        : infoRow(`${k}: admit → notified p95`, `${fmt(r.admitToNotified.p95)} ms`),
    );
    rows.push(
      infoRow(
        `${k}: admit → notified`,
        `p50 ${fmt(r.admitToNotified.p50)} / p95 ${fmt(r.admitToNotified.p95)} / p99 ${fmt(r.admitToNotified.p99)} ms ` +
          `(${r.admitToNotified.n} admits, ${r.admitErrors} failed); heap + external ${fmt(r.heapBytesPerConnection / 1024, 1)} KB/conn; ` +
          `connected in ${fmt(r.connectSeconds, 1)} s`,
      ),
    );
  }
  if (crowded)
    rows.push(
      infoRow(
        `${fmt(crowded.waiting)} waiting in one visit: admit → notified, → whole line updated`,
        `max ${fmt(crowded.admitToNotified.max)} ms, ${fmt(crowded.lineUpdated.max)} ms (${crowded.admitToNotified.n} admits, ${crowded.errors} failed)`,
      ),
    );
  rows.push(...costRows(results, crowded, idle));
  notes.push(
    `${perVisit} waiting per visit; ${admits} admits per level at ${admitRate}/s; memory is the server process's VmRSS growth over the sockets, after a GC`,
  );
  return {
    name: 'Waiting room',
    rows,
    notes,
    raw: { levels: results, crowded, idle, perVisit, admits, admitRate },
    seconds: (Date.now() - started) / 1000,
  };
}

/**
 * Issue #19's targets, as ratios so they hold on any machine: an admit at 10k waiting as fast as
 * at 1k, a whole crowded line updated about as fast as one admit, connecting linear in sockets,
 * and waiting sockets costing the database (almost) nothing.
 */
function costRows(
  results: LevelResult[],
  crowded: { lineUpdated: Summary } | undefined,
  idle: { waiting: number; statements: number; minutes: number } | undefined,
): Row[] {
  const rows: Row[] = [];
  const first = results.find((r) => r.waiting === 1_000) ?? results[0];
  const last = results.at(-1);
  for (const r of results)
    rows.push(
      infoRow(
        `${fmt(r.waiting / 1000)}k waiting: statements per hello, per admit (database ms)`,
        `${fmt(r.statementsPerHello, 2)}, ${fmt(r.statementsPerAdmit, 1)} ` +
          `(${fmt(r.dbMsPerHello, 2)} ms, ${fmt(r.dbMsPerAdmit, 1)} ms)`,
      ),
    );
  if (first && last && last !== first) {
    rows.push(
      targetRow(
        `admit → notified p95, ${fmt(last.waiting / 1000)}k ÷ ${fmt(first.waiting / 1000)}k waiting`,
        last.admitToNotified.p95 / first.admitToNotified.p95,
        '×',
        2,
        'lower',
        2,
      ),
    );
    // Connecting all of the last level's sockets (every level adds its growth), against ten
    // times what the first level's took.
    const allSeconds = results.reduce((n, r) => n + r.connectSeconds, 0);
    const perThousand = first.connectSeconds / (first.connected / 1000);
    rows.push(
      targetRow(
        `${fmt(last.waiting / 1000)}k sockets connect ÷ (1k sockets' time × ${fmt(last.waiting / 1000)})`,
        allSeconds / (perThousand * (last.waiting / 1000)),
        '×',
        3,
        'lower',
        2,
      ),
    );
  }
  if (first && crowded)
    rows.push(
      targetRow(
        'one visit: whole line updated ÷ one admit at 1k (p95)',
        crowded.lineUpdated.max / first.admitToNotified.p95,
        '×',
        3,
        'lower',
        2,
      ),
    );
  if (idle && idle.waiting > 0)
    rows.push(
      targetRow(
        `statements per waiting socket per minute (${fmt(idle.waiting)} waiting, quiet)`,
        idle.statements / idle.waiting / idle.minutes,
        '',
        0.1,
        'lower',
        4,
      ),
    );
  return rows;
}

runIfMain(import.meta.url, 'waiting-room', () =>
  run({
    ...(process.argv.includes('--quick')
      ? { levels: [1_000, 2_000], crowded: 200, idleSeconds: 10 }
      : {}),
    cpuProfile: process.argv.includes('--cpu-prof'),
  }),
);
