// Join API benchmark: autocannon against the real server (PGlite on disk, its own process). The
// admitted visitor's join call (bearer auth, the visit, credentials) against /healthz on the same
// server in the same run, the join's latency at a fixed 1,000 req/s, and the ceiling of signing
// alone: AccessToken.toJwt() (LiveKit) and the p2p token per second. Then the same on a server
// over PostgreSQL, beside a bare token endpoint started in the same run (token-server.ts: what
// LiveKit's example apps do to hand out a token), each as a ratio with its target.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { AccessToken } from 'livekit-server-sdk';
import { SignalingTokens } from '../apps/server/src/providers/p2p/tokens.ts';
import { summarizeProfile } from './profile-summary.ts';
import { fmt, infoRow, runIfMain, targetRow, type BenchResult } from './support/result.ts';
import type { QueryStats } from './support/protocol.ts';
import type { SeededEntry } from './support/seed.ts';
import { scratchDatabase } from './support/postgres.ts';
import { startBenchServer, type BenchServer } from './support/server-process.ts';
import { summarize, type Summary } from './support/stats.ts';

export interface JoinOptions {
  /** Seconds per load phase. */
  seconds?: number;
  connections?: number;
  /** Admitted entries the join calls rotate through (two to a visit). */
  entries?: number;
  /** Rate of the fixed-rate phase, requests per second. */
  fixedRate?: number;
  /** Profile the server over an extra join phase (bench/results/profiles/join.cpuprofile). */
  cpuProfile?: boolean;
  /** Use this server instead of starting one (cost-growth benchmark). */
  server?: BenchServer;
  /** Skip /healthz, fixed rate and the token ceiling (cost-growth benchmark). */
  joinOnly?: boolean;
  /** Also measure joins on a PostgreSQL server, when one answers (for comparison only). */
  postgres?: boolean;
}

export interface LoadPhase {
  rps: number;
  latency: Summary;
  non2xx: number;
  errors: number;
  total: number;
}

/** Runs autocannon for `seconds`; latency percentiles come from every response's own time. */
export async function load(
  url: string,
  seconds: number,
  connections: number,
  request: autocannon.Request,
  overallRate?: number,
): Promise<LoadPhase> {
  const samples: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        requests: [request],
        ...(overallRate ? { overallRate } : {}),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, time) => samples.push(time));
  });
  return {
    rps: result.requests.total / seconds,
    latency: summarize(samples),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    total: result.requests.total,
  };
}

