// Where a waiting visitor may be moved: the facility's other visits that have not ended, the
// live ones first, then by title.
import type { LobbyEntry, Visit } from '@openconnect/contracts';

/** The open visits other than the entry's own, live first, then by title. */
export function transferTargets(entry: LobbyEntry, visits: readonly Visit[]): Visit[] {
  return visits
    .filter((v) => v.status !== 'ended' && v.id !== entry.visitId)
    .sort(
      (a, b) =>
        Number(b.status === 'live') - Number(a.status === 'live') || a.title.localeCompare(b.title),
    );
}
