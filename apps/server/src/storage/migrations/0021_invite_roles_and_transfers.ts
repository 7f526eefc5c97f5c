// A person added to a call: their invite's role (interpreter, relative, colleague) and whether they
// are let in on arrival. A waiting entry moved to another visit: when, and from which visit, so
// the visitor's page can say where they now wait. Existing rows are ordinary visitors' links and
// entries that never moved.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table invites
      add column role text check (role in ('interpreter', 'relative', 'colleague'));
    alter table invites
      add column admit_on_arrival boolean not null default false;
    alter table lobby_entries
      add column moved_at timestamptz;
    alter table lobby_entries
      add column moved_from_room_id uuid references rooms (id) on delete set null;
  `.execute(db);
}
