// Reports: what participants said about a call (call_feedback), and one row per participant
// session with its timings and media path (call_records). Both carry the facility, the provider
// and the role copied from the visit and the session, so report queries read one table by
// (facility_id, time) and never join through rooms; indexes lead with the facility and the time
// so a report over a date range reads only that range, however long the history grows.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table call_feedback (
      id uuid primary key,
      room_id uuid not null references rooms (id),
      facility_id uuid not null references facilities (id),
      identity text not null,
      provider text not null check (provider in ('p2p', 'livekit')),
      role text not null check (role in ('host', 'visitor')),
      rating smallint check (rating between 1 and 5),
      could_not_hear boolean not null default false,
      could_not_see boolean not null default false,
      call_dropped boolean not null default false,
      hard_to_join boolean not null default false,
      comment text,
      created_at timestamptz not null default now(),
      unique (room_id, identity)
    );
    create index call_feedback_facility_created on call_feedback (facility_id, created_at);
    create table call_records (
      participant_id uuid primary key references participants (id) on delete cascade,
      room_id uuid not null references rooms (id),
      facility_id uuid not null references facilities (id),
      provider text not null check (provider in ('p2p', 'livekit')),
      role text not null check (role in ('host', 'visitor')),
      issued_at timestamptz not null,
      joined_at timestamptz,
      left_at timestamptz,
      left_reason text,
      duration_ms integer check (duration_ms >= 0),
      connect_ms integer check (connect_ms >= 0),
      first_frame_ms integer check (first_frame_ms >= 0),
      reconnects integer not null default 0 check (reconnects >= 0),
      drops integer not null default 0 check (drops >= 0),
      candidate_type text check (candidate_type in ('host', 'srflx', 'prflx', 'relay')),
      transport text check (transport in ('udp', 'tcp', 'tls'))
    );
    create index call_records_facility_issued on call_records (facility_id, issued_at);
    create index call_records_issued on call_records (issued_at);
    create index lobby_entries_decided on lobby_entries (decided_at) where status = 'admitted';
    create index rooms_started on rooms (started_at) where started_at is not null;
    create index rooms_facility_started on rooms (facility_id, started_at);
  `.execute(db);
}
