// Recordings with consent: staff confirm that everyone present was told before a recording can
// start; the stored status follows the provider (its webhooks, and reconciliation when they are
// missed), so the UI never shows a recording that is not happening.
import { randomUUID } from 'node:crypto';
import type { Recording, StaffEvent, StaffMember } from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import type { ServerContext } from '../http/context.ts';
import type { ProviderWebhookEvent } from '../providers/base-video-provider.ts';
import { ProviderError } from '../providers/provider-error.ts';
import type { RecordingRow } from '../storage/tables.ts';
import { getVisitRow } from '../visits/visits.ts';

export const CONSENT_NOTICE = 'Staff confirmed that everyone present was told this visit is being recorded.';

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
  };
}

async function announce(ctx: ServerContext, row: RecordingRow): Promise<void> {
  const room = await ctx.db.selectFrom('rooms').select('facility_id').where('id', '=', row.room_id).executeTakeFirst();
  if (!room) return;
  const event: StaffEvent = { type: 'recording', recording: toRecording(row) };
  await ctx.bus.publish(`facility:${room.facility_id}`, event);
}

/** Starts recording a live visit after the consent confirmation. */
export async function startRecording(ctx: ServerContext, staff: StaffMember, visitId: string): Promise<Recording> {
  const room = await getVisitRow(ctx.db, staff, visitId);
  if (room.status !== 'live') throw new AppError('CONFLICT', 'Recording can start once the visit is under way.');
  const provider = room.provider ? ctx.providers.get(room.provider) : undefined;
  if (!provider?.capabilities.recording || !provider.startRecording) {
    throw new AppError('CONFLICT', 'This visit’s video service cannot record.');
  }
  const running = await ctx.db
    .selectFrom('recordings')
    .select('id')
    .where('room_id', '=', visitId)
    .where('status', 'in', ['starting', 'active'])
    .executeTakeFirst();
  if (running) throw new AppError('CONFLICT', 'This visit is already being recorded.');

  const id = randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('recordings')
      .values({
        id,
        room_id: visitId,
        provider: provider.type,
        provider_recording_id: null,
        status: 'starting',
        started_by: staff.id,
        consent_notice: CONSENT_NOTICE,
        error: null,
        location: null,
        ended_at: null,
      })
      .execute();
    await recordAudit(tx, {
      actor: staff,
      action: 'recording.start',
      targetType: 'recording',
      targetId: id,
      facilityId: room.facility_id,
      details: { visitId, consent: CONSENT_NOTICE },
    });
  });
  let row: RecordingRow;
  try {
    const handle = await provider.startRecording(visitId, { fileName: `visit-${visitId}-${id}` });
    row = await ctx.db
      .updateTable('recordings')
      .set({ provider_recording_id: handle.recordingId, status: handle.status, updated_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'starting')
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failed = await ctx.db
      .updateTable('recordings')
      .set({ status: 'failed', error: message, ended_at: new Date(), updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await announce(ctx, failed);
    if (error instanceof ProviderError) throw error;
    throw new AppError('RECORDING_FAILED', 'The recording could not start.', undefined, { cause: error });
  }
  await announce(ctx, row);
  return toRecording(row);
}

/** Stops a recording; it shows as ended at once, and the file's location arrives by webhook. */
export async function stopRecording(ctx: ServerContext, staff: StaffMember, recordingId: string): Promise<Recording> {
  const row = await ctx.db.selectFrom('recordings').selectAll().where('id', '=', recordingId).executeTakeFirst();
  if (!row) throw notFound('Recording');
  const room = await getVisitRow(ctx.db, staff, row.room_id).catch(() => {
    throw notFound('Recording');
  });
  if (row.status === 'ended' || row.status === 'failed') return toRecording(row);
  const provider = ctx.providers.get(row.provider as 'p2p' | 'livekit');
  if (row.provider_recording_id && provider?.stopRecording) {
    try {
      await provider.stopRecording(row.provider_recording_id);
    } catch (error) {
      // Already over on the provider's side (it ended or failed on its own): record that truth.
      const state = provider.recordingStatus
        ? await provider.recordingStatus(row.provider_recording_id).catch(() => null)
        : null;
      if (!state || (state.status !== 'ended' && state.status !== 'failed')) throw error;
      await applyRecordingUpdate(ctx, row.provider, state);
      const reread = await ctx.db.selectFrom('recordings').selectAll().where('id', '=', recordingId).executeTakeFirstOrThrow();
      return toRecording(reread);
    }
  }
  const updated = await ctx.db
    .updateTable('recordings')
    .set({ status: 'ended', ended_at: new Date(), updated_at: new Date() })
    .where('id', '=', recordingId)
    .where('status', 'in', ['starting', 'active'])
    .returningAll()
    .executeTakeFirst();
  await recordAudit(ctx.db, {
    actor: staff,
    action: 'recording.stop',
    targetType: 'recording',
    targetId: recordingId,
    facilityId: room.facility_id,
  });
  const current = updated ?? row;
  if (updated) await announce(ctx, updated);
  return toRecording(current);
}

/** A visit's recordings, newest first. */
export async function listRecordings(ctx: ServerContext, staff: StaffMember, visitId: string): Promise<Recording[]> {
  await getVisitRow(ctx.db, staff, visitId);
  const rows = await ctx.db
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
  ctx: ServerContext,
  provider: string,
  update: NonNullable<ProviderWebhookEvent['recording']>,
): Promise<void> {
  const row = await ctx.db
    .selectFrom('recordings')
    .selectAll()
    .where('provider', '=', provider)
    .where('provider_recording_id', '=', update.recordingId)
    .executeTakeFirst();
  if (!row) return;
  const finished = row.status === 'ended' || row.status === 'failed';
  const statusChanges = !finished && order[update.status] >= order[row.status] && update.status !== row.status;
  const locationArrives = update.location !== null && update.location !== row.location;
  if (!statusChanges && !locationArrives && !(update.status === 'failed' && row.status !== 'failed')) return;
  const next = update.status === 'failed' ? 'failed' : statusChanges ? update.status : row.status;
  const updated = await ctx.db
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
  await announce(ctx, updated);
}
