// The p2p provider's signaling state moves from one process's memory to the database, so that
// several server instances serve one visit and a removal outlives a restart: rooms and their
// capacity, every token issued (its seat reservation and its revocation), and who is connected
// on which instance (refreshed by that instance's heartbeat, so a crashed instance's members lapse).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table p2p_rooms (
      room_id text primary key,
      max_participants integer not null,
      created_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`
    create table p2p_tokens (
      jti text primary key,
      room_id text not null,
      identity text not null,
      expires_at timestamptz not null,
      reserved_until timestamptz,
      revoked_at timestamptz
    )
  `.execute(db);
  await sql`create index p2p_tokens_room_identity on p2p_tokens (room_id, identity)`.execute(db);
  await sql`
    create table p2p_members (
      room_id text not null,
      identity text not null,
      session_id text not null,
      instance_id text not null,
      name text not null,
      role text not null,
      joined_at timestamptz not null,
      seen_at timestamptz not null,
      primary key (room_id, identity)
    )
  `.execute(db);
  await sql`create index p2p_members_instance on p2p_members (instance_id)`.execute(db);
}
