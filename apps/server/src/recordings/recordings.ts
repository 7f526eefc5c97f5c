// Recordings with consent: staff confirm that everyone present was told before a recording can
// start; the stored status follows the provider (its webhooks, and reconciliation when they are
// missed), so the UI never shows a recording that is not happening.
import { randomUUID } from 'node:crypto';
import type { ProviderName, Recording, StaffMember } from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { publishToVisitFacility } from '../push/facility-events.ts';
import type { Services } from '../services.ts';
import type { ProviderWebhookEvent } from '../providers/base-video-provider.ts';
import { ProviderError } from '../providers/provider-error.ts';
import type { RecordingRow } from '../storage/tables.ts';
import { getVisitRow } from '../visits/visits.ts';
import { assertConsentAllowsStart, openConsentRecord } from './consent.ts';

export const CONSENT_NOTICE =
  'Staff confirmed that everyone present was told this visit is being recorded.';

export function toRecording(row: RecordingRow): Recording {
  return {
    id: row.id,
    visitId: row.room_id,
    status: row.status,
    startedBy: row.started_by,
    consentNotice: row.consent_notice,
    error: row.error,
    location: row.location,
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at?.toISOString() ?? null,
    deletedAt: row.deleted_at?.toISOString() ?? null,
    deletedReason: row.deleted_reason,
  };
}

/** Tells the visit's staff pages how its recording stands. */
function announce(deps: Pick<Services, 'db' | 'bus'>, row: RecordingRow): Promise<void> {
  return publishToVisitFacility(deps, row.room_id, {
    type: 'recording',
    recording: toRecording(row),
  });
}

/** The `starting` row and its audit entry, in one transaction, before the provider is asked. */
async function writeStarting(
  deps: Pick<Services, 'db'>,
  start: {
    id: string;
    visitId: string;
    provider: ProviderName;
    staff: StaffMember;
    facilityId: string;
  },
): Promise<void> {
  const { id, visitId, staff } = start;
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('recordings')
      .values({
        id,
        room_id: visitId,
        provider: start.provider,
        provider_recording_id: null,
        status: 'starting',
        started_by: staff.id,
        consent_notice: CONSENT_NOTICE,
        error: null,
        location: null,
        ended_at: null,
      })
      .execute();
    await recordAudit(
      { db: tx },
      {
        actor: staff,
        action: 'recording.start',
        targetType: 'recording',
        targetId: id,
        facilityId: start.facilityId,
        details: { visitId, consent: CONSENT_NOTICE },
      },
    );
  });
}

