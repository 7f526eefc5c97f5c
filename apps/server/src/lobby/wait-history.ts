// Reads what the estimated wait is drawn from: how long the facility's latest admitted visitors
// waited, knock to admission. The arithmetic is in wait-estimate.ts.
import type { WaitEstimate } from '@openconnect/contracts';
import type { Services } from '../services.ts';
import { estimateWait, HISTORY_WINDOW_MS, RECENT_ADMISSIONS } from './wait-estimate.ts';

/** How long each of the latest admissions of the visit's facility waited, in ms, newest first. */
export async function recentWaits(
  deps: Pick<Services, 'db'>,
  visitId: string,
  now = Date.now(),
): Promise<number[]> {
  const rows = await deps.db
    .selectFrom('lobby_entries')
    .innerJoin('rooms', 'rooms.id', 'lobby_entries.room_id')
    .select(['lobby_entries.created_at', 'lobby_entries.decided_at'])
    .where('lobby_entries.status', '=', 'admitted')
    .where('lobby_entries.decided_at', '>', new Date(now - HISTORY_WINDOW_MS))
    .where('rooms.facility_id', '=', (eb) =>
      eb.selectFrom('rooms').select('rooms.facility_id').where('rooms.id', '=', visitId),
    )
    .orderBy('lobby_entries.decided_at', 'desc')
    .limit(RECENT_ADMISSIONS)
    .execute();
  return rows.flatMap((r) =>
    r.decided_at ? [Math.max(0, r.decided_at.getTime() - r.created_at.getTime())] : [],
  );
}

/** The estimated wait of a visitor at `position` for `visitId`, waiting since `since`. */
export async function estimateFor(
  deps: Pick<Services, 'db'>,
  visitId: string,
  position: number,
  since: Date,
  now = Date.now(),
): Promise<WaitEstimate | null> {
  const recentWaitsMs = await recentWaits(deps, visitId, now);
  return estimateWait({ recentWaitsMs, position, waitedMs: Math.max(0, now - since.getTime()) });
}