/** A request that walks through the admitted entries, one join per request. */
export function joinRequest(entries: SeededEntry[]): autocannon.Request {
  let i = 0;
  return {
    method: 'POST',
    setupRequest: (request) => {
      const entry = entries[i++ % entries.length] as SeededEntry;
      return {
        ...request,
        path: `/api/v1/lobby/${entry.entryId}/join`,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${entry.token}`,
        },
        body: '{}',
      };
    },
  };
}

/** How many times `fn` completes in `ms`, one after another, per second. */
async function perSecond(fn: () => unknown, ms = 2_000): Promise<number> {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    await fn();
    n++;
  }
  return n / ((performance.now() - start) / 1000);
}

/** LiveKit AccessToken.toJwt() and the p2p token, per second in this process. */
export async function tokenCeiling() {
  const livekit = await perSecond(async () => {
    const token = new AccessToken('devkey', 'secret-secret-secret-secret-secret', {
      identity: 'visitor-1',
      name: 'Visitor',
      ttl: 600,
    });
    token.addGrant({ room: 'room-1', roomJoin: true, canPublish: true, canSubscribe: true });
    return token.toJwt();
  });
  const tokens = new SignalingTokens('x'.repeat(32), 600);
  const p2p = await perSecond(() =>
    tokens.issue({ room: 'room-1', identity: 'visitor-1', role: 'visitor', name: 'Visitor' }),
  );
  return { livekitToJwtPerSecond: livekit, p2pIssuePerSecond: p2p };
}

/** Statements the server ran between two readings, per join, and what they cost. */
function databaseCost(before: QueryStats, after: QueryStats, joins: number, seconds: number) {
  return {
    statementsPerJoin: (after.statements - before.statements) / joins,
    // The embedded database is one connection: the share of wall time it was busy.
    busyShare: (after.ms - before.ms) / (seconds * 1000),
    msPerStatement: (after.ms - before.ms) / (after.statements - before.statements),
    perJoin: Object.entries(after.bySql)
      .map(([sql, { n, ms }]) => {
        const was = before.bySql[sql] ?? { n: 0, ms: 0 };
        return { sql, perJoin: (n - was.n) / joins, ms: (ms - was.ms) / (n - was.n) };
      })
      .filter((s) => s.perJoin > 0.005),
  };
}

/** One join per entry, all answered before it resolves. */
function joinEachOnce(server: BenchServer, entries: SeededEntry[], connections: number) {
  return new Promise<void>((resolve, reject) => {
    autocannon(
      { url: server.url, connections, amount: entries.length, requests: [joinRequest(entries)] },
      (error) => (error ? reject(error) : resolve()),
    );
  });
}

/**
 * Statements per join over exactly one join per entry (a fixed number of requests, all answered,
 * so none is in flight when counting stops); statements that ran less than once per 200 joins are
 * the instance's own jobs (heartbeats), not the join's, and are left out. Joins that arrive
 * together share a statement, and with 32 connections a statement carries 32 joins at most, so a
 * join's own statements stay well above that.
 */
async function countedJoins(server: BenchServer, entries: SeededEntry[], connections: number) {
  // autocannon ends a timed phase without waiting for the requests still in flight: let them land.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const before = await server.queries();
  await joinEachOnce(server, entries, connections);
  const after = await server.queries();
  const cost = databaseCost(before, after, entries.length, 1);
  return {
    statementsPerJoin: cost.perJoin.reduce((n, s) => n + s.perJoin, 0),
    perJoin: cost.perJoin,
  };
}

/**
 * Joins every entry once (their first join: participant row and seat), then warms up for 2 s;
 * returns the statements a first join cost.
 */
async function firstJoins(server: BenchServer, entries: SeededEntry[], connections: number) {
  const before = await server.queries();
  await joinEachOnce(server, entries, connections);
  const after = await server.queries();
  await load(server.url, 2, connections, joinRequest(entries));
  return { statementsPerJoin: (after.statements - before.statements) / entries.length };
}

/**
 * The server's CPU profile over 5 s of joins, taken right after the measured phase: the same
 * credentials asked again (p2p seats are held for a minute; later, a join reserves one again).
 */
async function profileJoins(
  server: BenchServer,
  join: autocannon.Request,
  connections: number,
  name: string,
) {
  await server.profileStart();
  await load(server.url, 5, connections, join);
  return summarizeProfile(await server.profileStop(name), 15);
}

/** The bare token endpoint in its own process; its URL and how to stop it. */
async function startTokenServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support/token-server.ts');
  const child = fork(script, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve(m.url));
    child.once('exit', (code) => reject(new Error(`token server exited (${code})`)));
  });
  return {
    url,
    close: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.send('close');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** GET /token for the same rooms and identities the joins use, one per request. */
function tokenRequest(entries: SeededEntry[]): autocannon.Request {
  let i = 0;
  return {
    method: 'GET',
    setupRequest: (request) => {
      const entry = entries[i++ % entries.length] as SeededEntry;
      return { ...request, path: `/token?room=${entry.visitId}&identity=${entry.entryId}` };
    },
  };
}

/**
 * The join on a server over PostgreSQL (same machine), its /healthz, and the bare token endpoint,
 * in that order within one run; undefined when no PostgreSQL server answers.
 */
async function joinOnPostgres(seconds: number, connections: number, cpuProfile = false) {
  const database = await scratchDatabase();
  if (!database) return undefined;
  const server = await startBenchServer({ env: { DATABASE_URL: database.url } });
  const tokens = await startTokenServer();
  try {
    const entries = await server.seedAdmitted(2_000);
    const join = joinRequest(entries);
    await firstJoins(server, entries, connections);
    const counted = await countedJoins(server, entries, connections);
    const before = await server.queries();
    const joinPhase = await load(server.url, seconds, connections, join);
    const after = await server.queries();
    const profile = cpuProfile
      ? await profileJoins(server, join, connections, 'join-postgres')
      : undefined;
    const health = await load(server.url, seconds, connections, {
      method: 'GET',
      path: '/healthz',
    });
    const bareRequest = tokenRequest(entries);
    await load(tokens.url, 2, connections, bareRequest);
    const bare = await load(tokens.url, seconds, connections, bareRequest);
    return {
      join: joinPhase,
      health,
      bare,
      database: databaseCost(before, after, joinPhase.total, seconds),
      counted,
      profile,
    };
  } finally {
    await tokens.close();
    await server.close();
    await database.drop();
  }
}

/** Runs the join benchmark. */
export async function run(options: JoinOptions = {}): Promise<BenchResult> {
  const started = Date.now();
  const seconds = options.seconds ?? 10;
  const connections = options.connections ?? 32;
  const fixedRate = options.fixedRate ?? 1_000;
  const server = options.server ?? (await startBenchServer());
  try {
    const entries = await server.seedAdmitted(options.entries ?? 2_000);
    const join = joinRequest(entries);
    // Warm-up (JIT, the database's caches) and every person's first join, which records them in
    // the visit and takes their seat; the measured phase is credentials asked for again.
    const firstJoin = await firstJoins(server, entries, connections);
    const counted = options.joinOnly ? undefined : await countedJoins(server, entries, connections);
    const before = await server.queries();
    const joinPhase = await load(server.url, seconds, connections, join);
    const after = await server.queries();
    const database = databaseCost(before, after, joinPhase.total, seconds);
    const profile = options.cpuProfile
      ? await profileJoins(server, join, connections, 'join')
      : undefined;
    if (options.joinOnly) {
      return {
        name: 'Join API',
        rows: [infoRow('join req/s', fmt(joinPhase.rps))],
        notes: [],
        raw: { join: joinPhase, database },
        seconds: (Date.now() - started) / 1000,
      };
    }
    const health = await load(server.url, seconds, connections, {
      method: 'GET',
      path: '/healthz',
    });
    const fixed = await load(server.url, seconds, connections, join, fixedRate);
    const ceiling = await tokenCeiling();
    const postgres =
      options.postgres === false
        ? undefined
        : await joinOnPostgres(seconds, connections, options.cpuProfile);
    const ratio = joinPhase.rps / health.rps;
    const lat = (p: LoadPhase) =>
      `p50 ${fmt(p.latency.p50)} / p95 ${fmt(p.latency.p95)} / p99 ${fmt(p.latency.p99)} ms`;
    const failures = joinPhase.non2xx + joinPhase.errors + fixed.non2xx + fixed.errors;
    return {
      name: 'Join API',
      rows: [
        targetRow('join req/s (max load)', joinPhase.rps, 'req/s', 5_000, 'higher'),
        infoRow('join latency (max load)', lat(joinPhase)),
        infoRow('/healthz req/s, latency', `${fmt(health.rps)} req/s, ${lat(health)}`),
        targetRow('ratio join ÷ /healthz', ratio, '', 0.15, 'higher', 2),
        targetRow(`join p95 at ${fmt(fixedRate)} req/s`, fixed.latency.p95, 'ms', 20, 'lower'),
        infoRow(
          `join at ${fmt(fixedRate)} req/s`,
          `${fmt(fixed.rps)} req/s achieved, ${lat(fixed)}`,
        ),
        infoRow(
          'join: database statements',
          `${fmt(database.statementsPerJoin, 2)} per join, ${fmt(database.msPerStatement, 2)} ms each, ` +
            `busy ${fmt(100 * database.busyShare)}% of the time`,
        ),
        targetRow(
          'join: database statements per join (credentials again)',
          counted?.statementsPerJoin ?? Number.NaN,
          '',
          2,
          'lower',
          2,
        ),
        infoRow(
          "join: database statements of a person's first join",
          fmt(firstJoin.statementsPerJoin, 1),
        ),
        ...(postgres ? postgresRows(postgres, lat) : []),
        infoRow('ceiling: AccessToken.toJwt()', `${fmt(ceiling.livekitToJwtPerSecond)} /s`),
        infoRow('ceiling: p2p token issue', `${fmt(ceiling.p2pIssuePerSecond)} /s`),
      ],
      notes: [
        `${connections} connections, ${seconds} s per phase, joins rotate over ${entries.length} admitted entries`,
        `failed join responses: ${failures}`,
        ...(profile ? [profileNote('embedded database', profile)] : []),
        ...(postgres?.profile ? [profileNote('PostgreSQL', postgres.profile)] : []),
      ],
      raw: {
        join: joinPhase,
        health,
        fixed,
        ceiling,
        database,
        firstJoin,
        counted,
        postgres,
        profile,
        connections,
        seconds,
      },
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    if (!options.server) await server.close();
  }
}

/** Where a 5 s join phase's server CPU went, by package or file (self time). */
function profileNote(database: string, profile: ReturnType<typeof summarizeProfile>): string {
  const places = profile.places
    .slice(0, 8)
    .map((p) => `${p.name} ${p.percent.toFixed(1)}%`)
    .join(', ');
  return `server profile of a 5 s join phase (${database}), self time: ${places}`;
}

/** The PostgreSQL phase's rows: its two ratios and its statements per join. */
function postgresRows(
  pgRun: NonNullable<Awaited<ReturnType<typeof joinOnPostgres>>>,
  lat: (p: LoadPhase) => string,
) {
  return [
    infoRow('PostgreSQL: join req/s, latency', `${fmt(pgRun.join.rps)} req/s, ${lat(pgRun.join)}`),
    infoRow('PostgreSQL: /healthz req/s', `${fmt(pgRun.health.rps)} req/s, ${lat(pgRun.health)}`),
    targetRow(
      'PostgreSQL: ratio join ÷ /healthz',
      pgRun.join.rps / pgRun.health.rps,
      '',
      0.25,
      'higher',
      2,
    ),
    infoRow(
      'bare token endpoint (LiveKit AccessToken, node:http)',
      `${fmt(pgRun.bare.rps)} req/s, ${lat(pgRun.bare)}`,
    ),
    targetRow(
      'PostgreSQL: ratio join ÷ bare token endpoint',
      pgRun.join.rps / pgRun.bare.rps,
      '',
      0.3,
      'higher',
      2,
    ),
    targetRow(
      'PostgreSQL: database statements per join (credentials again)',
      pgRun.counted.statementsPerJoin,
      '',
      2,
      'lower',
      2,
    ),
  ];
}

runIfMain(import.meta.url, 'join-api', () =>
  run({ cpuProfile: process.argv.includes('--cpu-prof') }),
);
