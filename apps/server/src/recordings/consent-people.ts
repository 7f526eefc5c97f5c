// What the consent rules read: the visit's running recording, who is present (and when those who
// went left), and the stored answers of one consent round, as staff are shown them.
import type { Selectable } from 'kysely';
import type { ConsentEntry } from '@openconnect/contracts';
import type { Db } from '../storage/db.ts';
import { consentDb, type RecordingConsentsTable } from './consent-tables.ts';

export type ConsentRow = Selectable<RecordingConsentsTable>;

/** The visit's recording under way (starting or active), if any. */
export async function runningRecording(db: Db, visitId: string) {
  return db
    .selectFrom('recordings')
    .select(['id', 'started_at'])
    .where('room_id', '=', visitId)
    .where('status', 'in', ['starting', 'active'])
    .orderBy('started_at', 'desc')
    .executeTakeFirst();
}

/** Participants who have not left, one per identity, and when each of those who left went. */
export async function people(db: Db, visitId: string) {
  const rows = await db
    .selectFrom('participants')
    .select(['identity', 'display_name', 'role', 'left_at', 'issued_at'])
    .where('room_id', '=', visitId)
    .orderBy('issued_at', 'asc')
    .execute();
  const present = new Map<string, { displayName: string; role: 'host' | 'visitor' }>();
  const leftAt = new Map<string, Date>();
  for (const r of rows) {
    if (r.left_at === null) {
      present.set(r.identity, { displayName: r.display_name, role: r.role });
      leftAt.delete(r.identity);
    } else if (!present.has(r.identity)) {
      leftAt.set(r.identity, r.left_at);
    }
  }
  return { present, leftAt };
}

export async function rowsOf(
  db: Db,
  visitId: string,
  recordingId: string | null,
): Promise<ConsentRow[]> {
  let query = consentDb(db)
    .selectFrom('recording_consents')
    .selectAll()
    .where('room_id', '=', visitId);
  query =
    recordingId === null
      ? query.where('recording_id', 'is', null)
      : query.where('recording_id', '=', recordingId);
  return query.orderBy('asked_at', 'asc').execute();
}

/** A stored row as staff read it: someone who went without answering shows as `left`. */
export function toEntry(row: ConsentRow, leftAt: Date | undefined): ConsentEntry {
  const leftUnanswered = row.answer === 'pending' && leftAt !== undefined;
  return {
    identity: row.identity,
    displayName: row.display_name,
    role: row.role,
    state: leftUnanswered ? 'left' : row.answer,
    askedAt: row.asked_at.toISOString(),
    answeredAt: leftUnanswered ? leftAt.toISOString() : (row.answered_at?.toISOString() ?? null),
  };
}
