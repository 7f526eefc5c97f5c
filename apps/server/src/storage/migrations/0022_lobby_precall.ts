// A waiting visitor's pre-call check result (camera, microphone, speaker, network), kept on their
// entry so staff see it beside "Let in". Validated and bounded by the API before it is stored.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table lobby_entries add column precall jsonb`.execute(db);
}
