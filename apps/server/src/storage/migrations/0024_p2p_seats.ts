// p2p credentials stop writing a row per token: each person given credentials in a room has one
// seat (its reservation until they connect, and a generation that a removal raises, revoking every
// token issued before it), so credentials issued again to someone holding a seat write nothing.
// Tokens issued before this migration carry no generation and count as generation 0: a person
// with a live token keeps generation 0, a person whose every token was revoked starts at 1.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table p2p_seats (
      room_id text not null,
      identity text not null,
      generation integer not null default 0,
      reserved_until timestamptz,
      primary key (room_id, identity)
    )
  `.execute(db);
  await sql`
    insert into p2p_seats (room_id, identity, generation, reserved_until)
    select room_id, identity,
      case when bool_and(revoked_at is not null) then 1 else 0 end,
      max(reserved_until) filter (where revoked_at is null)
    from p2p_tokens
    group by room_id, identity
  `.execute(db);
  // Members connected longer than their tokens lived had no token row left: give them a seat.
  await sql`
    insert into p2p_seats (room_id, identity)
    select room_id, identity from p2p_members
    on conflict (room_id, identity) do nothing
  `.execute(db);
  await sql`drop table p2p_tokens`.execute(db);
}
