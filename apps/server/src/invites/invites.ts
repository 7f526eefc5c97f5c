// Invites: unguessable codes (128 random bits) that lead a visitor to a visit's waiting room.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Services } from '../services.ts';
import type {
  Invite,
  InviteKind,
  InviteLanding,
  InviteRole,
  StaffMember,
} from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import type { InviteRevokedReason, InviteRow } from '../storage/tables.ts';
import { landingSchedule } from '../visits/schedule.ts';
import { getVisitRow } from '../visits/visits.ts';

/** A new invite code: 16 random bytes as base64url (22 characters). */
export function newInviteCode(): string {
  return randomBytes(16).toString('base64url');
}

export function toInvite(row: InviteRow, publicUrl: string): Invite {
  return {
    id: row.id,
    visitId: row.room_id,
    kind: row.kind,
    code: row.code,
    url: `${publicUrl}/join/${row.code}`,
    expiresAt: row.expires_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    role: row.role,
    admitOnArrival: row.admit_on_arrival,
  };
}

/** Creates an invite (personal or shared) for a visit that has not ended. */
export async function createInvite(
  { db }: Pick<Services, 'db'>,
  staff: StaffMember,
  visitId: string,
  options: { expiresInMinutes: number; kind: InviteKind },
  publicUrl: string,
): Promise<Invite> {
  const visit = await getVisitRow({ db }, staff, visitId);
  if (visit.status === 'ended')
    throw new AppError('CONFLICT', 'This visit has ended; create a new visit.');
  return db.transaction().execute((tx) => insertInvite(tx, staff, visit, options, publicUrl));
}

/** A new invite: its kind and lifetime; for someone added to a call, their role and arrival rule. */
export interface NewInvite {
  kind: InviteKind;
  expiresInMinutes: number;
  role?: InviteRole;
  admitOnArrival?: boolean;
}

