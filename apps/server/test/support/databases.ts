// The databases the storage and API suites run against: embedded PGlite always, and a real
// PostgreSQL server when one answers (TEST_DATABASE_URL, or the local default on 127.0.0.1).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/storage/db.ts';

export interface TestDatabase {
  readonly handle: DatabaseHandle;
  /** What to pass as DATABASE_URL / DATA_DIR to start a server on this same database. */
  readonly env: { DATABASE_URL?: string; DATA_DIR: string };
  drop(): Promise<void>;
}

export interface Backend {
  readonly name: 'pglite' | 'postgres';
  create(): Promise<TestDatabase>;
}

const LOCAL_DEFAULT = 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'openconnect-test-'));
}

const pgliteBackend: Backend = {
  name: 'pglite',
  async create() {
    const dir = await tempDir();
    const handle = await openDatabase({ dataDir: dir });
    return {
      handle,
      env: { DATA_DIR: dir },
      drop: async () => {
        await handle.close().catch(() => undefined);
        await fs.rm(dir, { recursive: true, force: true });
      },
    };
  },
};

function postgresBackend(adminUrl: string): Backend {
  return {
    name: 'postgres',
    async create() {
      // Each test file gets its own database, so suites never see each other's rows.
      const name = `openconnect_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const dir = await tempDir();
      const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: dir });
      return {
        handle,
        env: { DATABASE_URL: url.toString(), DATA_DIR: dir },
        drop: async () => {
          await handle.close().catch(() => undefined);
          const cleanup = new pg.Client({ connectionString: adminUrl });
          await cleanup.connect();
          await cleanup.query(`drop database if exists ${name} with (force)`);
          await cleanup.end();
          await fs.rm(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

/** PGlite, plus PostgreSQL when a server answers. CI always provides one. */
export async function backends(): Promise<Backend[]> {
  const url = process.env.TEST_DATABASE_URL ?? LOCAL_DEFAULT;
  const list: Backend[] = [pgliteBackend];
  if (await reachable(url)) list.push(postgresBackend(url));
  else if (process.env.TEST_DATABASE_URL || process.env.CI) {
    throw new Error(`TEST_DATABASE_URL ${url} does not answer; CI must test PostgreSQL too.`);
  }
  return list;
}
