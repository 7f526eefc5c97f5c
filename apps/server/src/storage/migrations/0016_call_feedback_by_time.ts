// An operator's report over every facility reads call feedback by time alone: index it as call
// records already are, so that query reads only the range asked for.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index call_feedback_created on call_feedback (created_at)`.execute(db);
}
