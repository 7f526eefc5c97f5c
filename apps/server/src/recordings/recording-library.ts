// The recordings a facility keeps: listed with what staff need to find one (visit, who started
// it, how long, how big, whether it plays here), played and downloaded through an audited route,
// deleted by an administrator or by the retention setting. A deleted recording keeps its row, so
// the record of what was recorded, by whom and with what consent outlives the file.
import type {
  ListRecordingsQuery,
  Recording,
  RecordingSummary,
  StaffMember,
} from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { assertAdmin, assertFacilityAccess } from '../auth/access.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { publishToVisitFacility } from '../push/facility-events.ts';
import type { Services } from '../services.ts';
import type { RecordingRow } from '../storage/tables.ts';
import { deleteRecordingFile, recordingFile, type RecordingFile } from './recording-files.ts';
import { toRecording } from './recordings.ts';

type Deps = Pick<Services, 'db' | 'config'>;

/** A facility's recordings (or one visit's), newest first. */
export async function listRecordingSummaries(
  deps: Deps,
  staff: StaffMember,
  query: ListRecordingsQuery,
): Promise<RecordingSummary[]> {
  assertFacilityAccess(staff, query.facilityId);
  let q = deps.db
    .selectFrom('recordings')
    .innerJoin('rooms', 'rooms.id', 'recordings.room_id')
    .leftJoin('staff', 'staff.id', 'recordings.started_by')
    .selectAll('recordings')
    .select(['rooms.title as visit_title', 'staff.display_name as started_by_name'])
    .where('rooms.facility_id', '=', query.facilityId)
    .orderBy('recordings.started_at', 'desc')
    .limit(query.limit);
  if (query.visitId) q = q.where('recordings.room_id', '=', query.visitId);
  if (query.before) q = q.where('recordings.started_at', '<', new Date(query.before));
  const rows = await q.execute();
  return Promise.all(
    rows.map(async (row) =>
      summarize(row, row.visit_title, row.started_by_name, await fileOf(deps, row)),
    ),
  );
}

function summarize(
  row: RecordingRow,
  visitTitle: string,
  startedByName: string | null,
  file: RecordingFile,
): RecordingSummary {
  const durationMs = row.ended_at ? row.ended_at.getTime() - row.started_at.getTime() : null;
  return {
    ...toRecording(row),
    visitTitle,
    startedByName,
    durationSeconds: durationMs === null ? null : Math.max(0, Math.round(durationMs / 1000)),
    sizeBytes: file.sizeBytes,
    file: file.state,
    mediaType: file.mediaType,
  };
}

const fileOf = (deps: Pick<Services, 'config'>, row: RecordingRow) =>
  recordingFile(deps.config.recordingsDir, row);

/** The recording and its visit's facility, if the staff member belongs to that facility. */
async function recordingFor(
  deps: Pick<Services, 'db'>,
  staff: StaffMember,
  recordingId: string,
): Promise<{ row: RecordingRow; facilityId: string }> {
  const found = await deps.db
    .selectFrom('recordings')
    .innerJoin('rooms', 'rooms.id', 'recordings.room_id')
    .selectAll('recordings')
    .select('rooms.facility_id')
    .where('recordings.id', '=', recordingId)
    .executeTakeFirst();
  if (!found || !staff.facilityIds.includes(found.facility_id)) throw notFound('Recording');
  const { facility_id: facilityId, ...row } = found;
  return { row, facilityId };
}

/**
 * The file to send for a playback or download. `audit` is false for the follow-up range
 * requests of one playback, so a video seeked ten times is one audit entry, not ten.
 */
