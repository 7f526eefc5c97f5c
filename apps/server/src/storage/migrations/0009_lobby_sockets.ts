// A waiting-room entry is online while one of its `/ws/lobby` sockets is open: one row per open
// socket, deleted when it closes (a heartbeat only matters for an instance that died).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table lobby_sockets (
      id uuid primary key,
      entry_id uuid not null references lobby_entries (id) on delete cascade,
      opened_at timestamptz not null default now(),
      seen_at timestamptz not null default now()
    );
    create index lobby_sockets_entry on lobby_sockets (entry_id, seen_at);
    create index lobby_sockets_seen on lobby_sockets (seen_at);
  `.execute(db);
}
