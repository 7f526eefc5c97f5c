// Consent to recording, per person: each participant's answer to the recording notice (or the
// advance notice, in facilities where recording waits for everyone), with when they were asked
// and when they answered; and the facility setting that makes recording wait for everyone.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table recording_consents (
      id uuid primary key,
      room_id uuid not null references rooms (id),
      -- null: the advance answer, for recordings of this visit not started yet.
      recording_id uuid references recordings (id),
      identity text not null,
      display_name text not null,
      role text not null check (role in ('host', 'visitor')),
      answer text not null check (answer in ('pending', 'understood', 'declined')),
      asked_at timestamptz not null default now(),
      answered_at timestamptz
    );
    create unique index recording_consents_person
      on recording_consents (room_id, coalesce(recording_id::text, ''), identity);
    create index recording_consents_recording on recording_consents (recording_id);
    create table facility_recording_settings (
      facility_id uuid primary key references facilities (id),
      requires_consent boolean not null default false,
      updated_by uuid references staff (id) on delete set null,
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}
