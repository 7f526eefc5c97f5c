// The embedded database's autovacuum. PGlite is PostgreSQL in one process with one connection and
// no background workers: nothing vacuums or analyzes its tables. Rows updated all day (entries'
// last_seen_at, p2p members' heartbeats, the presence heartbeat) leave dead versions behind, and
// the planner never learns how large a table has grown, so an embedded deployment that runs for
// months would slow down as it fills. This job does what PostgreSQL's autovacuum does, with its
// default thresholds, one table per statement so requests interleave between tables. A server on
// PostgreSQL (DATABASE_URL) has autovacuum and does not run it.
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import { startIntervalJob } from '../jobs/interval-job.ts';
import type { DatabaseHandle, Db } from './db.ts';

/** PostgreSQL's defaults: autovacuum_vacuum_threshold / _scale_factor, and the analyze ones. */
const VACUUM_THRESHOLD = 50;
const VACUUM_SCALE = 0.2;
const ANALYZE_THRESHOLD = 50;
const ANALYZE_SCALE = 0.1;
/** PostgreSQL's autovacuum_naptime: how often tables are looked at. */
const EVERY_MS = 60_000;

/** A table's work for one pass: `vacuum (analyze)` or `analyze` alone. */
export interface Maintained {
  table: string;
  vacuumed: boolean;
}

/**
 * Vacuums the tables with more dead rows than autovacuum would allow and analyzes those changed
 * more than it would allow (or never analyzed); returns what it did.
 */
export async function maintainTables(db: Db): Promise<Maintained[]> {
  const { rows } = await sql<{
    relname: string;
    live: number;
    dead: number;
    modified: number;
    analyzed: boolean;
  }>`
    select relname, n_live_tup::float8 as live, n_dead_tup::float8 as dead,
      n_mod_since_analyze::float8 as modified,
      (last_analyze is not null or last_autoanalyze is not null) as analyzed
    from pg_stat_user_tables where schemaname = 'public'
    order by relname
  `.execute(db);
  const done: Maintained[] = [];
  for (const row of rows) {
    const vacuum = row.dead > VACUUM_THRESHOLD + VACUUM_SCALE * row.live;
    const analyze =
      row.modified > ANALYZE_THRESHOLD + ANALYZE_SCALE * row.live ||
      (!row.analyzed && row.live > 0);
    if (!vacuum && !analyze) continue;
    // The name comes from the catalog, quoted as an identifier.
    const table = sql.id(row.relname);
    if (vacuum) await sql`vacuum (analyze) ${table}`.execute(db);
    else await sql`analyze ${table}`.execute(db);
    done.push({ table: row.relname, vacuumed: vacuum });
  }
  return done;
}

/** Starts the job on the embedded database (nothing to do on PostgreSQL); returns its stop. */
export function startEmbeddedMaintenance(
  database: Pick<DatabaseHandle, 'db' | 'kind'>,
  log: FastifyBaseLogger,
  everyMs = EVERY_MS,
): () => void {
  if (database.kind !== 'pglite') return () => undefined;
  return startIntervalJob({
    everyMs,
    run: async () => {
      const done = await maintainTables(database.db);
      if (done.length > 0)
        log.debug(
          { vacuumed: done.filter((d) => d.vacuumed).map((d) => d.table), tables: done.length },
          'embedded database maintained',
        );
    },
    onError: (error) => log.error({ err: error }, 'embedded database maintenance failed'),
  });
}
