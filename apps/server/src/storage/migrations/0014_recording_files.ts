// Recordings are kept, played and deleted from the console: a deleted recording keeps its row (who
// recorded what, and when, stays on record) with when, by whom and why its file went. Retention
// sweeps by end time, so that is indexed for the rows whose file is still kept.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table recordings add column deleted_at timestamptz;
    alter table recordings add column deleted_by uuid references staff (id) on delete set null;
    alter table recordings
      add column deleted_reason text check (deleted_reason in ('staff', 'retention'));
    create index recordings_kept_by_end on recordings (ended_at) where deleted_at is null;
  `.execute(db);
}
