// Whether a visitor's page is there, kept by the server instances in the database: an entry is
// online while a live instance has a presence row for it (one of its `/ws/lobby` sockets is open
// there). Each instance keeps its sockets in memory (push/presence-tracker.ts) and writes only
// when an entry of its own comes or goes, in one statement per batch, plus one heartbeat row of
// its own per interval. An instance that dies stops its heartbeat: its rows stop counting once
// the heartbeat is stale, and its entries expire a minute after its last heartbeat.
import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Services } from '../services.ts';
import type { Database, LobbyEntryRow } from '../storage/tables.ts';

/** How often an instance holding sockets refreshes its heartbeat row. */
export const PRESENCE_HEARTBEAT_MS = 20_000;
/** An instance whose heartbeat is older than this died: its presence rows are gone. */
export const INSTANCE_STALE_MS = 45_000;
/** An instance dead this long has had its entries expired already: its rows are deleted. */
const FORGET_INSTANCE_MS = 10 * 60_000;

/** Whether a presence row of the entry belongs to an instance heard from after `since`. */
function presentSince(eb: ExpressionBuilder<Database, 'lobby_entries'>, since: number) {
  return eb.exists(
    eb
      .selectFrom('lobby_presence')
      .innerJoin('lobby_instances', 'lobby_instances.id', 'lobby_presence.instance_id')
      .select('lobby_presence.entry_id')
      .whereRef('lobby_presence.entry_id', '=', 'lobby_entries.id')
      .where('lobby_instances.seen_at', '>', new Date(since)),
  );
}

/** `online` for a query over lobby_entries: whether the entry has a live socket at `now`. */
export function onlineColumn(eb: ExpressionBuilder<Database, 'lobby_entries'>, now = Date.now()) {
  return presentSince(eb, now - INSTANCE_STALE_MS).as('online');
}

/**
 * Whether an entry had a socket after `since`: on a live instance, or on one whose last
 * heartbeat came after `since` (it died then, and the socket with it).
 */
export const wasPresentSince = (eb: ExpressionBuilder<Database, 'lobby_entries'>, since: number) =>
  presentSince(eb, since);

/** Deletes the rows of instances dead for long (their entries expired meanwhile). */
export async function forgetDeadInstances(
  deps: Pick<Services, 'db'>,
  now = Date.now(),
): Promise<void> {
  await deps.db
    .deleteFrom('lobby_instances')
    .where('seen_at', '<', new Date(now - FORGET_INSTANCE_MS))
    .execute();
}

/** An entry whose online state an instance changed, as staff pages show it. */
export type PresenceChange = LobbyEntryRow & {
  visit_title: string;
  online: SqlBool;
};

/**
 * One instance's presence write, one statement whatever its size: refreshes the instance's
 * heartbeat, adds the entries that came online on it, removes those that went, marks both as
 * "last there" now (expiry counts from then), and returns the changed entries with whether they
 * are online anywhere (another instance may still hold one).
 */
export async function writePresence(
  deps: Pick<Services, 'db'>,
  instanceId: string,
  came: readonly string[],
  went: readonly string[],
  now = Date.now(),
): Promise<PresenceChange[]> {
  const at = new Date(now);
  const stale = new Date(now - INSTANCE_STALE_MS);
  const cameIds = sql`${[...came]}::uuid[]`;
  const wentIds = sql`${[...went]}::uuid[]`;
  const result = await sql<PresenceChange>`
    with beat as (
      insert into lobby_instances (id, seen_at) values (${instanceId}, ${at})
      on conflict (id) do update set seen_at = excluded.seen_at
    ), added as (
      insert into lobby_presence (instance_id, entry_id)
      select ${instanceId}, e.id from lobby_entries e where e.id = any(${cameIds})
      on conflict do nothing
    ), removed as (
      delete from lobby_presence where instance_id = ${instanceId} and entry_id = any(${wentIds})
    ), seen as (
      update lobby_entries set last_seen_at = ${at}
      where id = any(${cameIds}) or id = any(${wentIds})
    )
    select e.*, r.title as visit_title,
      (e.id = any(${cameIds}) or exists (
        select 1 from lobby_presence p join lobby_instances i on i.id = p.instance_id
        where p.entry_id = e.id and p.instance_id <> ${instanceId} and i.seen_at > ${stale}
      )) as online
    from lobby_entries e join rooms r on r.id = e.room_id
    where e.id = any(${cameIds}) or e.id = any(${wentIds})
  `.execute(deps.db);
  return result.rows;
}

/** An instance's heartbeat alone (nothing came or went): one statement. */
export async function presenceHeartbeat(
  deps: Pick<Services, 'db'>,
  instanceId: string,
  now = Date.now(),
): Promise<void> {
  await deps.db
    .insertInto('lobby_instances')
    .values({ id: instanceId, seen_at: new Date(now) })
    .onConflict((oc) => oc.column('id').doUpdateSet({ seen_at: new Date(now) }))
    .execute();
}

/**
 * An instance stops (its sockets close with it): its rows go, and its entries were last there
 * now, so they expire a minute from now unless a page reconnects elsewhere.
 */
export async function presenceEnded(
  deps: Pick<Services, 'db'>,
  instanceId: string,
  entries: readonly string[],
  now = Date.now(),
): Promise<void> {
  await sql`
    with gone as (delete from lobby_instances where id = ${instanceId})
    update lobby_entries set last_seen_at = ${new Date(now)}
    where id = any(${sql`${[...entries]}::uuid[]`})
  `.execute(deps.db);
}
