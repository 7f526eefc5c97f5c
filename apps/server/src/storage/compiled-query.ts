// Queries on a hot path, built and compiled by Kysely once and then only given their values.
// Building a query (its operation tree, frozen node by node) and compiling it to SQL cost more
// than running it prepared on the embedded database; the SQL text is the same every time, so the
// database keeps it prepared: the embedded database prepares every statement with parameters, and
// on PostgreSQL these queries run as named prepared statements (pg-prepared.ts), which spares
// the server parsing and planning them on every request.
import {
  createQueryId,
  type CompiledQuery,
  type Compilable,
  type Kysely,
  type QueryResult,
} from 'kysely';

const MARK = '\u0000openconnect-input:';

/** The prepared statement name of each compiled query's SQL text. */
const names = new Map<string, string>();

/** The name a compiled query's SQL runs under as a prepared statement; undefined for others. */
export const preparedName = (text: string): string | undefined => names.get(text);

/** The inputs `build` is given: markers that stand for the values of each run. */
type Markers<A extends readonly unknown[]> = { [K in keyof A]: A[K] };

/**
 * A query built once by `build` from markers of its inputs, and run with values:
 * `query(db, ...values)`, on the database or a transaction. `build` must use its inputs only as
 * values of the query (a marker is a string, whatever the input's type), never to decide its shape.
 * The SQL is compiled with the first database it runs on: both of ours (embedded and PostgreSQL)
 * compile PostgreSQL's dialect, without plugins.
 */
export function compiledQuery<DB, A extends readonly unknown[], R>(
  build: (db: Kysely<DB>, ...inputs: Markers<A>) => Compilable<R>,
): (db: Kysely<DB>, ...values: A) => Promise<QueryResult<R>> {
  let compiled: { query: CompiledQuery<R>; slots: (number | null)[] } | undefined;
  return async (db, ...values) => {
    if (!compiled) {
      const markers = values.map((_, i) => `${MARK}${i}`) as unknown as Markers<A>;
      const query = build(db, ...markers).compile();
      // Each parameter is either an input (its index) or a constant of the query (null).
      const slots = query.parameters.map((p) =>
        typeof p === 'string' && p.startsWith(MARK) ? Number(p.slice(MARK.length)) : null,
      );
      compiled = { query, slots };
      if (!names.has(query.sql)) names.set(query.sql, `openconnect_${names.size + 1}`);
    }
    const { query, slots } = compiled;
    const parameters = slots.map((slot, i) => (slot === null ? query.parameters[i] : values[slot]));
    // A query id of its own per run: plugins keep per-run state by it.
    return db.executeQuery<R>({ ...query, parameters, queryId: createQueryId() });
  };
}
