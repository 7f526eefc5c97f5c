// The waiting room talks both ways: every message between staff and a waiting visitor is a row
// (a reload or a restart keeps the thread, and every instance reads the same one), and each
// facility may keep its own canned messages (no row: the defaults). The index on admitted entries
// by decision time serves the estimated wait, which reads a facility's latest admissions.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table lobby_messages (
      id uuid primary key,
      entry_id uuid not null references lobby_entries (id) on delete cascade,
      sender text not null check (sender in ('staff', 'visitor')),
      staff_id uuid references staff (id),
      author text not null,
      body text not null,
      created_at timestamptz not null default now()
    );
    create index lobby_messages_entry on lobby_messages (entry_id, created_at);
    create table facility_canned_messages (
      facility_id uuid primary key references facilities (id) on delete cascade,
      messages jsonb not null,
      updated_by uuid references staff (id),
      updated_at timestamptz not null default now()
    );
    create index lobby_entries_admitted on lobby_entries (decided_at) where status = 'admitted';
  `.execute(db);
}