export async function openRecordingFile(
  deps: Deps,
  staff: StaffMember,
  recordingId: string,
  request: { audit: boolean; download: boolean },
): Promise<{ file: string; mediaType: string; sizeBytes: number; startedAt: Date }> {
  const { row, facilityId } = await recordingFor(deps, staff, recordingId);
  const file = await fileOf(deps, row);
  if (file.state !== 'available' || !file.file || file.mediaType === null) {
    throw new AppError('CONFLICT', fileProblem[file.state], { file: file.state });
  }
  if (request.audit) {
    await recordAudit(deps, {
      actor: staff,
      action: request.download ? 'recording.download' : 'recording.play',
      targetType: 'recording',
      targetId: row.id,
      facilityId,
      details: { visitId: row.room_id },
    });
  }
  return {
    file: file.file,
    mediaType: file.mediaType,
    sizeBytes: file.sizeBytes ?? 0,
    startedAt: row.started_at,
  };
}

const fileProblem: Record<RecordingFile['state'], string> = {
  available: '',
  elsewhere: 'This recording is kept by the video service, outside OpenConnect.',
  missing: 'This recording’s file is missing from the recordings folder.',
  pending: 'This recording’s file is not ready yet.',
  deleted: 'This recording was deleted.',
  none: 'This recording failed before anything was recorded.',
};

/** Deletes a finished recording's file, keeping its row; administrators only, audited. */
export async function deleteRecording(
  deps: Deps & Pick<Services, 'bus'>,
  staff: StaffMember,
  recordingId: string,
): Promise<Recording> {
  const { row, facilityId } = await recordingFor(deps, staff, recordingId);
  assertAdmin(staff);
  if (row.status === 'starting' || row.status === 'active') {
    throw new AppError('CONFLICT', 'Stop the recording before deleting it.');
  }
  if (row.deleted_at) return toRecording(row);
  // The file first: a crash between the two leaves a row that says "missing", never a file that
  // the console no longer lists.
  await deleteRecordingFile(deps.config.recordingsDir, row.location);
  const deleted = await markDeleted(deps, row.id, { by: staff.id, reason: 'staff' });
  if (!deleted) return toRecording(row);
  await recordAudit(deps, {
    actor: staff,
    action: 'recording.delete',
    targetType: 'recording',
    targetId: row.id,
    facilityId,
    details: { visitId: row.room_id },
  });
  await publishToVisitFacility(deps, row.room_id, {
    type: 'recording',
    recording: toRecording(deleted),
  });
  return toRecording(deleted);
}

/** Marks a recording deleted once; null when another request or instance already did. */
function markDeleted(
  deps: Pick<Services, 'db'>,
  id: string,
  how: { by: string | null; reason: 'staff' | 'retention' },
): Promise<RecordingRow | undefined> {
  return deps.db
    .updateTable('recordings')
    .set({
      deleted_at: new Date(),
      deleted_by: how.by,
      deleted_reason: how.reason,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Deletes the files of recordings that ended more than `retentionDays` ago, `batch` at a time;
 * returns how many it deleted. Safe on every instance at once: each row is marked by one.
 */
export async function expireRecordings(
  deps: Deps,
  retentionDays: number,
  batch = 100,
): Promise<number> {
  const cutoff = new Date(Date.now() - retentionDays * 86_400_000);
  const due = await deps.db
    .selectFrom('recordings')
    .innerJoin('rooms', 'rooms.id', 'recordings.room_id')
    .select(['recordings.id', 'recordings.room_id', 'recordings.location', 'rooms.facility_id'])
    .where('recordings.deleted_at', 'is', null)
    .where('recordings.ended_at', '<', cutoff)
    .orderBy('recordings.ended_at')
    .limit(batch)
    .execute();
  let deleted = 0;
  for (const row of due) {
    await deleteRecordingFile(deps.config.recordingsDir, row.location);
    if (!(await markDeleted(deps, row.id, { by: null, reason: 'retention' }))) continue;
    deleted += 1;
    await recordAudit(deps, {
      actor: null,
      action: 'recording.expire',
      targetType: 'recording',
      targetId: row.id,
      facilityId: row.facility_id,
      details: { visitId: row.room_id, retentionDays },
    });
  }
  return deleted;
}
