// The default switch: the default provider an operator set at run time (null follows
// PROVIDER_TYPE), and an index for the stability criteria, which count a window of joins.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table rollout_settings
      add column default_provider text check (default_provider in ('p2p', 'livekit'));
    create index participants_provider_issued on participants (provider, issued_at);
  `.execute(db);
}
