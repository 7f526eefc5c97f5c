// Consent to recording as staff read it: a visit's consent now (everyone present and their
// answer, for the running recording or the next one) and one recording's consent record, for
// staff of the visit's facility only.
import type {
  ConsentEntry,
  RecordingConsent,
  StaffMember,
  VisitConsent,
} from '@openconnect/contracts';
import { notFound } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import { getVisitRow } from '../visits/visits.ts';
import { people, rowsOf, runningRecording, toEntry } from './consent-people.ts';
import { requiresConsent } from './consent-settings.ts';

/** A visit's consent now, for its staff: the running recording's, or the next one's. */
export async function visitConsent(
  deps: Pick<Services, 'db'>,
  staff: StaffMember,
  visitId: string,
): Promise<VisitConsent> {
  const room = await getVisitRow(deps, staff, visitId);
  const required = await requiresConsent(deps, room.facility_id);
  const recording = await runningRecording(deps.db, visitId);
  const recordingId = recording?.id ?? null;
  const { present, leftAt } = await people(deps.db, visitId);
  const rows = await rowsOf(deps.db, visitId, recordingId);
  const byIdentity = new Map(rows.map((r) => [r.identity, r]));
  const entries: ConsentEntry[] = [];
  for (const [identity, p] of present) {
    const row = byIdentity.get(identity);
    entries.push(
      row
        ? toEntry(row, undefined)
        : {
            identity,
            displayName: p.displayName,
            role: p.role,
            state: 'pending',
            askedAt: null,
            answeredAt: null,
          },
    );
  }
  // During a recording, those who were asked and went stay on its record.
  if (recording) {
    for (const row of rows)
      if (!present.has(row.identity)) entries.push(toEntry(row, leftAt.get(row.identity)));
  }
  const everyoneAgreed =
    present.size > 0 &&
    entries.filter((e) => present.has(e.identity)).every((e) => e.state === 'understood');
  return { visitId, requiresConsent: required, recordingId, entries, everyoneAgreed };
}

/** One recording's consent record, for staff of its facility. */
export async function recordingConsent(
  deps: Pick<Services, 'db'>,
  staff: StaffMember,
  recordingId: string,
): Promise<RecordingConsent> {
  const recording = await deps.db
    .selectFrom('recordings')
    .select(['id', 'room_id'])
    .where('id', '=', recordingId)
    .executeTakeFirst();
  if (!recording) throw notFound('Recording');
  await getVisitRow(deps, staff, recording.room_id).catch(() => {
    throw notFound('Recording');
  });
  const { leftAt } = await people(deps.db, recording.room_id);
  const rows = await rowsOf(deps.db, recording.room_id, recording.id);
  return {
    recordingId: recording.id,
    visitId: recording.room_id,
    entries: rows.map((r) => toEntry(r, leftAt.get(r.identity))),
  };
}
