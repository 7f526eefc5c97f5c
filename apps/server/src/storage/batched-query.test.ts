import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { batchedQuery } from './batched-query.ts';
import { PGliteDialect } from './pglite-dialect.ts';

interface Schema {
  entries: { id: string; name: string };
  seats: { entry_id: string; seat: number };
}

const ids = Array.from(
  { length: 150 },
  (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
);
const id = (i: number) => ids[i] as string;

let pg: PGlite;
let db: Kysely<Schema>;
let statements: string[] = [];

// Starting the embedded database takes seconds on a busy machine.
beforeAll(async () => {
  pg = await PGlite.create();
  await pg.exec(`create table entries (id uuid primary key, name text);
    create table seats (entry_id uuid references entries (id), seat int);`);
  await pg.query(
    `insert into entries select id, 'entry ' || n from unnest($1::uuid[]) with ordinality as t(id, n)`,
    [ids],
  );
  // Entry 0 holds two seats, entry 1 none.
  await pg.exec(`insert into seats values ('${id(0)}', 1), ('${id(0)}', 2), ('${id(2)}', 3)`);
  db = new Kysely<Schema>({
    dialect: new PGliteDialect(pg),
    // Statements that ran, answered or refused.
    log: (event) => {
      statements.push(event.query.sql);
    },
  });
}, 60_000);

afterAll(async () => {
  await db.destroy();
});

beforeEach(() => {
  statements = [];
});

const nameOf = batchedQuery(
  (d: Kysely<Schema>, keys: readonly string[]) =>
    d
      .selectFrom('entries')
      .select(['id', 'name'])
      .where('id', '=', sql<string>`any(${keys}::uuid[])`),
  (row) => row.id,
);

const seatsOf = batchedQuery(
  (d: Kysely<Schema>, keys: readonly string[]) =>
    d
      .selectFrom('seats')
      .select(['entry_id', 'seat'])
      .where('entry_id', '=', sql<string>`any(${keys}::uuid[])`)
      .orderBy('seat'),
  (row) => row.entry_id,
);

describe('batchedQuery', () => {
  it('reads the keys asked for in one turn with one statement, each caller its own rows', async () => {
    const [a, b, again, missing] = await Promise.all([
      nameOf(db, id(3)),
      nameOf(db, id(7)),
      nameOf(db, id(3)),
      nameOf(db, '00000000-0000-4000-8000-ffffffffffff'),
    ]);
    expect(a).toEqual([{ id: id(3), name: 'entry 4' }]);
    expect(b).toEqual([{ id: id(7), name: 'entry 8' }]);
    expect(again).toEqual(a);
    expect(missing).toEqual([]);
    expect(statements).toHaveLength(1);
  });

  it('gives a key all its rows, and none of another key’s', async () => {
    const [zero, one, two] = await Promise.all([
      seatsOf(db, id(0)),
      seatsOf(db, id(1)),
      seatsOf(db, id(2)),
    ]);
    expect(zero.map((r) => r.seat)).toEqual([1, 2]);
    expect(one).toEqual([]);
    expect(two.map((r) => r.seat)).toEqual([3]);
    expect(statements).toHaveLength(1);
  });

  it('reads keys asked for in later turns with statements of their own', async () => {
    const first = await nameOf(db, id(10));
    const second = await nameOf(db, id(11));
    expect([first[0]?.name, second[0]?.name]).toEqual(['entry 11', 'entry 12']);
    expect(statements).toHaveLength(2);
  });

  it('splits a turn of more than a hundred keys into statements of a hundred at most', async () => {
    const rows = await Promise.all(ids.map((key) => nameOf(db, key)));
    expect(rows.map((r) => r[0]?.id)).toEqual(ids);
    expect(statements).toHaveLength(2);
  });

  it('fails only the caller whose key the database refuses, and reads the others alone', async () => {
    const results = await Promise.allSettled([
      nameOf(db, id(20)),
      nameOf(db, 'not-a-uuid'),
      nameOf(db, id(21)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[0]).toMatchObject({ value: [{ name: 'entry 21' }] });
    expect(results[2]).toMatchObject({ value: [{ name: 'entry 22' }] });
    // The batch, then each key alone (the bad key's statement fails like the batch's).
    expect(statements).toHaveLength(4);
  });

  it('reads alone and at once in a transaction, seeing its uncommitted writes', async () => {
    const fresh = '00000000-0000-4000-8000-eeeeeeeeeeee';
    await db
      .transaction()
      .execute(async (tx) => {
        await tx.insertInto('entries').values({ id: fresh, name: 'uncommitted' }).execute();
        statements = [];
        const [inside, again] = await Promise.all([nameOf(tx, fresh), nameOf(tx, id(0))]);
        expect(inside).toEqual([{ id: fresh, name: 'uncommitted' }]);
        expect(again).toEqual([{ id: id(0), name: 'entry 1' }]);
        // Each alone: a transaction's reads are not gathered.
        expect(statements).toHaveLength(2);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await nameOf(db, fresh)).toEqual([]);
  });

  it('keeps the batches of two databases apart', async () => {
    const other = await PGlite.create();
    await other.exec(`create table entries (id uuid primary key, name text);
      insert into entries values ('${id(0)}', 'elsewhere');`);
    const otherDb = new Kysely<Schema>({ dialect: new PGliteDialect(other) });
    try {
      const [here, there] = await Promise.all([nameOf(db, id(0)), nameOf(otherDb, id(0))]);
      expect(here[0]?.name).toBe('entry 1');
      expect(there[0]?.name).toBe('elsewhere');
    } finally {
      await otherDb.destroy();
    }
  });
});
