// Provider names are declared once, in code (`PROVIDER_TYPES` in packages/contracts), and every
// write goes through the typed storage layer. The check constraints that repeated the list in SQL
// would make adding a provider a schema change, so they go.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table rooms drop constraint if exists rooms_provider_check`.execute(db);
  await sql`alter table participants drop constraint if exists participants_provider_check`.execute(
    db,
  );
  await sql`
    alter table facility_provider_settings
      drop constraint if exists facility_provider_settings_override_check
  `.execute(db);
}
