// Waiting-room presence kept per server instance: each instance holds its sockets in memory and
// writes only when an entry of it comes or goes (one batched statement) and, every heartbeat, one
// row of its own. An entry is online while a live instance has a presence row for it; the rows of
// an instance that died count until its heartbeat goes stale. Replaces one row per socket.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table lobby_sockets;
    create table lobby_instances (
      id uuid primary key,
      seen_at timestamptz not null default now()
    );
    create table lobby_presence (
      instance_id uuid not null references lobby_instances (id) on delete cascade,
      entry_id uuid not null references lobby_entries (id) on delete cascade,
      primary key (entry_id, instance_id)
    );
    create index lobby_presence_instance on lobby_presence (instance_id);
  `.execute(db);
}
