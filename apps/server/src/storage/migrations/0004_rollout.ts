// Rollout state: the operator's LiveKit switch and percentage (one row), each facility's
// provider override, and which staff are operators of the whole deployment.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table staff add column is_operator boolean not null default false;
    create table rollout_settings (
      id integer primary key check (id = 1),
      livekit_enabled boolean,
      livekit_percentage integer not null default 0 check (livekit_percentage between 0 and 100),
      updated_by uuid references staff (id),
      updated_at timestamptz not null default now()
    );
    insert into rollout_settings (id) values (1);
    create table facility_provider_settings (
      facility_id uuid primary key references facilities (id) on delete cascade,
      override text check (override in ('p2p', 'livekit')),
      updated_by uuid references staff (id),
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}
