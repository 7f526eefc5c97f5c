// Moving a waiting visitor to another open visit of the same facility. The entry keeps its id,
// its secret and its knock time: the visitor's page follows without knocking again (its push
// channel is the entry's own topic, so one "changed" signal makes it read where it now waits),
// and its place in the new line is by that original knock time among the people waiting there
// ("keeps its place": docs/architecture.md, The waiting room). Staff pages of the facility see
// the entry under its new visit; the people behind it in both lines hear their new places.
import type { LobbyEntry, StaffMember } from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import { publishLines } from './line.ts';
import { loadEntry, publishEntry, toEntry } from './lobby.ts';

type TransferDeps = Pick<Services, 'db' | 'bus'>;

/** Checks a move before making it; the reasons are the API's answers. */
async function checkedMove(
  deps: TransferDeps,
  staff: StaffMember,
  entryId: string,
  toVisitId: string,
) {
  const entry = await loadEntry(deps, entryId);
  if (!entry || !staff.facilityIds.includes(entry.facility_id)) throw notFound('Waiting visitor');
  if (entry.status !== 'waiting') {
    throw new AppError(
      'CONFLICT',
      `${entry.display_name} is no longer waiting (${entry.status}), so they cannot be moved.`,
      { reason: 'not_waiting', status: entry.status },
    );
  }
  const target = await deps.db
    .selectFrom('rooms')
    .select(['id', 'facility_id', 'title', 'status'])
    .where('id', '=', toVisitId)
    .executeTakeFirst();
  if (!target || !staff.facilityIds.includes(target.facility_id)) throw notFound('Visit');
  if (target.facility_id !== entry.facility_id) {
    throw new AppError(
      'FORBIDDEN',
      'A visitor can only be moved to another visit of the same facility.',
      { reason: 'other_facility' },
    );
  }
  if (target.status === 'ended') {
    throw new AppError('GONE', `“${target.title}” has ended; choose an open visit.`, {
      reason: 'visit_ended',
    });
  }
  if (target.id === entry.room_id) {
    throw new AppError('CONFLICT', `${entry.display_name} is already waiting for this visit.`, {
      reason: 'same_visit',
    });
  }
  return { entry, target };
}

/** Staff move a waiting visitor to another open visit of the same facility. */
export async function transferEntry(
  deps: TransferDeps,
  staff: StaffMember,
  entryId: string,
  toVisitId: string,
): Promise<LobbyEntry> {
  const { entry, target } = await checkedMove(deps, staff, entryId, toVisitId);
  const moved = await deps.db.transaction().execute(async (tx) => {
    // Only a still-waiting entry of the visit checked above moves: an admit, a cancel or
    // another move since then wins, and this one is refused.
    const row = await tx
      .updateTable('lobby_entries')
      .set({ room_id: target.id, moved_at: new Date(), moved_from_room_id: entry.room_id })
      .where('id', '=', entryId)
      .where('room_id', '=', entry.room_id)
      .where('status', '=', 'waiting')
      .returningAll()
      .executeTakeFirst();
    if (!row) return undefined;
    // The target may have ended meanwhile; the move is then undone with the transaction.
    const open = await tx
      .selectFrom('rooms')
      .select('id')
      .where('id', '=', target.id)
      .where('status', '!=', 'ended')
      .executeTakeFirst();
    if (!open) throw new AppError('GONE', `“${target.title}” has ended; choose an open visit.`);
    await recordAudit(
      { db: tx },
      {
        actor: staff,
        action: 'lobby.transfer',
        targetType: 'lobby_entry',
        targetId: entryId,
        facilityId: entry.facility_id,
        details: {
          fromVisitId: entry.room_id,
          toVisitId: target.id,
          displayName: entry.display_name,
        },
      },
    );
    return row;
  });
  if (!moved) {
    throw new AppError(
      'CONFLICT',
      `${entry.display_name} is no longer waiting, so they cannot be moved.`,
      {
        reason: 'not_waiting',
      },
    );
  }
  const result = toEntry({ ...moved, online: entry.online }, target.title);
  // Staff pages and the visitor's own page (which re-reads its entry, now under the new visit);
  // then both lines, read in one statement: those behind move up in one, back in the other.
  await publishEntry(deps, entry.facility_id, result);
  await publishLines(deps, [entry.room_id, target.id]);
  return result;
}
