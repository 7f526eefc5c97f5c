import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { compiledQuery } from './compiled-query.ts';
import { PGliteDialect } from './pglite-dialect.ts';

interface Schema {
  visits: { id: number; facility: string; starts_at: Date; status: string };
}

let pg: PGlite;
let db: Kysely<Schema>;

// Starting the embedded database takes seconds on a busy machine.
beforeAll(async () => {
  pg = await PGlite.create();
  await pg.exec(`create table visits (id int primary key, facility text, starts_at timestamptz, status text);
    insert into visits values
      (1, 'north', '2026-12-07T09:00:00Z', 'live'),
      (2, 'north', '2026-12-07T11:00:00Z', 'live'),
      (3, 'south', '2026-12-07T11:00:00Z', 'live'),
      (4, 'north', '2026-12-07T12:00:00Z', 'ended');`);
  db = new Kysely<Schema>({ dialect: new PGliteDialect(pg) });
}, 60_000);

afterAll(async () => {
  await db.destroy();
});

describe('compiledQuery', () => {
  it('builds the query once and runs it with each call’s values beside its constants', async () => {
    const build = vi.fn((d: Kysely<Schema>, facility: string, after: Date) =>
      d
        .selectFrom('visits')
        .select('id')
        .where('facility', '=', facility)
        .where('starts_at', '>', after)
        // A constant of the query: stays whatever the inputs.
        .where('status', '=', 'live')
        // The same input twice.
        .where((eb) => eb.or([eb('facility', '=', facility), eb('facility', '=', 'nowhere')]))
        .orderBy('id'),
    );
    const liveAfter = compiledQuery(build);
    const ids = async (facility: string, after: string) =>
      (await liveAfter(db, facility, new Date(after))).rows.map((r) => r.id);
    expect(await ids('north', '2026-12-07T08:00:00Z')).toEqual([1, 2]);
    expect(await ids('north', '2026-12-07T10:00:00Z')).toEqual([2]);
    expect(await ids('south', '2026-12-07T08:00:00Z')).toEqual([3]);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('runs in a transaction, seeing its uncommitted writes', async () => {
    const statusOf = compiledQuery((d: Kysely<Schema>, id: number) =>
      d.selectFrom('visits').select('status').where('id', '=', id),
    );
    await db
      .transaction()
      .execute(async (tx) => {
        await tx.updateTable('visits').set({ status: 'ended' }).where('id', '=', 3).execute();
        expect((await statusOf(tx, 3)).rows).toEqual([{ status: 'ended' }]);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect((await statusOf(db, 3)).rows).toEqual([{ status: 'live' }]);
  });
});
