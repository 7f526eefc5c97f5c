// A visit's line of waiting visitors, read once and handed out as data. When someone leaves a
// line (admitted, turned away, gone, expired, moved) the line is read in one statement and
// published; every waiting page works out its own place and estimate from it, without a read of
// its own. A page's own entry is read in one statement too: who it is, its state, its place and
// what its estimate is drawn from.
import { topics, type LineChanged, type LobbyState } from '@openconnect/contracts';
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Services } from '../services.ts';
import type { LobbyEntryRow, RoomRow } from '../storage/tables.ts';
import { onlineColumn } from './lobby-presence.ts';
import { estimateWait, HISTORY_WINDOW_MS, RECENT_ADMISSIONS } from './wait-estimate.ts';

/** A timestamp as microseconds since the epoch: exact in a double, and ordered as the database orders. */
const micros = (at: Expression<Date> | RawBuilder<Date>) =>
  sql<number>`(extract(epoch from ${at}) * 1000000)::float8`;

/**
 * How long the latest admitted visitors of a facility waited, in ms, newest first (what the
 * estimate is drawn from): the twenty newest rows of one index, however many visits it has.
 */
function recentWaitsOf(facilityId: Expression<string>, now: number) {
  return sql<number[]>`coalesce((
    select array_agg(recent.waited) from (
      select greatest(0, extract(epoch from (w.decided_at - w.created_at)) * 1000)::float8 as waited
      from lobby_entries w
      where w.facility_id = ${facilityId}
        and w.status = 'admitted'
        and w.decided_at > ${new Date(now - HISTORY_WINDOW_MS)}
      order by w.decided_at desc
      limit ${RECENT_ADMISSIONS}
    ) recent
  ), '{}')`;
}

/** The waiting line of `visitId` as knock times (µs), oldest first. */
function lineOf(visitId: Expression<string>) {
  return sql<number[]>`coalesce((
    select array_agg(${micros(sql.ref('l.created_at'))} order by l.created_at)
    from lobby_entries l
    where l.room_id = ${visitId} and l.status = 'waiting'
  ), '{}')`;
}

/** An entry as its own page needs it, read in one statement. */
export type EntryState = LobbyEntryRow & {
  visit_title: string;
  visit_status: RoomRow['status'];
  scheduled_end: Date | null;
  visit_provider: RoomRow['provider'];
  online: SqlBool;
  /** Waiting entries of the visit that knocked earlier. */
  ahead: number;
  recent_waits: number[];
  /** When this was read, and when the entry knocked, in µs (compare with LineChanged). */
  read_at: number;
  created_us: number;
};

/** Reads an entry with its state, its place in line and its estimate's input: one statement. */
export async function readEntryState(
  deps: Pick<Services, 'db'>,
  entryId: string,
  now = Date.now(),
): Promise<EntryState | undefined> {
  const row = await deps.db
    .selectFrom('lobby_entries')
    .innerJoin('rooms', 'rooms.id', 'lobby_entries.room_id')
    .selectAll('lobby_entries')
    .select([
      'rooms.title as visit_title',
      'rooms.status as visit_status',
      'rooms.scheduled_end',
      'rooms.provider as visit_provider',
    ])
    .select((eb) => onlineColumn(eb, now))
    .select((eb) =>
      eb
        .selectFrom('lobby_entries as a')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('a.room_id', '=', 'lobby_entries.room_id')
        .where('a.status', '=', 'waiting')
        .whereRef('a.created_at', '<', 'lobby_entries.created_at')
        .as('ahead'),
    )
    .select(recentWaitsOf(sql.ref('lobby_entries.facility_id'), now).as('recent_waits'))
    .select(micros(sql`statement_timestamp()`).as('read_at'))
    .select(micros(sql.ref('lobby_entries.created_at')).as('created_us'))
    .where('lobby_entries.id', '=', entryId)
    .executeTakeFirst();
  return row ? { ...row, ahead: Number(row.ahead), recent_waits: row.recent_waits } : undefined;
}

/** The visitor's view of an entry read by readEntryState. */
export function stateOf(row: EntryState, now = Date.now()): LobbyState {
  const position = row.status === 'waiting' ? row.ahead + 1 : null;
  return {
    entryId: row.id,
    status: row.status,
    position,
    waitingSince: row.created_at.toISOString(),
    reason: row.reason,
    // An admitted visitor's call counts down to the end, and follows extensions through this.
    ...(row.status === 'admitted' ? { endsAt: row.scheduled_end?.toISOString() ?? null } : {}),
    movedTo: row.moved_at ? row.visit_title : null,
    provider: row.visit_provider,
    estimate: position
      ? estimateWait({
          recentWaitsMs: row.recent_waits,
          position,
          waitedMs: Math.max(0, now - row.created_at.getTime()),
        })
      : null,
  };
}

/** Where a visitor who knocked at `createdUs` stands in `line` (1 = next); null when not in it. */
export function placeIn(line: readonly number[], createdUs: number): number | null {
  let low = 0;
  let high = line.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (line[mid]! < createdUs) low = mid + 1;
    else high = mid;
  }
  return line[low] === createdUs ? low + 1 : null;
}

/**
 * Reads the lines of `visitIds` in one statement and publishes each: the pages waiting in them
 * move up from it. Costs the same however many are waiting.
 */
export async function publishLines(
  deps: Pick<Services, 'db' | 'bus'>,
  visitIds: readonly string[],
  now = Date.now(),
): Promise<void> {
  const ids = [...new Set(visitIds)];
  if (ids.length === 0) return;
  const rows = await deps.db
    .selectFrom('rooms')
    .select('rooms.id')
    .select(micros(sql`statement_timestamp()`).as('at'))
    .select(lineOf(sql.ref('rooms.id')).as('line'))
    .select(recentWaitsOf(sql.ref('rooms.facility_id'), now).as('waits'))
    .where('rooms.id', 'in', ids)
    .execute();
  for (const row of rows) {
    const event: LineChanged = {
      type: 'line',
      visitId: row.id,
      at: row.at,
      line: row.line,
      waitsMs: row.waits,
    };
    await deps.bus.publish(topics.lines(), event);
  }
}
