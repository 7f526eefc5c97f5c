// Participants of visits (sessions with provider identities, joined/left times) and server
// secrets generated once and shared by every instance on the same database.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table server_secrets (
      name text primary key,
      value text not null,
      created_at timestamptz not null default now()
    );
    create table participants (
      id uuid primary key,
      room_id uuid not null references rooms (id),
      identity text not null,
      display_name text not null,
      role text not null check (role in ('host', 'visitor')),
      provider text not null check (provider in ('p2p', 'livekit')),
      staff_id uuid references staff (id),
      issued_at timestamptz not null default now(),
      joined_at timestamptz,
      left_at timestamptz,
      left_reason text
    );
    create index participants_room on participants (room_id, issued_at desc);
    create index participants_room_identity on participants (room_id, identity);
  `.execute(db);
}
