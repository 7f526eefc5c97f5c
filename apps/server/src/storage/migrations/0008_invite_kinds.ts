// Invites for one named person beside shared (family) links, and why a link was withdrawn, so a
// visitor who opens a withdrawn link is told what happened. Existing links stay shared.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table invites
      add column kind text not null default 'shared' check (kind in ('personal', 'shared'));
    alter table invites
      add column revoked_reason text
      check (revoked_reason in ('staff', 'holder_removed', 'withdrawn_on_removal'));
  `.execute(db);
}
