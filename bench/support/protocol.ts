// What the benchmark runner and its server process say to each other over IPC.

/** A request to bench-server.ts; answered with `{ id, result }` or `{ id, error }`. */
export interface BenchServerRequest {
  id: number;
  cmd:
    | 'seedAdmitted'
    | 'seedWaiting'
    | 'seedHistory'
    | 'memory'
    | 'queries'
    | 'profileStart'
    | 'profileStop'
    | 'close';
  args?: { count?: number; perVisit?: number; scale?: number; ageDays?: number; name?: string };
}

/** The administrator every benchmark server is bootstrapped with. */
export const BENCH_ADMIN = {
  email: 'bench-admin@example.test',
  password: 'bench-admin-password-1234',
} as const;

/** Statements the embedded database ran, and the time spent in them. */
export interface QueryStats {
  statements: number;
  ms: number;
  /** Per statement text (its first 120 characters). */
  bySql: Record<string, { n: number; ms: number }>;
}
