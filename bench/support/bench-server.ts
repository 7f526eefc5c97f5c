// A benchmark server in its own process, so its CPU and resident memory are its own: starts the
// real server (`startOpenConnect`, PGlite on disk in a fresh folder) and answers the parent over
// IPC (seed rows, report memory, count statements, profile the CPU over one phase, close).
// Started by server-process.ts.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { startOpenConnect } from '@openconnect/server';
import pg from 'pg';
import { PreparedStatements } from '../../apps/server/src/storage/pglite-dialect.ts';
import { BENCH_ADMIN, type BenchServerRequest, type QueryStats } from './protocol.ts';
import { resultsDir } from './result.ts';
import { seedEntries, seedHistory } from './seed.ts';

// Counts what the server asks of its database (embedded or PostgreSQL): statements per call is
// the join's cost.
const stats: QueryStats = { statements: 0, ms: 0, bySql: {} };
const keys = new Map<string, string>();
const counted: [object, string][] = [
  [PreparedStatements.prototype, 'run'],
  [PGlite.prototype, 'query'],
  [PGlite.prototype, 'exec'],
  [pg.Client.prototype, 'query'],
];
for (const [prototype, method] of counted) {
  const original = Reflect.get(prototype, method) as (...args: unknown[]) => Promise<unknown>;
  Object.defineProperty(prototype, method, {
    configurable: true,
    writable: true,
    value: async function (this: unknown, ...args: unknown[]) {
      const start = performance.now();
      try {
        return await original.apply(this, args);
      } finally {
        const ms = performance.now() - start;
        const query = args[0];
        const text =
          typeof query === 'object' && query !== null && 'text' in query
            ? String(query.text)
            : String(query);
        // Keyed once per distinct text: the counting must not cost the server what it measures.
        let key = keys.get(text);
        if (key === undefined) {
          key = text.replace(/\s+/g, ' ').slice(0, 120);
          if (keys.size < 10_000) keys.set(text, key);
        }
        const entry = (stats.bySql[key] ??= { n: 0, ms: 0 });
        stats.statements++;
        stats.ms += ms;
        entry.n++;
        entry.ms += ms;
      }
    },
  });
}
const profiler = new Session();
profiler.connect();

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'openconnect-bench-'));
const env = JSON.parse(process.env.BENCH_SERVER_ENV ?? '{}') as Record<string, string>;
const server = await startOpenConnect({
  NODE_ENV: 'development',
  PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'info',
  FEATURE_LIVEKIT: 'false',
  OPENCONNECT_BOOTSTRAP_EMAIL: BENCH_ADMIN.email,
  OPENCONNECT_BOOTSTRAP_PASSWORD: BENCH_ADMIN.password,
  ...env,
});
const facilityId = server.bootstrap?.facilityId ?? '';
const db = server.context.db;

async function handle(request: BenchServerRequest): Promise<unknown> {
  const args = request.args ?? {};
  switch (request.cmd) {
    case 'seedAdmitted':
    case 'seedWaiting':
      return seedEntries(
        { db },
        {
          facilityId,
          count: args.count ?? 1,
          perVisit: args.perVisit ?? 2,
          status: request.cmd === 'seedAdmitted' ? 'admitted' : 'waiting',
        },
      );
    case 'seedHistory':
      return seedHistory({ db }, args.scale ?? 1, args.ageDays);
    case 'memory':
      // Run with --expose-gc: collect first, so heap numbers are live objects only.
      (globalThis as { gc?: () => void }).gc?.();
      return process.memoryUsage();
    case 'queries':
      return structuredClone(stats);
    case 'profileStart':
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
      return null;
    case 'profileStop': {
      const { profile } = await profiler.post('Profiler.stop');
      const dir = path.join(resultsDir, 'profiles');
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `${args.name ?? 'server'}.cpuprofile`);
      await writeFile(file, JSON.stringify(profile));
      return file;
    }
    case 'close':
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (message: BenchServerRequest) => {
  handle(message).then(
    (result) => process.send?.({ id: message.id, result }),
    (error: unknown) => process.send?.({ id: message.id, error: String(error) }),
  );
});
process.send?.({ ready: { url: server.url, facilityId, pid: process.pid } });
