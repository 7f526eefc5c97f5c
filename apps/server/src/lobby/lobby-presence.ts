// Whether a visitor's page is there: an entry is online while one of its `/ws/lobby` sockets is
// open. Each socket is a row, added after its hello and deleted when it closes, so presence is
// right across server instances and ends the moment the last socket goes. Heartbeats refresh a
// row only so that the sockets of an instance that died without closing them stop counting.
import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder } from 'kysely';
import type { Services } from '../services.ts';
import type { Database } from '../storage/tables.ts';

/** How often an open socket's row is refreshed. */
export const SOCKET_HEARTBEAT_MS = 20_000;
/** A socket row not refreshed for this long belongs to an instance that died: it is gone. */
export const SOCKET_STALE_MS = 45_000;

/** `online` for a query over lobby_entries: whether the entry has a live socket at `now`. */
export function onlineColumn(eb: ExpressionBuilder<Database, 'lobby_entries'>, now = Date.now()) {
  return eb
    .exists(
      eb
        .selectFrom('lobby_sockets')
        .select('lobby_sockets.id')
        .whereRef('lobby_sockets.entry_id', '=', 'lobby_entries.id')
        .where('lobby_sockets.seen_at', '>', new Date(now - SOCKET_STALE_MS)),
    )
    .as('online');
}

async function liveSockets(deps: Pick<Services, 'db'>, entryId: string): Promise<number> {
  const row = await deps.db
    .selectFrom('lobby_sockets')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('entry_id', '=', entryId)
    .where('seen_at', '>', new Date(Date.now() - SOCKET_STALE_MS))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records an open socket of an entry; `cameOnline` when it is the entry's only live one. */
export async function socketOpened(
  deps: Pick<Services, 'db'>,
  entryId: string,
): Promise<{ socketId: string; cameOnline: boolean }> {
  const socketId = randomUUID();
  await deps.db.insertInto('lobby_sockets').values({ id: socketId, entry_id: entryId }).execute();
  return { socketId, cameOnline: (await liveSockets(deps, entryId)) === 1 };
}

/** Keeps an open socket's row fresh, and the entry's "last there" with it. */
export async function socketAlive(
  deps: Pick<Services, 'db'>,
  entryId: string,
  socketId: string,
): Promise<void> {
  const now = new Date();
  await deps.db
    .updateTable('lobby_sockets')
    .set({ seen_at: now })
    .where('id', '=', socketId)
    .execute();
  // Should this instance die, the entry then expires 60 s after this, not after its knock.
  await deps.db
    .updateTable('lobby_entries')
    .set({ last_seen_at: now })
    .where('id', '=', entryId)
    .execute();
}

/**
 * Forgets a closed socket and marks when the page was last there (expiry counts from then);
 * `wentOffline` when no live socket of the entry is left.
 */
export async function socketClosed(
  deps: Pick<Services, 'db'>,
  entryId: string,
  socketId: string,
): Promise<{ wentOffline: boolean }> {
  await deps.db.deleteFrom('lobby_sockets').where('id', '=', socketId).execute();
  await deps.db
    .updateTable('lobby_entries')
    .set({ last_seen_at: new Date() })
    .where('id', '=', entryId)
    .execute();
  return { wentOffline: (await liveSockets(deps, entryId)) === 0 };
}

/** Deletes the rows of sockets whose instance stopped refreshing them; returns how many. */
export async function forgetStaleSockets(
  deps: Pick<Services, 'db'>,
  now = Date.now(),
): Promise<number> {
  const rows = await deps.db
    .deleteFrom('lobby_sockets')
    .where('seen_at', '<=', new Date(now - SOCKET_STALE_MS))
    .returning('id')
    .execute();
  return rows.length;
}
