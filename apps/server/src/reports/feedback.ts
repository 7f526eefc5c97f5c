// Call feedback: after a call, a visitor (proving their waiting-room entry with its bearer token)
// or a staff member (their session) rates it, ticks what went wrong and may add a comment. It is
// kept with the visit, the provider the person's session ran on and their role, taken from the
// session on record rather than from what the browser says; sending again replaces it.
import { randomUUID } from 'node:crypto';
import type {
  CallFeedback,
  CallFeedbackBody,
  FeedbackTag,
  StaffMember,
} from '@openconnect/contracts';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import type { LobbyEntryRow } from '../storage/tables.ts';
import { reportsDb, type CallFeedbackTable } from './report-tables.ts';
import { getVisitRow } from '../visits/visits.ts';

type TagColumn = keyof Pick<
  CallFeedbackTable,
  'could_not_hear' | 'could_not_see' | 'call_dropped' | 'hard_to_join'
>;

/** The column each tag is counted in. */
export const TAG_COLUMNS: Record<FeedbackTag, TagColumn> = {
  could_not_hear: 'could_not_hear',
  could_not_see: 'could_not_see',
  call_dropped: 'call_dropped',
  hard_to_join: 'hard_to_join',
};

/** The session the feedback is about: the person's latest in the visit. */
async function latestSession(deps: Pick<Services, 'db'>, visitId: string, identity: string) {
  const session = await deps.db
    .selectFrom('participants as p')
    .innerJoin('rooms as r', 'r.id', 'p.room_id')
    .select(['p.provider', 'p.role', 'r.facility_id'])
    .where('p.room_id', '=', visitId)
    .where('p.identity', '=', identity)
    .orderBy('p.issued_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!session) throw new AppError('CONFLICT', 'You were not in this visit’s call.');
  return session;
}

async function save(
  deps: Pick<Services, 'db'>,
  visitId: string,
  identity: string,
  body: CallFeedbackBody,
): Promise<CallFeedback> {
  const session = await latestSession(deps, visitId, identity);
  const tags = new Set(body.tags);
  const values = {
    provider: session.provider,
    role: session.role,
    rating: body.rating,
    could_not_hear: tags.has('could_not_hear'),
    could_not_see: tags.has('could_not_see'),
    call_dropped: tags.has('call_dropped'),
    hard_to_join: tags.has('hard_to_join'),
    comment: body.comment || null,
  };
  const row = await reportsDb(deps.db)
    .insertInto('call_feedback')
    .values({
      id: randomUUID(),
      room_id: visitId,
      facility_id: session.facility_id,
      identity,
      ...values,
    })
    .onConflict((oc) => oc.columns(['room_id', 'identity']).doUpdateSet(values))
    .returning(['created_at'])
    .executeTakeFirstOrThrow();
  return {
    visitId,
    provider: values.provider,
    role: values.role,
    rating: values.rating,
    tags: [...tags],
    comment: values.comment,
    createdAt: row.created_at.toISOString(),
  };
}

/** A visitor's feedback on the visit their waiting-room entry was for. */
export function saveVisitorFeedback(
  deps: Pick<Services, 'db'>,
  entry: LobbyEntryRow,
  body: CallFeedbackBody,
): Promise<CallFeedback> {
  return save(deps, entry.room_id, entry.identity, body);
}

/** A staff member's feedback on a visit they hosted. */
export async function saveStaffFeedback(
  deps: Pick<Services, 'db'>,
  staff: StaffMember,
  visitId: string,
  body: CallFeedbackBody,
): Promise<CallFeedback> {
  await getVisitRow(deps, staff, visitId);
  return save(deps, visitId, `staff-${staff.id}`, body);
}
