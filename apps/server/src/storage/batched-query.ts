// Reads by key on a hot path, gathered: the keys asked for in one turn of the event loop are read
// by one statement (a compiled query, compiled-query.ts, given the keys as an array), and each
// caller gets the rows of its own key. Under load many requests arrive in one turn: a burst of
// joins costs a few statements instead of one each, and each statement a round trip, a parse of
// its row description and a write to the database's socket. A lone request waits for nothing but
// the end of the turn it arrived in.
import type { Compilable, Kysely } from 'kysely';
import { compiledQuery } from './compiled-query.ts';

/** Keys per statement at most; more in one turn go in further statements. */
const MAX_KEYS = 100;

interface Waiter<R> {
  resolve: (rows: R[]) => void;
  reject: (error: unknown) => void;
}

interface Batch<R> {
  waiters: Map<string, Waiter<R>[]>;
}

/**
 * A read by key built once by `build` from a marker standing for the array of keys (`= any(keys)`,
 * or `unnest(keys)` to look each key up by itself), run for the keys asked for in one turn
 * together: `read(db, key)` resolves to the rows whose `keyOf` is `key` (callers of one key share
 * them: read only). When a statement for several keys fails, each key is read alone, so one bad
 * key fails only its own caller. On a transaction each read runs alone, at once.
 */
export function batchedQuery<DB, R>(
  build: (db: Kysely<DB>, keys: readonly string[]) => Compilable<R>,
  keyOf: (row: R) => string,
): (db: Kysely<DB>, key: string) => Promise<R[]> {
  const query = compiledQuery(build);
  // One open batch per database: tests and tools run several in one process.
  const open = new WeakMap<Kysely<DB>, Batch<R>>();

  const settle = (waiters: Waiter<R>[] | undefined, rows: R[]) => {
    for (const waiter of waiters ?? []) waiter.resolve(rows);
  };

  const runAlone = async (db: Kysely<DB>, key: string, waiters: Waiter<R>[]) => {
    try {
      settle(waiters, (await query(db, [key])).rows);
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error);
    }
  };

  const run = async (db: Kysely<DB>, batch: Batch<R>) => {
    const keys = [...batch.waiters.keys()];
    try {
      const { rows } = await query(db, keys);
      const byKey = new Map<string, R[]>();
      for (const row of rows) {
        const key = keyOf(row);
        const list = byKey.get(key);
        if (list) list.push(row);
        else byKey.set(key, [row]);
      }
      for (const [key, waiters] of batch.waiters) settle(waiters, byKey.get(key) ?? []);
    } catch (error) {
      if (keys.length === 1) {
        for (const waiter of batch.waiters.get(keys[0] as string) ?? []) waiter.reject(error);
        return;
      }
      await Promise.all([...batch.waiters].map(([key, waiters]) => runAlone(db, key, waiters)));
    }
  };

  return (db, key) => {
    // A transaction's reads must see its own writes and run on its connection: never gathered.
    if (db.isTransaction) return query(db, [key]).then(({ rows }) => rows);
    return new Promise<R[]>((resolve, reject) => {
      let batch = open.get(db);
      if (!batch) {
        const fresh: Batch<R> = { waiters: new Map() };
        open.set(db, fresh);
        // After the turn's I/O callbacks: every request that arrived in it has asked by then.
        setImmediate(() => {
          if (open.get(db) === fresh) open.delete(db);
          void run(db, fresh);
        });
        batch = fresh;
      }
      const waiters = batch.waiters.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else batch.waiters.set(key, [{ resolve, reject }]);
      // A full batch takes no more keys; the next key opens another.
      if (batch.waiters.size >= MAX_KEYS) open.delete(db);
    });
  };
}
