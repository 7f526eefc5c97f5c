// The embedded database's autovacuum: tables with many dead rows are vacuumed, changed ones
// analyzed, untouched ones left alone, and a server on PostgreSQL leaves it to PostgreSQL.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../src/storage/db.ts';
import { maintainTables, startEmbeddedMaintenance } from '../src/storage/embedded-maintenance.ts';

describe('embedded database maintenance', () => {
  let dir: string;
  let database: DatabaseHandle;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'openconnect-maintenance-'));
    database = await openDatabase({ dataDir: dir });
  });

  afterAll(async () => {
    await database?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** 200 facilities, each updated three times: about 600 dead row versions, as heartbeats leave. */
  async function churn(): Promise<string[]> {
    const ids = Array.from({ length: 200 }, () => randomUUID());
    await database.db
      .insertInto('facilities')
      .values(ids.map((id, i) => ({ id, name: `Churn ${id} ${i}`, timezone: 'UTC' })))
      .execute();
    for (let i = 0; i < 3; i++)
      await database.db
        .updateTable('facilities')
        .set({ timezone: i % 2 ? 'UTC' : 'Europe/Oslo' })
        .where('id', 'in', ids)
        .execute();
    return ids;
  }

  const facilitiesStats = async () =>
    (
      await sql<{ dead: number; analyzed: boolean }>`
        select n_dead_tup::int as dead, last_analyze is not null as analyzed
        from pg_stat_user_tables where relname = 'facilities'`.execute(database.db)
    ).rows[0]!;

  /** The statistics reach the catalog at most once a second, as on PostgreSQL: wait for them. */
  const deadRowsCounted = () =>
    vi.waitFor(async () => expect((await facilitiesStats()).dead).toBeGreaterThan(500), {
      timeout: 10_000,
      interval: 100,
    });

  it('vacuums and analyzes a table full of dead rows, then leaves it alone', async () => {
    await churn();
    await deadRowsCounted();
    const done = await maintainTables(database.db);
    expect(done).toContainEqual({ table: 'facilities', vacuumed: true });
    const after = await facilitiesStats();
    expect(after.dead).toBe(0);
    expect(after.analyzed).toBe(true);
    // Nothing changed since: the table is not worked on again.
    expect((await maintainTables(database.db)).map((d) => d.table)).not.toContain('facilities');
  });

  it('runs as a job on the embedded database and not on PostgreSQL', async () => {
    const log = pino({ level: 'silent' });
    // Told it is PostgreSQL (whose autovacuum does this), the job does nothing.
    const none = startEmbeddedMaintenance({ db: database.db, kind: 'postgres' }, log, 20);
    await churn();
    await deadRowsCounted();
    await new Promise((resolve) => setTimeout(resolve, 300));
    none();
    expect((await facilitiesStats()).dead).toBeGreaterThan(500);
    const stop = startEmbeddedMaintenance(database, log, 20);
    try {
      await vi.waitFor(async () => expect((await facilitiesStats()).dead).toBe(0), {
        timeout: 10_000,
        interval: 50,
      });
    } finally {
      stop();
    }
  });
});
