// Who is in a visit: listing participants, recording departures, and removing someone so that
// they cannot come back, with their personal link (or, if staff ask, the shared link they used).
import type { StaffMember, VisitParticipant } from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { publishToVisitFacility } from '../push/facility-events.ts';
import type { Services } from '../services.ts';
import { markRemoved } from '../lobby/lobby.ts';
import { ProviderError } from '../providers/provider-error.ts';
import { withdrawWithRemoval } from '../invites/invites.ts';
import { getVisitRow } from '../visits/visits.ts';

/** Participants of a visit who have not left, newest first. */
export async function listParticipants(
  deps: Pick<Services, 'db'>,
  staff: StaffMember,
  visitId: string,
): Promise<VisitParticipant[]> {
  await getVisitRow(deps, staff, visitId);
  const rows = await deps.db
    .selectFrom('participants')
    .leftJoin('lobby_entries', 'lobby_entries.identity', 'participants.identity')
    .leftJoin('invites', 'invites.id', 'lobby_entries.invite_id')
    .selectAll('participants')
    .select('invites.kind as invite_kind')
    .where('participants.room_id', '=', visitId)
    .where('participants.left_at', 'is', null)
    .orderBy('participants.issued_at', 'desc')
    .execute();
  // One row per identity: a participant who fetched credentials twice is one person.
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.identity) && seen.add(r.identity))
    .map((r) => ({
      id: r.id,
      identity: r.identity,
      displayName: r.display_name,
      role: r.role,
      provider: r.provider,
      issuedAt: r.issued_at.toISOString(),
      joinedAt: r.joined_at?.toISOString() ?? null,
      leftAt: r.left_at?.toISOString() ?? null,
      leftReason: r.left_reason,
      inviteKind: r.invite_kind,
    }));
}

/** Records that an identity left a visit (their own choice, a kick, or the provider said so). */
export async function markLeft(
  deps: Pick<Services, 'db' | 'bus'>,
  visitId: string,
  identity: string,
  reason: string,
): Promise<void> {
  const updated = await deps.db
    .updateTable('participants')
    .set({ left_at: new Date(), left_reason: reason })
    .where('room_id', '=', visitId)
    .where('identity', '=', identity)
    .where('left_at', 'is', null)
    .returning('room_id')
    .execute();
  if (updated.length > 0)
    await publishToVisitFacility(deps, visitId, { type: 'participants', visitId });
}

/** Records that an identity is connected (first time only). */
export async function markJoined(
  deps: Pick<Services, 'db' | 'bus'>,
  visitId: string,
  identity: string,
  at: Date,
): Promise<void> {
  const updated = await deps.db
    .updateTable('participants')
    .set({ joined_at: at })
    .where('room_id', '=', visitId)
    .where('identity', '=', identity)
    .where('joined_at', 'is', null)
    .where('left_at', 'is', null)
    .returning('room_id')
    .execute();
  if (updated.length > 0)
    await publishToVisitFacility(deps, visitId, { type: 'participants', visitId });
}

/**
 * Removes a participant at once and for good: their waiting-room entry is revoked first (so no
 * new credentials), with the link they came through when it was personal or staff chose to
 * withdraw a shared one; then the provider disconnects them. Returns whether a link was withdrawn.
 */
export async function removeParticipant(
  deps: Pick<Services, 'db' | 'bus' | 'providers'>,
  staff: StaffMember,
  visitId: string,
  participantId: string,
  options: { withdrawLink: boolean } = { withdrawLink: false },
): Promise<{ linkWithdrawn: boolean }> {
  const room = await getVisitRow(deps, staff, visitId);
  const participant = await deps.db
    .selectFrom('participants')
    .selectAll()
    .where('id', '=', participantId)
    .where('room_id', '=', visitId)
    .executeTakeFirst();
  if (!participant) throw notFound('Participant');
  if (participant.staff_id === staff.id)
    throw new AppError('CONFLICT', 'Use Leave to leave the visit yourself.');
  const link = await markRemoved(deps, participant.identity, staff);
  // Before the provider call: even if that fails, the link no longer lets them knock again.
  const linkWithdrawn = link
    ? await deps.db
        .transaction()
        .execute((tx) =>
          withdrawWithRemoval(
            { db: tx },
            staff,
            { id: link.inviteId, kind: link.inviteKind, facilityId: link.facilityId },
            options.withdrawLink,
          ),
        )
    : false;
  const provider = deps.providers.get(participant.provider);
  if (provider) {
    try {
      await provider.leaveRoom(visitId, participant.identity);
    } catch (error) {
      // Not connected right now: the revocation above still keeps them out.
      if (!(
        error instanceof ProviderError &&
        ['PARTICIPANT_NOT_FOUND', 'ROOM_NOT_FOUND'].includes(error.code)
      )) {
        throw error;
      }
    }
  }
  await markLeft(deps, visitId, participant.identity, 'removed');
  await recordAudit(deps, {
    actor: staff,
    action: 'participant.remove',
    targetType: 'participant',
    targetId: participant.identity,
    facilityId: room.facility_id,
    details: {
      visitId,
      displayName: participant.display_name,
      ...(link ? { inviteId: link.inviteId, inviteKind: link.inviteKind, linkWithdrawn } : {}),
    },
  });
  return { linkWithdrawn };
}
