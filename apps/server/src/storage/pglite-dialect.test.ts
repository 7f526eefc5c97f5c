import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PGliteDialect, PreparedStatements } from './pglite-dialect.ts';

let pg: PGlite;

// Starting the embedded database takes seconds on a busy machine.
beforeAll(async () => {
  pg = await PGlite.create();
}, 60_000);

// Each test starts with one row and no prepared statements (each makes its own cache).
beforeEach(async () => {
  await pg.exec(`deallocate all; drop table if exists t;
    create table t (id int primary key, at timestamptz, tags text[], doc jsonb, ok boolean);
    insert into t values (1, '2026-12-07T10:00:00Z', '{a,b}', '{"n": 1}', true);`);
});

afterAll(async () => {
  await pg.close();
});

/** Prepared statements of the connection, as pg_prepared_statements lists them. */
async function preparedNames(): Promise<string[]> {
  const { rows } = await pg.query<{ name: string }>(
    'select name from pg_prepared_statements order by name',
  );
  return rows.map((r) => r.name);
}

describe('PreparedStatements', () => {
  it('returns what query() returns, typed by the columns, with values serialized by parameter type', async () => {
    const statements = new PreparedStatements(pg);
    const text =
      'select id, at, tags, doc, ok from t where id = $1 and at < $2 and doc = $3 and tags = $4';
    const params = [1, new Date('2027-01-01T00:00:00Z'), { n: 1 }, ['a', 'b']];
    const prepared = await statements.run(text, params);
    const plain = await pg.query(text, params, { rowMode: 'object' });
    expect(prepared.rows).toEqual(plain.rows);
    expect(prepared.rows).toEqual([
      { id: 1, at: new Date('2026-12-07T10:00:00Z'), tags: ['a', 'b'], doc: { n: 1 }, ok: true },
    ]);
    // Run again: the statement is parsed once and reused.
    expect((await statements.run(text, params)).rows).toHaveLength(1);
    expect(await preparedNames()).toEqual(['oc_1']);
  });

  it('reports affected rows and keeps nulls', async () => {
    const statements = new PreparedStatements(pg);
    const updated = await statements.run('update t set doc = $1, at = $2 where id = $3', [
      null,
      undefined,
      1,
    ]);
    expect(updated.affectedRows).toBe(1);
    const { rows } = await statements.run('select doc, at from t where id = $1', [1]);
    expect(rows).toEqual([{ doc: null, at: null }]);
  });

  it('drops the least recently used statement beyond its limit', async () => {
    const statements = new PreparedStatements(pg, 2);
    const a = 'select $1::int + 1 as n';
    await statements.run(a, [1]);
    await statements.run('select $1::int + 2 as n', [1]);
    await statements.run(a, [1]); // a is now the most recently used
    await statements.run('select $1::int + 3 as n', [1]);
    expect(statements.size).toBe(2);
    expect(await preparedNames()).toEqual(['oc_1', 'oc_3']);
    expect((await statements.run('select $1::int + 2 as n', [1])).rows).toEqual([{ n: 3 }]);
    expect(await preparedNames()).toEqual(['oc_3', 'oc_4']);
  });

  it('throws the database error of a statement that does not parse and leaves nothing behind', async () => {
    const statements = new PreparedStatements(pg);
    await expect(statements.run('select * from missing where id = $1', [1])).rejects.toMatchObject({
      code: '42P01',
    });
    expect(statements.size).toBe(0);
    expect((await statements.run('select id from t where id = $1', [1])).rows).toEqual([{ id: 1 }]);
  });

  it('parses a statement again when a migration changed the table it reads', async () => {
    const statements = new PreparedStatements(pg);
    const text = 'select * from t where id = $1';
    expect(Object.keys((await statements.run(text, [1])).rows[0] as object)).toHaveLength(5);
    await pg.exec('alter table t add column note text');
    const { rows } = await statements.run(text, [1]);
    expect(rows[0]).toMatchObject({ id: 1, note: null });
    expect(await preparedNames()).toEqual(['oc_2']);
  });
});

describe('PGliteDialect', () => {
  it('runs Kysely queries, transactions and rollbacks over prepared statements', async () => {
    interface Schema {
      t: { id: number; at: Date | null; tags: string[]; doc: unknown; ok: boolean };
    }
    const db = new Kysely<Schema>({ dialect: new PGliteDialect(pg) });
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('t').values({ id: 2, at: null, tags: [], doc: {}, ok: false }).execute();
    });
    await expect(
      db.transaction().execute(async (tx) => {
        await tx
          .insertInto('t')
          .values({ id: 3, at: null, tags: [], doc: {}, ok: false })
          .execute();
        // The same key again: the transaction fails and nothing of it stays.
        await tx
          .insertInto('t')
          .values({ id: 3, at: null, tags: [], doc: {}, ok: false })
          .execute();
      }),
    ).rejects.toMatchObject({ code: '23505' });
    const ids = await db.selectFrom('t').select('id').where('id', '>', 0).orderBy('id').execute();
    expect(ids).toEqual([{ id: 1 }, { id: 2 }]);
    const raw = await db.executeQuery(CompiledQuery.raw('select count(*)::int as n from t'));
    expect(raw.rows).toEqual([{ n: 2 }]);
    const { rows } = await sql<{ n: number }>`select ${5}::int * 2 as n`.execute(db);
    expect(rows).toEqual([{ n: 10 }]);
  });
});
