// A facility's recording settings: whether recording needs everyone's consent before it starts.
// Read by the consent rules; changed by the facility's administrators, audited.
import { topics, type RecordingSettings, type StaffMember } from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import { consentDb } from './consent-tables.ts';

/** Whether recordings in this facility wait for everyone present to agree. Off by default. */
export async function requiresConsent(
  deps: Pick<Services, 'db'>,
  facilityId: string,
): Promise<boolean> {
  const row = await consentDb(deps.db)
    .selectFrom('facility_recording_settings')
    .select('requires_consent')
    .where('facility_id', '=', facilityId)
    .executeTakeFirst();
  return row?.requires_consent ?? false;
}

/** A facility's recording settings, for its staff. */
export async function getRecordingSettings(
  deps: Pick<Services, 'db'>,
  staff: StaffMember,
  facilityId: string,
): Promise<RecordingSettings> {
  if (!staff.facilityIds.includes(facilityId)) throw notFound('Facility');
  return { facilityId, requiresConsent: await requiresConsent(deps, facilityId) };
}

/** Changes a facility's recording settings (its administrators only), audited. */
export async function updateRecordingSettings(
  deps: Pick<Services, 'db' | 'bus'>,
  staff: StaffMember,
  facilityId: string,
  change: { requiresConsent: boolean },
): Promise<RecordingSettings> {
  if (!staff.facilityIds.includes(facilityId)) throw notFound('Facility');
  if (staff.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'Only an administrator can change recording settings.');
  }
  await deps.db.transaction().execute(async (tx) => {
    await consentDb(tx)
      .insertInto('facility_recording_settings')
      .values({
        facility_id: facilityId,
        requires_consent: change.requiresConsent,
        updated_by: staff.id,
      })
      .onConflict((oc) =>
        oc.column('facility_id').doUpdateSet({
          requires_consent: change.requiresConsent,
          updated_by: staff.id,
          updated_at: new Date(),
        }),
      )
      .execute();
    await recordAudit(
      { db: tx },
      {
        actor: staff,
        action: 'recording.settings',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        details: { requiresConsent: change.requiresConsent },
      },
    );
  });
  // The consent shown beside each live visit's Start recording changes with the setting.
  const live = await deps.db
    .selectFrom('rooms')
    .select('id')
    .where('facility_id', '=', facilityId)
    .where('status', '=', 'live')
    .execute();
  for (const room of live) {
    await deps.bus.publish(topics.facility(facilityId), { type: 'consent', visitId: room.id });
  }
  return { facilityId, requiresConsent: change.requiresConsent };
}
