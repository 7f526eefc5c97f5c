// Scheduled visits: each facility says how long before a visit's start its waiting room opens and
// whether staff may extend a visit past its end; a visit keeps how many minutes it was extended
// by (its scheduled_end is the end in force). The end job finds visits due to end by an index
// that holds only open visits with an end.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table facilities
      add column waiting_room_opens_minutes integer not null default 15
        check (waiting_room_opens_minutes between 0 and 240),
      add column end_policy text not null default 'hard'
        check (end_policy in ('hard', 'extendable'));
    alter table rooms
      add column extended_minutes integer not null default 0 check (extended_minutes >= 0);
    create index rooms_open_scheduled_end on rooms (scheduled_end)
      where status <> 'ended' and scheduled_end is not null;
    create index rooms_facility_scheduled_start on rooms (facility_id, scheduled_start)
      where scheduled_start is not null;
  `.execute(db);
}
