// Facilities, staff and their sessions, visits (rooms), invites and the audit log.
import { sql, type Kysely } from 'kysely';

// Long by listing: the first schema, one statement per table.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table facilities (
      id uuid primary key,
      name text not null,
      timezone text not null default 'UTC',
      created_at timestamptz not null default now()
    );
    create table staff (
      id uuid primary key,
      email text not null,
      display_name text not null,
      password_hash text not null,
      role text not null check (role in ('admin', 'staff')),
      created_at timestamptz not null default now(),
      disabled_at timestamptz
    );
    create unique index staff_email_key on staff (lower(email));
    create table staff_facilities (
      staff_id uuid not null references staff (id) on delete cascade,
      facility_id uuid not null references facilities (id) on delete cascade,
      primary key (staff_id, facility_id)
    );
    create index staff_facilities_facility on staff_facilities (facility_id);
    create table sessions (
      id text primary key,
      staff_id uuid not null references staff (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_staff on sessions (staff_id);
    create table rooms (
      id uuid primary key,
      facility_id uuid not null references facilities (id),
      title text not null,
      status text not null check (status in ('scheduled', 'live', 'ended')),
      provider text check (provider in ('p2p', 'livekit')),
      scheduled_start timestamptz,
      scheduled_end timestamptz,
      created_by uuid not null references staff (id),
      created_at timestamptz not null default now(),
      started_at timestamptz,
      ended_at timestamptz
    );
    create index rooms_facility_created on rooms (facility_id, created_at desc);
    create table invites (
      id uuid primary key,
      room_id uuid not null references rooms (id),
      code text not null unique,
      expires_at timestamptz not null,
      revoked_at timestamptz,
      created_by uuid not null references staff (id),
      created_at timestamptz not null default now()
    );
    create index invites_room on invites (room_id);
    create table audit_events (
      id uuid primary key,
      actor_id uuid,
      actor_email text,
      action text not null,
      target_type text not null,
      target_id text,
      facility_id uuid,
      details jsonb not null default '{}',
      created_at timestamptz not null default now()
    );
    create index audit_events_facility_created on audit_events (facility_id, created_at desc);
    create index audit_events_created on audit_events (created_at desc);
  `.execute(db);
}
