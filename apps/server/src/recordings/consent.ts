// Consent to recording, per person. When a recording starts, everyone present is asked (a
// `pending` row each); someone who joins while it runs is asked when their call screen reads
// its consent, before it publishes camera and microphone. Each answer is stored with its time and
// audited, and pushed to the facility's staff pages. Someone who leaves without answering shows
// as `left` from their participant row's departure. In facilities whose setting says recording
// needs everyone's consent, people answer an advance notice (rows without a recording) and a
// recording can start only once everyone present has agreed; their answers are copied into the
// recording's record when it starts. Staff read the results through consent-records.ts.
import { randomUUID } from 'node:crypto';
import type { AnswerConsentBody, MyConsent, StaffMember } from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors/app-error.ts';
import { publishToVisitFacility } from '../push/facility-events.ts';
import type { Services } from '../services.ts';
import type { Db } from '../storage/db.ts';
import { people, rowsOf, runningRecording } from './consent-people.ts';
import { consentDb } from './consent-tables.ts';
import { requiresConsent } from './consent-settings.ts';

/** The person answering: a participant of the visit, as the participants table knows them. */
export interface ConsentPerson {
  visitId: string;
  identity: string;
  displayName: string;
  role: 'host' | 'visitor';
  /** The staff member, when the person is staff (for the audit log's actor). */
  staff?: StaffMember;
}

/** Tells the visit's staff pages that its consent changed. */
function announce(deps: Pick<Services, 'db' | 'bus'>, visitId: string): Promise<void> {
  return publishToVisitFacility(deps, visitId, { type: 'consent', visitId });
}

