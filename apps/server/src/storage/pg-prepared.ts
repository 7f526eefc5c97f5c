// The PostgreSQL pool as Kysely uses it, with the hot path's compiled queries (compiled-query.ts)
// run as named prepared statements: node-postgres parses each once per connection and then only
// binds and executes it, and PostgreSQL keeps its plan. A migration that changes a table such a
// statement reads makes it stale on the connections that prepared it (a rolling deploy: another
// instance migrated): the query is answered unprepared and the connection is closed when released,
// so the next one prepares it afresh; inside a transaction the error stands, as any would.
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { preparedName } from './compiled-query.ts';

/** SQLSTATEs of a prepared statement that no longer fits the schema, or is gone. */
const STALE_STATEMENT = new Set(['0A000', '26000']);

/** Kysely's view of `pool`, preparing the compiled queries. */
export function preparingPool(pool: pg.Pool): PostgresPool {
  // Kysely keeps a connection per client object: the same wrapper for the same client.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    connect: async () => {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = preparing(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

function preparing(client: pg.PoolClient): PostgresPoolClient {
  let inTransaction = false;
  let stale = false;
  const run = async (text: string, parameters: readonly unknown[]) => {
    if (/^\s*(begin|start transaction)\b/i.test(text)) inTransaction = true;
    else if (/^\s*(commit|rollback|end)\s*$/i.test(text)) inTransaction = false;
    const values = [...parameters];
    const name = values.length > 0 ? preparedName(text) : undefined;
    if (!name) return client.query(text, values);
    try {
      return await client.query({ name, text, values });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !STALE_STATEMENT.has(code)) throw error;
      stale = true;
      if (inTransaction) throw error;
      return client.query(text, values);
    }
  };
  return {
    // Kysely's cursors (streaming) pass through; statements with text go through `run`.
    query: ((query: unknown, parameters?: readonly unknown[]) =>
      typeof query === 'string'
        ? run(query, parameters ?? [])
        : client.query(query as pg.Submittable)) as unknown as PostgresPoolClient['query'],
    release: (destroy?: boolean) => client.release(destroy || stale ? true : undefined),
  };
}
