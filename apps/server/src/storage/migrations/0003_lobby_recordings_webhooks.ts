// The waiting room (lobby entries), recordings with consent, and received webhook ids for
// de-duplication.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table lobby_entries (
      id uuid primary key,
      room_id uuid not null references rooms (id),
      invite_id uuid not null references invites (id),
      display_name text not null,
      token_hash text not null,
      identity text not null unique,
      status text not null check (status in ('waiting', 'admitted', 'denied', 'cancelled', 'expired', 'removed')),
      reason text,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      decided_at timestamptz,
      decided_by uuid references staff (id)
    );
    create index lobby_entries_room_status on lobby_entries (room_id, status, created_at);
    create index lobby_entries_invite_created on lobby_entries (invite_id, created_at desc);
    create index lobby_entries_waiting on lobby_entries (status, last_seen_at) where status = 'waiting';
    create table recordings (
      id uuid primary key,
      room_id uuid not null references rooms (id),
      provider text not null,
      provider_recording_id text,
      status text not null check (status in ('starting', 'active', 'ended', 'failed')),
      started_by uuid not null references staff (id),
      consent_notice text not null,
      error text,
      location text,
      started_at timestamptz not null default now(),
      ended_at timestamptz,
      updated_at timestamptz not null default now()
    );
    create index recordings_room on recordings (room_id, started_at desc);
    create unique index recordings_provider_id on recordings (provider, provider_recording_id);
    create table webhook_events (
      id text primary key,
      provider text not null,
      event text not null,
      created_at timestamptz,
      received_at timestamptz not null default now()
    );
    create index webhook_events_received on webhook_events (received_at);
  `.execute(db);
}