/** Starts recording a live visit after the consent confirmation. */
export async function startRecording(
  deps: Pick<Services, 'db' | 'bus' | 'providers'>,
  staff: StaffMember,
  visitId: string,
): Promise<Recording> {
  const room = await getVisitRow(deps, staff, visitId);
  if (room.status !== 'live')
    throw new AppError('CONFLICT', 'Recording can start once the visit is under way.');
  const provider = room.provider ? deps.providers.get(room.provider) : undefined;
  if (!provider?.capabilities.recording || !provider.startRecording) {
    throw new AppError('CONFLICT', 'This visit’s video service cannot record.');
  }
  const running = await deps.db
    .selectFrom('recordings')
    .select('id')
    .where('room_id', '=', visitId)
    .where('status', 'in', ['starting', 'active'])
    .executeTakeFirst();
  if (running) throw new AppError('CONFLICT', 'This visit is already being recorded.');
  await assertConsentAllowsStart(deps, visitId, room.facility_id);

  const id = randomUUID();
  await writeStarting(deps, {
    id,
    visitId,
    provider: provider.type,
    staff,
    facilityId: room.facility_id,
  });
  // Everyone present is asked from now on; their answers make the recording's consent record.
  await openConsentRecord(deps, visitId, id);
  let row: RecordingRow;
  try {
    const handle = await provider.startRecording(visitId, { fileName: `visit-${visitId}-${id}` });
    row = await deps.db
      .updateTable('recordings')
      .set({
        provider_recording_id: handle.recordingId,
        status: handle.status,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('status', '=', 'starting')
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failed = await deps.db
      .updateTable('recordings')
      .set({ status: 'failed', error: message, ended_at: new Date(), updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await announce(deps, failed);
    if (error instanceof ProviderError) throw error;
    throw new AppError('RECORDING_FAILED', 'The recording could not start.', undefined, {
      cause: error,
    });
  }
  await announce(deps, row);
  return toRecording(row);
}

/** Stops a recording; it shows as ended at once, and the file's location arrives by webhook. */
export async function stopRecording(
  deps: Pick<Services, 'db' | 'bus' | 'providers'>,
  staff: StaffMember,
  recordingId: string,
): Promise<Recording> {
  const row = await deps.db
    .selectFrom('recordings')
    .selectAll()
    .where('id', '=', recordingId)
    .executeTakeFirst();
  if (!row) throw notFound('Recording');
  const room = await getVisitRow(deps, staff, row.room_id).catch(() => {
    throw notFound('Recording');
  });
  if (row.status === 'ended' || row.status === 'failed') return toRecording(row);
  const provider = deps.providers.get(row.provider);
  if (row.provider_recording_id && provider?.stopRecording) {
    try {
      await provider.stopRecording(row.provider_recording_id);
    } catch (error) {
      // Already over on the provider's side (it ended or failed on its own): record that truth.
      const state = provider.recordingStatus
        ? await provider.recordingStatus(row.provider_recording_id).catch(() => null)
        : null;
      if (!state || (state.status !== 'ended' && state.status !== 'failed')) throw error;
      await applyRecordingUpdate(deps, row.provider, state);
      const reread = await deps.db
        .selectFrom('recordings')
        .selectAll()
        .where('id', '=', recordingId)
        .executeTakeFirstOrThrow();
      return toRecording(reread);
    }
  }
  const updated = await deps.db
    .updateTable('recordings')
    .set({ status: 'ended', ended_at: new Date(), updated_at: new Date() })
    .where('id', '=', recordingId)
    .where('status', 'in', ['starting', 'active'])
    .returningAll()
    .executeTakeFirst();
  await recordAudit(deps, {
    actor: staff,
    action: 'recording.stop',
    targetType: 'recording',
    targetId: recordingId,
    facilityId: room.facility_id,
  });
  const current = updated ?? row;
  if (updated) await announce(deps, updated);
  return toRecording(current);
}

/** A visit's recordings, newest first. */
export async function listRecordings(
  deps: Pick<Services, 'db'>,
  staff: StaffMember,
  visitId: string,
): Promise<Recording[]> {
  await getVisitRow(deps, staff, visitId);
  const rows = await deps.db
    .selectFrom('recordings')
    .selectAll()
    .where('room_id', '=', visitId)
    .orderBy('started_at', 'desc')
    .execute();
  return rows.map(toRecording);
}

const order = { starting: 0, active: 1, ended: 2, failed: 2 } as const;

/** Applies what the provider reports of a recording; never moves a finished one back. */
export async function applyRecordingUpdate(
  deps: Pick<Services, 'db' | 'bus'>,
  provider: ProviderName,
  update: NonNullable<ProviderWebhookEvent['recording']>,
): Promise<void> {
  const row = await deps.db
    .selectFrom('recordings')
    .selectAll()
    .where('provider', '=', provider)
    .where('provider_recording_id', '=', update.recordingId)
    .executeTakeFirst();
  if (!row) return;
  const finished = row.status === 'ended' || row.status === 'failed';
  const statusChanges =
    !finished && order[update.status] >= order[row.status] && update.status !== row.status;
  const locationArrives = update.location !== null && update.location !== row.location;
  if (
    !statusChanges &&
    !locationArrives &&
    !(update.status === 'failed' && row.status !== 'failed')
  )
    return;
  const next = update.status === 'failed' ? 'failed' : statusChanges ? update.status : row.status;
  const updated = await deps.db
    .updateTable('recordings')
    .set({
      status: next,
      location: update.location ?? row.location,
      error: next === 'failed' ? (update.error ?? row.error) : row.error,
      ended_at: next === 'ended' || next === 'failed' ? (row.ended_at ?? new Date()) : null,
      updated_at: new Date(),
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await announce(deps, updated);
}
