// A throwaway PostgreSQL database for comparison runs, when a server answers on 127.0.0.1:5432
// (or BENCH_DATABASE_URL): the embedded database is what the targets are measured on.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates an empty database; undefined when no PostgreSQL server answers. */
export async function scratchDatabase(): Promise<ScratchDatabase | undefined> {
  const name = `openconnect_bench_${randomBytes(6).toString('hex')}`;
  try {
    await admin((c) => c.query(`create database ${name}`));
  } catch {
    return undefined;
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
