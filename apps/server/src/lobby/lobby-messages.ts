// The waiting room's conversation: staff write to a waiting visitor, the visitor answers (a few
// replies a minute, see reply-limit.ts), and both read the thread. Messages are rows, so a reload
// or a restart keeps them; each one is pushed to the visitor's page and to every staff page of the
// facility through the bus, so every instance's sockets hear it.
import { randomUUID } from 'node:crypto';
import {
  topics,
  type LobbyMessage,
  type LobbySignal,
  type StaffEvent,
  type StaffMember,
} from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import type { LobbyEntryRow } from '../storage/tables.ts';
import { messagesDb, type LobbyMessagesTable } from './lobby-message-tables.ts';
import { replyWaitSeconds } from './reply-limit.ts';

/** The longest thread answered; older messages than these are not shown. */
const THREAD_LIMIT = 200;

/** A reply refused for now; `retryAfterSeconds` tells the page when it may try again. */
export class ReplyLimited extends AppError {
  constructor(readonly retryAfterSeconds: number | null) {
    super(
      'RATE_LIMITED',
      retryAfterSeconds === null
        ? 'You have sent as many messages as this waiting room allows. Staff will be with you.'
        : `Please wait ${retryAfterSeconds} s before sending another message.`,
      retryAfterSeconds === null ? undefined : { retryAfterSeconds },
    );
  }
}

type MessageRow = {
  [K in keyof LobbyMessagesTable]: K extends 'created_at' ? Date : LobbyMessagesTable[K];
};

function toMessage(row: MessageRow): LobbyMessage {
  return {
    id: row.id,
    entryId: row.entry_id,
    from: row.sender,
    author: row.author,
    text: row.body,
    at: row.created_at.toISOString(),
  };
}

/** Pushes a new message to the facility's staff pages, and a staff message to the visitor. */
async function publish(deps: Pick<Services, 'bus'>, facilityId: string, message: LobbyMessage) {
  const event: StaffEvent = { type: 'lobbyMessage', message };
  await deps.bus.publish(topics.facility(facilityId), event);
  if (message.from === 'staff') {
    const signal: LobbySignal = {
      type: 'message',
      text: message.text,
      from: message.author,
      at: message.at,
    };
    await deps.bus.publish(topics.lobby(message.entryId), signal);
  }
}

/** The entry with its facility, for staff of that facility only (NOT_FOUND for others). */
export async function entryOfFacilityStaff(
  deps: Pick<Services, 'db'>,
  staff: StaffMember,
  entryId: string,
) {
  const row = await deps.db
    .selectFrom('lobby_entries')
    .innerJoin('rooms', 'rooms.id', 'lobby_entries.room_id')
    .select(['lobby_entries.id', 'lobby_entries.status', 'rooms.facility_id'])
    .where('lobby_entries.id', '=', entryId)
    .executeTakeFirst();
  if (!row || !staff.facilityIds.includes(row.facility_id)) throw notFound('Waiting visitor');
  return row;
}

/** Staff write to a waiting (or just admitted) visitor; audited, kept and pushed. */
export async function sendStaffMessage(
  deps: Pick<Services, 'db' | 'bus'>,
  staff: StaffMember,
  entryId: string,
  text: string,
): Promise<LobbyMessage> {
  const entry = await entryOfFacilityStaff(deps, staff, entryId);
  if (entry.status !== 'waiting' && entry.status !== 'admitted') {
    throw new AppError('CONFLICT', 'This visitor is no longer waiting.');
  }
  const row = await deps.db.transaction().execute(async (tx) => {
    const inserted = await messagesDb(tx)
      .insertInto('lobby_messages')
      .values({
        id: randomUUID(),
        entry_id: entryId,
        sender: 'staff',
        staff_id: staff.id,
        author: staff.displayName,
        body: text,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(
      { db: tx },
      {
        actor: staff,
        action: 'lobby.message',
        targetType: 'lobby_entry',
        targetId: entryId,
        facilityId: entry.facility_id,
      },
    );
    return inserted;
  });
  const message = toMessage(row);
  await publish(deps, entry.facility_id, message);
  return message;
}

/**
 * A waiting visitor answers staff. The entry's row is locked while its earlier replies are counted
 * and the new one inserted, so concurrent replies cannot all slip under the limit.
 */
export async function replyAsVisitor(
  deps: Pick<Services, 'db' | 'bus'>,
  entry: LobbyEntryRow & { facility_id: string },
  text: string,
  now = Date.now(),
): Promise<LobbyMessage> {
  if (entry.status !== 'waiting') {
    throw new AppError('CONFLICT', 'You are no longer waiting, so this message cannot be sent.');
  }
  const row = await deps.db.transaction().execute(async (tx) => {
    await tx
      .selectFrom('lobby_entries')
      .select('id')
      .where('id', '=', entry.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const db = messagesDb(tx);
    const earlier = await db
      .selectFrom('lobby_messages')
      .select('created_at')
      .where('entry_id', '=', entry.id)
      .where('sender', '=', 'visitor')
      .execute();
    const wait = replyWaitSeconds(
      earlier.map((r) => r.created_at.getTime()),
      now,
    );
    if (wait !== 0) throw new ReplyLimited(wait);
    return db
      .insertInto('lobby_messages')
      .values({
        id: randomUUID(),
        entry_id: entry.id,
        sender: 'visitor',
        staff_id: null,
        author: entry.display_name,
        body: text,
        created_at: new Date(now),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  const message = toMessage(row);
  await publish(deps, entry.facility_id, message);
  return message;
}

/** An entry's thread, oldest first (the latest THREAD_LIMIT messages). */
export async function listThread(
  deps: Pick<Services, 'db'>,
  entryId: string,
): Promise<LobbyMessage[]> {
  const rows = await messagesDb(deps.db)
    .selectFrom('lobby_messages')
    .selectAll()
    .where('entry_id', '=', entryId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(THREAD_LIMIT)
    .execute();
  return rows.reverse().map(toMessage);
}
