// Joining a visit: pin its provider on first join, make sure the provider's room exists, issue
// credentials for one participant, and record who was let in.
import { randomUUID } from 'node:crypto';
import type { JoinCredentials, StaffMember } from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors/app-error.ts';
import type { ServerContext } from '../http/context.ts';
import type { BaseVideoProvider, Participant } from '../providers/base-video-provider.ts';
import { chooseProvider } from '../rollout/choose-provider.ts';
import type { RoomRow } from '../storage/tables.ts';
import { getVisitRow } from './visits.ts';

/** Pins the visit's provider if it has none, and returns the provider to use. */
export async function pinProvider(ctx: ServerContext, room: RoomRow): Promise<BaseVideoProvider> {
  let type = room.provider;
  if (!type) {
    const chosen = chooseProvider(ctx.config, room.facility_id);
    const pinned = await ctx.db
      .updateTable('rooms')
      .set({ provider: chosen })
      .where('id', '=', room.id)
      .where('provider', 'is', null)
      .returning('provider')
      .executeTakeFirst();
    type =
      pinned?.provider ??
      (
        await ctx.db
          .selectFrom('rooms')
          .select('provider')
          .where('id', '=', room.id)
          .executeTakeFirstOrThrow()
      ).provider;
  }
  const provider = type ? ctx.providers.get(type) : undefined;
  if (!provider) {
    throw new AppError(
      'PROVIDER_UNAVAILABLE',
      `The video service for this visit (${type}) is not enabled.`,
    );
  }
  return provider;
}

/** Issues credentials for `participant` in an open visit and records the participant. */
export async function issueCredentials(
  ctx: ServerContext,
  room: RoomRow,
  participant: Participant,
  staffId: string | null,
): Promise<JoinCredentials> {
  if (room.status === 'ended') throw new AppError('GONE', 'This visit has ended.');
  const provider = await pinProvider(ctx, room);
  await provider.createRoom({ roomId: room.id, facilityId: room.facility_id });
  const credentials = await provider.joinRoom(room.id, participant);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('participants')
      .values({
        id: randomUUID(),
        room_id: room.id,
        identity: participant.identity,
        display_name: participant.displayName,
        role: participant.role,
        provider: provider.type,
        staff_id: staffId,
        joined_at: null,
        left_at: null,
        left_reason: null,
      })
      .execute();
    await tx
      .updateTable('rooms')
      .set({ status: 'live', started_at: new Date() })
      .where('id', '=', room.id)
      .where('status', '=', 'scheduled')
      .execute();
  });
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
