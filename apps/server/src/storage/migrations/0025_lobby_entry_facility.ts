// A waiting-room entry carries its facility. The wait estimate reads the facility's latest
// admissions on every hello and every line change; reached through the facility's visits, that
// read grew with the visits (2,550 of them hashed per read at 10,000 waiting). With the facility
// on the entry and an index on it, it reads the twenty rows it needs. Entries only ever move
// between visits of one facility, so the column never changes after the knock.
//
// During a rolling deploy an instance still on the previous version inserts entries without the
// column: a trigger fills it from the visit whenever an insert leaves it out, so those knocks
// succeed and their entries count like any other.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table lobby_entries add column facility_id uuid references facilities (id)`.execute(
    db,
  );
  await sql`
    update lobby_entries set facility_id = rooms.facility_id
    from rooms where rooms.id = lobby_entries.room_id
  `.execute(db);
  await sql`
    create function lobby_entry_facility() returns trigger language plpgsql as $$
    begin
      if new.facility_id is null then
        select rooms.facility_id into new.facility_id from rooms where rooms.id = new.room_id;
      end if;
      return new;
    end
    $$
  `.execute(db);
  await sql`
    create trigger lobby_entries_facility before insert on lobby_entries
    for each row execute function lobby_entry_facility()
  `.execute(db);
  await sql`alter table lobby_entries alter column facility_id set not null`.execute(db);
  await sql`
    create index lobby_entries_facility_admitted on lobby_entries (facility_id, decided_at desc)
    where status = 'admitted'
  `.execute(db);
}
