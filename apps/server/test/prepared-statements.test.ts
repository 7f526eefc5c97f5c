// Hot-path queries compiled once (storage/compiled-query.ts) run as prepared statements on both
// databases, and keep answering when a migration changes the table they read: on PostgreSQL
// another instance may migrate while this one holds the statement prepared on its connections.
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledQuery } from '../src/storage/compiled-query.ts';
import { backends, type TestDatabase } from './support/databases.ts';

// A type, not an interface: Kysely's table map needs an index signature.
type Probe = {
  probe: { id: number; name: string };
};

const byId = compiledQuery((db: Kysely<Probe>, id: number) =>
  db.selectFrom('probe').selectAll().where('id', '=', id),
);

describe.each(await backends())('compiled queries on $name', (backend) => {
  let database: TestDatabase;
  let db: Kysely<Probe>;

  /** A schema change made elsewhere: another instance's connection on PostgreSQL. */
  async function migrateElsewhere(statement: string): Promise<void> {
    if (!database.env.DATABASE_URL) {
      await sql.raw(statement).execute(db);
      return;
    }
    const other = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query(statement);
    } finally {
      await other.end();
    }
  }

  beforeAll(async () => {
    database = await backend.create();
    db = database.handle.db.withTables<Probe>() as unknown as Kysely<Probe>;
    await sql`create table probe (id int primary key, name text not null)`.execute(db);
    await sql`insert into probe values (1, 'Ada'), (2, 'Grace')`.execute(db);
  });

  afterAll(async () => {
    await database.drop();
  });

  it('runs as a prepared statement of the connection it ran on', async () => {
    const prepared = await db.transaction().execute(async (tx) => {
      expect((await byId(tx, 2)).rows).toEqual([{ id: 2, name: 'Grace' }]);
      const { rows } = await sql<{ statement: string }>`
        select statement from pg_prepared_statements`.execute(tx);
      return rows.map((r) => r.statement.replace(/\s+/g, ' '));
    });
    expect(prepared).toContain('select * from "probe" where "id" = $1');
  });

  it('answers with the new columns after another instance changed the table', async () => {
    const pid = async () =>
      (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid;
    expect((await byId(db, 1)).rows).toEqual([{ id: 1, name: 'Ada' }]);
    const before = await pid();
    await migrateElsewhere('alter table probe add column note text');
    expect((await byId(db, 1)).rows).toEqual([{ id: 1, name: 'Ada', note: null }]);
    if (backend.name === 'postgres') {
      // The connection whose statement went stale was closed; its successor prepares afresh.
      expect(await pid()).not.toBe(before);
    }
    expect((await byId(db, 2)).rows).toEqual([{ id: 2, name: 'Grace', note: null }]);
  });
});