/** Inserts an invite for a visit and audits its creation, in the caller's transaction. */
export async function insertInvite(
  tx: Services['db'],
  staff: StaffMember,
  visit: { id: string; facility_id: string },
  fields: NewInvite,
  publicUrl: string,
): Promise<Invite> {
  const row = await tx
    .insertInto('invites')
    .values({
      id: randomUUID(),
      room_id: visit.id,
      code: newInviteCode(),
      kind: fields.kind,
      ...(fields.role ? { role: fields.role } : {}),
      ...(fields.admitOnArrival ? { admit_on_arrival: true } : {}),
      expires_at: new Date(Date.now() + fields.expiresInMinutes * 60_000),
      revoked_at: null,
      created_by: staff.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(
    { db: tx },
    {
      actor: staff,
      action: 'invite.create',
      targetType: 'invite',
      targetId: row.id,
      facilityId: visit.facility_id,
      details: {
        visitId: visit.id,
        kind: row.kind,
        ...(fields.role ? { role: fields.role } : {}),
        ...(fields.admitOnArrival !== undefined ? { admitOnArrival: fields.admitOnArrival } : {}),
        expiresAt: row.expires_at.toISOString(),
      },
    },
  );
  return toInvite(row, publicUrl);
}

/** The invites of a visit, newest first. */
export async function listInvites(
  { db }: Pick<Services, 'db'>,
  staff: StaffMember,
  visitId: string,
  publicUrl: string,
): Promise<Invite[]> {
  await getVisitRow({ db }, staff, visitId);
  const rows = await db
    .selectFrom('invites')
    .selectAll()
    .where('room_id', '=', visitId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((row) => toInvite(row, publicUrl));
}

/** Revokes an invite; revoking twice keeps the first revocation time. */
export async function revokeInvite(
  { db }: Pick<Services, 'db'>,
  staff: StaffMember,
  inviteId: string,
  publicUrl: string,
): Promise<Invite> {
  const row = await db
    .selectFrom('invites')
    .selectAll()
    .where('id', '=', inviteId)
    .executeTakeFirst();
  if (!row) throw notFound('Invite');
  const visit = await getVisitRow({ db }, staff, row.room_id).catch(() => {
    throw notFound('Invite');
  });
  if (row.revoked_at) return toInvite(row, publicUrl);
  return db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('invites')
      .set({ revoked_at: new Date(), revoked_reason: 'staff' })
      .where('id', '=', inviteId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(
      { db: tx },
      {
        actor: staff,
        action: 'invite.revoke',
        targetType: 'invite',
        targetId: inviteId,
        facilityId: visit.facility_id,
      },
    );
    return toInvite(updated, publicUrl);
  });
}

/**
 * Withdraws the link someone came through as they are removed from the visit (call inside the
 * removal's transaction): a personal link always, a shared one when staff asked. Returns whether
 * this call withdrew it.
 */
export async function withdrawWithRemoval(
  { db }: Pick<Services, 'db'>,
  staff: StaffMember,
  invite: { id: string; kind: InviteKind; facilityId: string },
  withdrawShared: boolean,
): Promise<boolean> {
  if (invite.kind === 'shared' && !withdrawShared) return false;
  const reason: InviteRevokedReason =
    invite.kind === 'personal' ? 'holder_removed' : 'withdrawn_on_removal';
  const updated = await db
    .updateTable('invites')
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where('id', '=', invite.id)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!updated) return false;
  await recordAudit(
    { db },
    {
      actor: staff,
      action: 'invite.revoke',
      targetType: 'invite',
      targetId: invite.id,
      facilityId: invite.facilityId,
      details: { kind: invite.kind, reason },
    },
  );
  return true;
}

/** What a visitor opening a withdrawn link is told, by why it was withdrawn. */
const withdrawnMessages: Record<InviteRevokedReason, string> = {
  staff: 'This invite link was withdrawn. Ask the facility for a new one.',
  holder_removed:
    'This link was for one person, who was removed from the visit, so it no longer works. Ask the facility if you think this is a mistake.',
  withdrawn_on_removal:
    'This link was withdrawn when someone who used it was removed from the visit. Ask the facility for a new one.',
};

/** An invite that still leads to its visit, with what the visitor's pages show of it. */
export interface UsableInvite {
  inviteId: string;
  kind: InviteKind;
  /** The role of a person added to a call; null for an ordinary visitor's link. */
  role: InviteRole | null;
  roomId: string;
  facilityId: string;
  visitTitle: string;
  visitStatus: 'scheduled' | 'live';
  scheduledStart: Date | null;
  facilityName: string;
  expiresAt: Date;
}

/** Finds an invite by code; NOT_FOUND for unknown, GONE for withdrawn, expired or ended. */
export async function usableInvite(
  { db }: Pick<Services, 'db'>,
  code: string,
): Promise<UsableInvite> {
  const row = await db
    .selectFrom('invites')
    .innerJoin('rooms', 'rooms.id', 'invites.room_id')
    .innerJoin('facilities', 'facilities.id', 'rooms.facility_id')
    .select([
      'invites.id as invite_id',
      'invites.expires_at',
      'invites.revoked_at',
      'invites.revoked_reason',
      'invites.kind',
      'invites.role',
      'rooms.id as room_id',
      'rooms.facility_id',
      'rooms.title',
      'rooms.status',
      'rooms.scheduled_start',
      'facilities.name as facility_name',
    ])
    .where('invites.code', '=', code)
    .executeTakeFirst();
  if (!row)
    throw new AppError('NOT_FOUND', 'This invite link is not valid. Check the link you were sent.');
  if (row.revoked_at) throw new AppError('GONE', withdrawnMessages[row.revoked_reason ?? 'staff']);
  if (row.expires_at.getTime() <= Date.now()) {
    throw new AppError('GONE', 'This invite link has expired. Ask the facility for a new one.');
  }
  if (row.status === 'ended') throw new AppError('GONE', 'This visit has ended.');
  return {
    inviteId: row.invite_id,
    kind: row.kind,
    role: row.role,
    roomId: row.room_id,
    facilityId: row.facility_id,
    visitTitle: row.title,
    visitStatus: row.status,
    scheduledStart: row.scheduled_start,
    facilityName: row.facility_name,
    expiresAt: row.expires_at,
  };
}

/** What the public invite link shows. */
export async function inviteLanding(
  { db }: Pick<Services, 'db'>,
  code: string,
): Promise<InviteLanding> {
  const invite = await usableInvite({ db }, code);
  return {
    visitTitle: invite.visitTitle,
    facilityName: invite.facilityName,
    visitStatus: invite.visitStatus,
    scheduledStart: invite.scheduledStart?.toISOString() ?? null,
    expiresAt: invite.expiresAt.toISOString(),
    ...(await landingSchedule({ db }, invite.roomId)),
  };
}
