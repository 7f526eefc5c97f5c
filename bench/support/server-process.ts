// Starts bench-server.ts as a child process and talks to it: its URL, its pid (for /proc RSS),
// seeding, memory and a clean close (which also writes a CPU profile when one was asked for).
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_ADMIN, type BenchServerRequest, type QueryStats } from './protocol.ts';
import type { SeededEntry } from './seed.ts';
import { rssOf } from './stats.ts';

export { BENCH_ADMIN };

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bench-server.ts');

export interface BenchServerOptions {
  /** Extra server environment (e.g. FEATURE_LIVEKIT). */
  env?: Record<string, string>;
}

export interface BenchServer {
  readonly url: string;
  readonly pid: number;
  readonly facilityId: string;
  rss(): number;
  memory(): Promise<NodeJS.MemoryUsage>;
  seedAdmitted(count: number, perVisit?: number): Promise<SeededEntry[]>;
  seedWaiting(count: number, perVisit?: number): Promise<SeededEntry[]>;
  /** `scale` units of ended visits, `ageDays` ago (a month by default). */
  seedHistory(scale: number, ageDays?: number): Promise<Record<string, number>>;
  /** Statements run by the embedded database so far. */
  queries(): Promise<QueryStats>;
  /** Starts the V8 CPU profiler in the server (the same profiler as `node --cpu-prof`). */
  profileStart(): Promise<void>;
  /** Stops it; writes bench/results/profiles/<name>.cpuprofile and returns its path. */
  profileStop(name: string): Promise<string>;
  /** Signs the seeded admin in; returns the cookie header value. */
  signIn(): Promise<string>;
  close(): Promise<void>;
}

/** Starts a server process; resolves once it listens. */
export async function startBenchServer(options: BenchServerOptions = {}): Promise<BenchServer> {
  const execArgv = ['--import', 'tsx', '--expose-gc'];
  const child: ChildProcess = fork(script, [], {
    execArgv,
    // Request logs go nowhere, as they cost what they cost in production.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_SERVER_ENV: JSON.stringify(options.env ?? {}) },
  });
  let next = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<{ url: string; facilityId: string; pid: number }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}) before ready`)));
    child.on(
      'message',
      (message: { ready?: never; id?: number; result?: unknown; error?: string }) => {
        if (message.ready) return resolve(message.ready);
        const waiter = message.id === undefined ? undefined : pending.get(message.id);
        if (!waiter || message.id === undefined) return;
        pending.delete(message.id);
        if (message.error) waiter.reject(new Error(message.error));
        else waiter.resolve(message.result);
      },
    );
  });
  const call = <T>(cmd: BenchServerRequest['cmd'], args?: BenchServerRequest['args']) =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, cmd, args } satisfies BenchServerRequest);
    });
  const info = await ready;
  return {
    ...info,
    rss: () => rssOf(info.pid),
    memory: () => call('memory'),
    seedAdmitted: (count, perVisit = 2) => call('seedAdmitted', { count, perVisit }),
    seedWaiting: (count, perVisit = 2) => call('seedWaiting', { count, perVisit }),
    seedHistory: (scale, ageDays) => call('seedHistory', { scale, ageDays }),
    queries: () => call('queries'),
    profileStart: () => call('profileStart'),
    profileStop: (name) => call('profileStop', { name }),
    async signIn() {
      const res = await fetch(`${info.url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(BENCH_ADMIN),
      });
      if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
      return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    },
    async close() {
      if (child.exitCode !== null) return;
      await Promise.race([call('close'), exited]);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
