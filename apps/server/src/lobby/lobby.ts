// The waiting room on the server: visitors knock with an invite, staff admit or deny, and only an
// admitted entry ever gets credentials. State lives in the database; changes are pushed to the
// visitor's page and to every staff page of the facility.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  topics,
  type LobbySignal,
  type InviteKind,
  type JoinCredentials,
  type LobbyEntry,
  type LobbyState,
  type StaffMember,
  type StaffEvent,
} from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { assertFacilityAccess } from '../auth/access.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import { sql, type SqlBool } from 'kysely';
import { batchedQuery } from '../storage/batched-query.ts';
import type { Db } from '../storage/db.ts';
import { JOIN_ROOM_COLUMNS, JOIN_ROOM_SELECTION, type LobbyEntryRow } from '../storage/tables.ts';
import { usableInvite } from '../invites/invites.ts';
import { assertSeatForEntry } from '../invites/call-capacity.ts';
import { identityFor, roleOfIdentity } from '@openconnect/contracts';
import { issueCredentials, presentIn } from '../visits/join.ts';
import { assertWaitingRoomOpen } from '../visits/schedule.ts';
import { publishLines, readEntryState, stateOf, type EntryState } from './line.ts';
import { forgetDeadInstances, onlineColumn, wasPresentSince } from './lobby-presence.ts';

/** A waiting entry whose every socket has been gone this long expires. */
export const EXPIRE_AFTER_MS = 60_000;
/** Knocks per invite in KNOCK_WINDOW_MS before further knocks are refused. */
export const KNOCKS_PER_INVITE = 10;
export const KNOCK_WINDOW_MS = 10 * 60_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest();

/**
 * Tells the entry's page and the facility's staff pages that an entry changed; when it left its
 * line, the line is read once and published so everyone behind moves up (`line: false` when the
 * caller publishes the lines itself, for many entries at once).
 */
export async function publishEntry(
  deps: Pick<Services, 'db' | 'bus'>,
  facilityId: string,
  entry: LobbyEntry,
  options: { line?: boolean } = {},
): Promise<void> {
  const event: StaffEvent = { type: 'lobby', entry };
  await deps.bus.publish(topics.facility(facilityId), event);
  const signal: LobbySignal = { type: 'changed' };
  await deps.bus.publish(topics.lobby(entry.id), signal);
  if (entry.status !== 'waiting' && options.line !== false)
    await publishLines(deps, [entry.visitId]);
}

export function toEntry(row: LobbyEntryRow & { online: SqlBool }, visitTitle: string): LobbyEntry {
  return {
    id: row.id,
    visitId: row.room_id,
    visitTitle,
    displayName: row.display_name,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    decidedBy: row.decided_by,
    online: Boolean(row.online),
    role: roleOfIdentity(row.identity) ?? null,
    precall: row.precall ?? null,
  };
}

export async function loadEntry(deps: Pick<Services, 'db'>, entryId: string) {
  const row = await deps.db
    .selectFrom('lobby_entries')
    .innerJoin('rooms', 'rooms.id', 'lobby_entries.room_id')
    .selectAll('lobby_entries')
    .select(['rooms.title as visit_title', 'rooms.status as visit_status'])
    .select((eb) => onlineColumn(eb))
    .where('lobby_entries.id', '=', entryId)
    .executeTakeFirst();
  return row;
}