/** Puts the notice to one person (a `pending` row) unless they were already asked. */
async function ask(db: Db, person: ConsentPerson, recordingId: string | null): Promise<boolean> {
  const existing = (await rowsOf(db, person.visitId, recordingId)).find(
    (r) => r.identity === person.identity,
  );
  if (existing) return false;
  await consentDb(db)
    .insertInto('recording_consents')
    .values({
      id: randomUUID(),
      room_id: person.visitId,
      recording_id: recordingId,
      identity: person.identity,
      display_name: person.displayName,
      role: person.role,
      answer: 'pending',
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return true;
}

/**
 * What one participant's call screen should show, asking them (storing `pending`) if a notice is
 * due and they have not been asked: called before the screen publishes camera and microphone.
 */
export async function myConsent(
  deps: Pick<Services, 'db' | 'bus'>,
  person: ConsentPerson,
): Promise<MyConsent> {
  const room = await deps.db
    .selectFrom('rooms')
    .select(['facility_id', 'status'])
    .where('id', '=', person.visitId)
    .executeTakeFirstOrThrow();
  const required = await requiresConsent(deps, room.facility_id);
  const recording = await runningRecording(deps.db, person.visitId);
  const recordingId = recording?.id ?? null;
  if (room.status === 'ended' || (!recording && !required)) {
    return { requiresConsent: required, recordingId, state: null, ask: false };
  }
  const asked = await ask(deps.db, person, recordingId);
  if (asked) await announce(deps, person.visitId);
  const mine = (await rowsOf(deps.db, person.visitId, recordingId)).find(
    (r) => r.identity === person.identity,
  );
  const state = mine?.answer ?? 'pending';
  return { requiresConsent: required, recordingId, state, ask: state !== 'understood' };
}

/** Stores one participant's answer to the notice, audits it and tells staff. */
export async function answerConsent(
  deps: Pick<Services, 'db' | 'bus'>,
  person: ConsentPerson,
  body: AnswerConsentBody,
): Promise<MyConsent> {
  const room = await deps.db
    .selectFrom('rooms')
    .select(['facility_id', 'status'])
    .where('id', '=', person.visitId)
    .executeTakeFirstOrThrow();
  if (room.status === 'ended') throw new AppError('CONFLICT', 'This visit has ended.');
  const recording = await runningRecording(deps.db, person.visitId);
  if (body.recordingId !== null && body.recordingId !== recording?.id) {
    throw new AppError(
      'CONFLICT',
      'That recording is no longer running; the notice you answered has closed.',
    );
  }
  if (body.recordingId === null && !(await requiresConsent(deps, room.facility_id))) {
    throw new AppError('CONFLICT', 'This facility does not ask before recording starts.');
  }
  const { present } = await people(deps.db, person.visitId);
  if (!present.has(person.identity)) {
    throw new AppError('FORBIDDEN', 'Only someone in the visit can answer its recording notice.');
  }
  await deps.db.transaction().execute(async (tx) => {
    await ask(tx, person, body.recordingId);
    let update = consentDb(tx)
      .updateTable('recording_consents')
      .set({ answer: body.answer, answered_at: new Date() })
      .where('room_id', '=', person.visitId)
      .where('identity', '=', person.identity);
    update =
      body.recordingId === null
        ? update.where('recording_id', 'is', null)
        : update.where('recording_id', '=', body.recordingId);
    await update.execute();
    await recordAudit(
      { db: tx },
      {
        actor: person.staff ?? null,
        action: 'recording.consent',
        targetType: body.recordingId === null ? 'visit' : 'recording',
        targetId: body.recordingId ?? person.visitId,
        facilityId: room.facility_id,
        details: {
          visitId: person.visitId,
          identity: person.identity,
          displayName: person.displayName,
          answer: body.answer,
        },
      },
    );
  });
  await announce(deps, person.visitId);
  return myConsent(deps, person);
}

/** Who present has not agreed to the next recording (for the refusal and the console). */
async function notYetAgreed(db: Db, visitId: string): Promise<string[]> {
  const { present } = await people(db, visitId);
  const rows = await rowsOf(db, visitId, null);
  const agreed = new Set(rows.filter((r) => r.answer === 'understood').map((r) => r.identity));
  return [...present].filter(([identity]) => !agreed.has(identity)).map(([, p]) => p.displayName);
}

/**
 * Refuses to start a recording while the facility needs everyone's consent and someone present
 * has not agreed (CONSENT_REQUIRED, naming who is still to answer).
 */
export async function assertConsentAllowsStart(
  deps: Pick<Services, 'db'>,
  visitId: string,
  facilityId: string,
): Promise<void> {
  if (!(await requiresConsent(deps, facilityId))) return;
  const missing = await notYetAgreed(deps.db, visitId);
  if (missing.length === 0) return;
  throw new AppError(
    'CONSENT_REQUIRED',
    `Recording needs everyone’s consent here. Still to agree: ${missing.join(', ')}. ` +
      'Each person is asked on their call screen.',
    { waitingFor: missing },
  );
}

/**
 * Opens a starting recording's consent record: everyone present is asked, and those who already
 * agreed in advance (facilities that need everyone's consent) keep that answer and its time.
 */
export async function openConsentRecord(
  deps: Pick<Services, 'db' | 'bus'>,
  visitId: string,
  recordingId: string,
): Promise<void> {
  const { present } = await people(deps.db, visitId);
  const advance = new Map((await rowsOf(deps.db, visitId, null)).map((r) => [r.identity, r]));
  if (present.size > 0) {
    await consentDb(deps.db)
      .insertInto('recording_consents')
      .values(
        [...present].map(([identity, p]) => {
          const before = advance.get(identity);
          const agreed = before?.answer === 'understood';
          return {
            id: randomUUID(),
            room_id: visitId,
            recording_id: recordingId,
            identity,
            display_name: p.displayName,
            role: p.role,
            answer: agreed ? ('understood' as const) : ('pending' as const),
            asked_at: agreed ? before.asked_at : new Date(),
            answered_at: agreed ? before.answered_at : null,
          };
        }),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await announce(deps, visitId);
}
