// Joining a visit: the provider is settled (rollout, rollback, fallback), the provider's room is
// ensured, credentials are issued for one participant, and the participant is recorded. Join
// latency and errors are measured here, by provider and facility.
import { randomUUID } from 'node:crypto';
import type { JoinCredentials, StaffEvent, StaffMember } from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors/app-error.ts';
import type { ServerContext } from '../http/context.ts';
import type { BaseVideoProvider, Participant } from '../providers/base-video-provider.ts';
import { ProviderError } from '../providers/provider-error.ts';
import type { RoomRow } from '../storage/tables.ts';
import { fallBackToLegacy, LEGACY_PROVIDER, providerForJoin } from './provider-pinning.ts';
import { getVisitRow } from './visits.ts';

async function credentialsFrom(
  ctx: ServerContext,
  provider: BaseVideoProvider,
  room: RoomRow,
  participant: Participant,
): Promise<JoinCredentials> {
  try {
    await provider.createRoom({ roomId: room.id, facilityId: room.facility_id });
    const credentials = await provider.joinRoom(room.id, participant);
    ctx.health.report(provider.type);
    return credentials;
  } catch (error) {
    ctx.health.report(provider.type, error);
    throw error;
  }
}

/**
 * Records who was given credentials (one row per issue, so a reload that replaces a connection
 * gets a row of its own), and the visit goes live with its first participant. In a live visit
 * that is one statement; only the first join needs a transaction.
 */
async function recordParticipant(
  ctx: ServerContext,
  room: RoomRow,
  participant: Participant,
  provider: RoomRow['provider'] & string,
  staffId: string | null,
): Promise<void> {
  const row = {
    id: randomUUID(),
    room_id: room.id,
    identity: participant.identity,
    display_name: participant.displayName,
    role: participant.role,
    provider,
    staff_id: staffId,
    joined_at: null,
    left_at: null,
    left_reason: null,
  };
  if (room.status === 'live') {
    await ctx.db.insertInto('participants').values(row).execute();
    return;
  }
  const started = await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('participants').values(row).execute();
    return tx
      .updateTable('rooms')
      .set({ status: 'live', started_at: new Date() })
      .where('id', '=', room.id)
      .where('status', '=', 'scheduled')
      .returning('id')
      .executeTakeFirst();
  });
  if (started) {
    // Staff pages show the visit as under way (and offer recording) from now on.
    const event: StaffEvent = { type: 'visit', visitId: room.id, status: 'live' };
    await ctx.bus.publish(`facility:${room.facility_id}`, event);
  }
}

/** Issues credentials for `participant` in an open visit and records the participant. */
export async function issueCredentials(
  ctx: ServerContext,
  room: RoomRow,
  participant: Participant,
  staffId: string | null,
): Promise<JoinCredentials> {
  if (room.status === 'ended') throw new AppError('GONE', 'This visit has ended.');
  const started = performance.now();
  let settled = await providerForJoin(ctx, room);
  let credentials: JoinCredentials;
  try {
    try {
      credentials = await credentialsFrom(ctx, settled.provider, settled.room, participant);
    } catch (error) {
      // A visit that has not started moves to the legacy provider rather than strand anyone.
      const down = error instanceof ProviderError && error.retryable;
      if (!down || settled.room.status !== 'scheduled' || settled.provider.type === LEGACY_PROVIDER)
        throw error;
      const legacy = ctx.providers.get(LEGACY_PROVIDER);
      if (!legacy) throw error;
      const moved = await fallBackToLegacy(ctx, settled.room, settled.provider.type);
      settled = { room: moved, provider: legacy };
      credentials = await credentialsFrom(ctx, legacy, moved, participant);
    }
  } catch (error) {
    const code =
      error instanceof ProviderError || error instanceof AppError ? error.code : 'INTERNAL';
    ctx.metrics.joinErrors.inc({
      provider: settled.provider.type,
      facility: room.facility_id,
      code,
    });
    throw error;
  }
  await recordParticipant(ctx, settled.room, participant, settled.provider.type, staffId);
  ctx.metrics.joinDuration.observe(
    { provider: settled.provider.type, facility: room.facility_id },
    (performance.now() - started) / 1000,
  );
  return credentials;
}

/** A staff member joins a visit of their facility as its host. */
export async function joinAsHost(
  ctx: ServerContext,
  staff: StaffMember,
  visitId: string,
): Promise<JoinCredentials> {
  const room = await getVisitRow(ctx.db, staff, visitId);
  const credentials = await issueCredentials(
    ctx,
    room,
    { identity: `staff-${staff.id}`, displayName: staff.displayName, role: 'host' },
    staff.id,
  );
  await recordAudit(ctx.db, {
    actor: staff,
    action: 'visit.join_as_host',
    targetType: 'visit',
    targetId: visitId,
    facilityId: room.facility_id,
    details: { provider: credentials.provider },
  });
  return credentials;
}