/** A visitor knocks from an invite link: creates a waiting entry and its bearer secret. */
// Kept whole: the invite lock, the count and the insert must stay in one transaction for the
// knock limit to hold under concurrency.
export async function knock(deps: Pick<Services, 'db' | 'bus'>, code: string, displayName: string) {
  const invite = await usableInvite(deps, code);
  await assertWaitingRoomOpen(deps, invite.roomId);
  const id = randomUUID();
  const visitorToken = randomBytes(32).toString('base64url');
  // Counting and inserting must be one step, or concurrent knocks all count the same total and
  // all get in. The lock is the invite's row (`for update`): it serialises knocks on one invite
  // only, needs no extra schema, and is released at commit. On PGlite the transaction holds the
  // one connection, which serialises the same way.
  const row = await deps.db.transaction().execute(async (tx) => {
    await tx
      .selectFrom('invites')
      .select('id')
      .where('id', '=', invite.inviteId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const recent = await tx
      .selectFrom('lobby_entries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('invite_id', '=', invite.inviteId)
      .where('created_at', '>', new Date(Date.now() - KNOCK_WINDOW_MS))
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= KNOCKS_PER_INVITE) {
      throw new AppError(
        'RATE_LIMITED',
        'Too many requests to join with this link. Please wait a few minutes.',
      );
    }
    if (invite.kind === 'personal') {
      // A personal link admits one request at a time, so it cannot be passed around unseen.
      const active = await tx
        .selectFrom('lobby_entries')
        .select('id')
        .where('invite_id', '=', invite.inviteId)
        .where('status', 'in', ['waiting', 'admitted'])
        .executeTakeFirst();
      if (active) {
        throw new AppError(
          'CONFLICT',
          'This link is for one person and is already in use: someone is waiting or in the visit with it. If that is you on another device, carry on there; otherwise ask the facility.',
        );
      }
    }
    return tx
      .insertInto('lobby_entries')
      .values({
        id,
        room_id: invite.roomId,
        facility_id: invite.facilityId,
        invite_id: invite.inviteId,
        display_name: displayName,
        token_hash: hashToken(visitorToken).toString('base64url'),
        // An added person's role rides in their identity, so the call labels them on any provider.
        identity: identityFor(id, invite.role),
        status: 'waiting',
        reason: null,
        decided_at: null,
        decided_by: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  // Just created: no socket has said hello yet.
  await publishEntry(
    deps,
    invite.facilityId,
    toEntry({ ...row, online: false }, invite.visitTitle),
  );
  return {
    entryId: id,
    visitorToken,
    status: row.status,
    visitId: invite.roomId,
    visitTitle: invite.visitTitle,
    facilityName: invite.facilityName,
    createdAt: row.created_at.toISOString(),
  };
}

/** Loads an entry for the visitor holding its bearer secret; FORBIDDEN for any other secret. */
export async function authenticateVisitor(
  deps: Pick<Services, 'db'>,
  entryId: string,
  token: string | undefined,
) {
  const row = await loadEntry(deps, entryId);
  if (!row || !tokenMatches(row.token_hash, token)) throw notYours();
  return row;
}

const notYours = () => new AppError('FORBIDDEN', 'This waiting-room entry is not yours.');

/** Whether `token` is the entry's bearer secret; as slow for a missing entry as for a wrong one. */
function tokenMatches(tokenHash: string | undefined, token: string | undefined): boolean {
  const expected = tokenHash ? Buffer.from(tokenHash, 'base64url') : randomBytes(32);
  const given = hashToken(token ?? '');
  return tokenHash !== undefined && !!token && timingSafeEqual(expected, given);
}

/** The visitor's view of their entry, with their place in line (read again, in one statement). */
export async function lobbyState(
  deps: Pick<Services, 'db'>,
  row: Pick<LobbyEntryRow, 'id'>,
): Promise<LobbyState> {
  const state = await readEntryState(deps, row.id);
  if (!state) throw notYours();
  return stateOf(state);
}

/**
 * The entry of the visitor holding its bearer secret, with its state and place in line: one
 * statement (a waiting page's hello and re-reads). FORBIDDEN for any other secret.
 */
export async function readOwnEntry(
  deps: Pick<Services, 'db'>,
  entryId: string,
  token: string | undefined,
): Promise<EntryState> {
  const row = await readEntryState(deps, entryId);
  if (!tokenMatches(row?.token_hash, token) || !row) throw notYours();
  return row;
}

/** Tells the facility's staff pages that an entry's page came or went. */
export async function publishPresence(
  deps: Pick<Services, 'db' | 'bus'>,
  entryId: string,
): Promise<void> {
  const row = await loadEntry(deps, entryId);
  if (!row) return;
  const event: StaffEvent = { type: 'lobby', entry: toEntry(row, row.visit_title) };
  await deps.bus.publish(topics.facility(row.facility_id), event);
}

/** Moves an entry from one of `from` states to `to`; returns the updated row or undefined. */
async function transition(
  deps: Pick<Services, 'db'>,
  entryId: string,
  from: LobbyEntryRow['status'][],
  to: LobbyEntryRow['status'],
  extra: { reason?: string | null; decidedBy?: string | null } = {},
) {
  return deps.db
    .updateTable('lobby_entries')
    .set({
      status: to,
      ...(extra.reason !== undefined ? { reason: extra.reason } : {}),
      ...(extra.decidedBy !== undefined
        ? { decided_by: extra.decidedBy, decided_at: new Date() }
        : {}),
    })
    .where('id', '=', entryId)
    .where('status', 'in', from)
    .returningAll()
    .executeTakeFirst();
}

/** The visitor gives up waiting. */
export async function cancel(
  deps: Pick<Services, 'db' | 'bus'>,
  row: Awaited<ReturnType<typeof authenticateVisitor>>,
) {
  const updated = await transition(deps, row.id, ['waiting'], 'cancelled');
  const current = updated ?? row;
  if (updated)
    await publishEntry(
      deps,
      row.facility_id,
      toEntry({ ...updated, online: row.online }, row.visit_title),
    );
  return lobbyState(deps, current);
}

type JoinDeps = Pick<
  Services,
  'config' | 'db' | 'bus' | 'providers' | 'health' | 'metrics' | 'rollout'
>;

/** Only an admitted entry gets credentials: FORBIDDEN before admission and after removal. */
function assertAdmitted(status: LobbyEntryRow['status']): void {
  if (status === 'admitted') return;
  const why =
    status === 'removed'
      ? 'You were removed from this visit.'
      : status === 'waiting'
        ? 'Please wait until staff let you in.'
        : 'This request to join is no longer active.';
  throw new AppError('FORBIDDEN', why);
}

/** Credentials for an admitted visitor whose entry was read already (the push channel). */
export async function visitorJoin(
  deps: JoinDeps,
  row: Awaited<ReturnType<typeof authenticateVisitor>>,
): Promise<JoinCredentials> {
  assertAdmitted(row.status);
  const { present, ...room } = await deps.db
    .selectFrom('rooms')
    .select(JOIN_ROOM_COLUMNS)
    .select(presentIn(sql`rooms.id`, sql`${row.identity}`).as('present'))
    .where('id', '=', row.room_id)
    .executeTakeFirstOrThrow();
  return issueCredentials(
    deps,
    room,
    { identity: row.identity, displayName: row.display_name, role: 'visitor' },
    null,
    present,
  );
}

/**
 * The join's one read: the entry with its secret, its visit, and whether the visitor is in it;
 * the joins that arrive together are read by one statement. Each entry asked for is looked up by
 * its key (the `limit 1` keeps the planner from folding the lookup into a scan of every entry,
 * which it prefers for a few dozen keys while the tables are small).
 */
const joinInputs = batchedQuery(
  (db: Db, entryIds: readonly string[]) =>
    db
      .selectFrom(sql<{ id: string }>`(select unnest(${entryIds}::uuid[]) as id)`.as('asked'))
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('lobby_entries')
            .innerJoin('rooms', 'rooms.id', 'lobby_entries.room_id')
            .select(JOIN_ROOM_SELECTION)
            .select([
              'lobby_entries.id as entry_id',
              'lobby_entries.token_hash as entry_token_hash',
              'lobby_entries.status as entry_status',
              'lobby_entries.identity as entry_identity',
              'lobby_entries.display_name as entry_name',
            ])
            .select(presentIn(sql`rooms.id`, sql`lobby_entries.identity`).as('present'))
            .whereRef('lobby_entries.id', '=', 'asked.id')
            .limit(1)
            .as('entry'),
        (join) => join.onTrue(),
      )
      .selectAll('entry'),
  (row) => row.entry_id,
);

/**
 * The visitor's join call: the entry with its secret, the visit and whether the visitor is in it
 * already are read in one statement (compiled once); credentials issued again to them write
 * nothing.
 */
export async function visitorJoinWithToken(
  deps: JoinDeps,
  entryId: string,
  token: string | undefined,
): Promise<JoinCredentials> {
  const [row] = await joinInputs(deps.db, entryId);
  if (!row || !tokenMatches(row.entry_token_hash, token)) throw notYours();
  const {
    entry_token_hash: _secret,
    entry_id: _id,
    entry_status,
    entry_identity,
    entry_name,
    present,
    ...room
  } = row;
  assertAdmitted(entry_status);
  return issueCredentials(
    deps,
    room,
    { identity: entry_identity, displayName: entry_name, role: 'visitor' },
    null,
    present,
  );
}

/** Loads an entry for staff of its facility. */
async function entryForStaff(deps: Pick<Services, 'db'>, staff: StaffMember, entryId: string) {
  const row = await loadEntry(deps, entryId);
  if (!row || !staff.facilityIds.includes(row.facility_id)) throw notFound('Waiting visitor');
  return row;
}

async function decide(
  deps: Pick<Services, 'db' | 'bus' | 'metrics' | 'providers'>,
  staff: StaffMember,
  entryId: string,
  to: 'admitted' | 'denied',
  reason: string | null,
): Promise<LobbyEntry> {
  const row = await entryForStaff(deps, staff, entryId);
  if (row.visit_status === 'ended') throw new AppError('CONFLICT', 'This visit has ended.');
  if (to === 'admitted' && row.status === 'waiting') await assertSeatForEntry(deps, row);
  const updated = await deps.db.transaction().execute(async (tx) => {
    const next = await transition({ db: tx }, entryId, ['waiting'], to, {
      reason,
      decidedBy: staff.id,
    });
    if (!next) return undefined;
    await recordAudit(
      { db: tx },
      {
        actor: staff,
        action: to === 'admitted' ? 'lobby.admit' : 'lobby.deny',
        targetType: 'lobby_entry',
        targetId: entryId,
        facilityId: row.facility_id,
        details: {
          visitId: row.room_id,
          displayName: row.display_name,
          ...(reason ? { reason } : {}),
        },
      },
    );
    return next;
  });
  if (!updated) {
    if (row.status === to) return toEntry(row, row.visit_title);
    throw new AppError('CONFLICT', `This visitor is no longer waiting (${row.status}).`);
  }
  const entry = toEntry({ ...updated, online: row.online }, row.visit_title);
  deps.metrics.admissions.inc({ decision: to });
  deps.metrics.lobbyWait.observe({ decision: to }, (Date.now() - row.created_at.getTime()) / 1000);
  await publishEntry(deps, row.facility_id, entry);
  return entry;
}

/** Staff let a waiting visitor in. */
export const admit = (deps: Services, staff: StaffMember, entryId: string) =>
  decide(deps, staff, entryId, 'admitted', null);

/** Staff turn a waiting visitor away, optionally saying why. */
export const deny = (deps: Services, staff: StaffMember, entryId: string, reason?: string) =>
  decide(deps, staff, entryId, 'denied', reason ?? null);

/** The facility's waiting visitors across all its visits, oldest first. */
export async function listWaiting(
  deps: Pick<Services, 'db'>,
  staff: StaffMember,
  facilityId: string,
): Promise<LobbyEntry[]> {
  assertFacilityAccess(staff, facilityId);
  const rows = await deps.db
    .selectFrom('lobby_entries')
    .innerJoin('rooms', 'rooms.id', 'lobby_entries.room_id')
    .selectAll('lobby_entries')
    .select('rooms.title as visit_title')
    .select((eb) => onlineColumn(eb))
    .where('rooms.facility_id', '=', facilityId)
    .where('lobby_entries.status', '=', 'waiting')
    .orderBy('lobby_entries.created_at')
    .limit(500)
    .execute();
  return rows.map((r) => toEntry(r, r.visit_title));
}

/**
 * Marks an identity's entry removed (kicked) so it never gets credentials again, and says which
 * link it came through. Undefined for an identity without an entry (staff).
 */
export async function markRemoved(
  deps: Pick<Services, 'db' | 'bus'>,
  identity: string,
  staff: StaffMember,
): Promise<{ inviteId: string; inviteKind: InviteKind; facilityId: string } | undefined> {
  const row = await deps.db
    .updateTable('lobby_entries')
    .set({
      status: 'removed',
      decided_by: staff.id,
      decided_at: new Date(),
      reason: 'removed by staff',
    })
    .where('identity', '=', identity)
    .where('status', 'in', ['admitted', 'waiting'])
    .returningAll()
    .executeTakeFirst();
  if (row) {
    const loaded = await loadEntry(deps, row.id);
    if (loaded) await publishEntry(deps, loaded.facility_id, toEntry(loaded, loaded.visit_title));
  }
  // Removed before (a second removal) still names its link, so the link can be withdrawn then.
  return deps.db
    .selectFrom('lobby_entries')
    .innerJoin('invites', 'invites.id', 'lobby_entries.invite_id')
    .innerJoin('rooms', 'rooms.id', 'lobby_entries.room_id')
    .select([
      'invites.id as inviteId',
      'invites.kind as inviteKind',
      'rooms.facility_id as facilityId',
    ])
    .where('lobby_entries.identity', '=', identity)
    .executeTakeFirst();
}

/** Whether an identity was removed from its visit (the kick must stick). */
export async function isRevoked(deps: Pick<Services, 'db'>, identity: string): Promise<boolean> {
  const row = await deps.db
    .selectFrom('lobby_entries')
    .select('status')
    .where('identity', '=', identity)
    .executeTakeFirst();
  return row?.status === 'removed';
}

/** Expires waiting entries whose every socket has been gone too long; returns how many. */
export async function expireAbandoned(
  deps: Pick<Services, 'db' | 'bus'>,
  now = Date.now(),
): Promise<number> {
  await forgetDeadInstances(deps, now);
  const rows = await deps.db
    .updateTable('lobby_entries')
    .set({ status: 'expired', reason: 'left the waiting room' })
    .where('status', '=', 'waiting')
    .where('last_seen_at', '<', new Date(now - EXPIRE_AFTER_MS))
    // A socket on a live instance, or on one that died less than a minute ago, keeps it.
    .where((eb) => eb.not(wasPresentSince(eb, now - EXPIRE_AFTER_MS)))
    .returning(['id', 'room_id'])
    .execute();
  for (const row of rows) {
    const loaded = await loadEntry(deps, row.id);
    if (loaded)
      await publishEntry(deps, loaded.facility_id, toEntry(loaded, loaded.visit_title), {
        line: false,
      });
  }
  await publishLines(
    deps,
    rows.map((r) => r.room_id),
  );
  return rows.length;
}
