// A facility's canned messages: the few things staff tell waiting visitors again and again
// ("Running about 10 minutes late"), offered as one-click choices in the staff message form.
// Any staff member of the facility reads them; its administrators edit them (audited). A facility
// that never edited them gets the defaults below.
import type { CannedMessages, StaffMember } from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { assertAdmin, assertFacilityAccess } from '../auth/access.ts';
import type { Services } from '../services.ts';
import { messagesDb } from './lobby-message-tables.ts';

/** What a facility offers before its administrators choose their own. */
export const DEFAULT_CANNED_MESSAGES: readonly string[] = [
  'Running about 10 minutes late, sorry for the wait.',
  'Thank you for waiting, we will be with you shortly.',
  'We are having technical trouble and will be with you as soon as we can.',
];

async function stored(deps: Pick<Services, 'db'>, facilityId: string) {
  const row = await messagesDb(deps.db)
    .selectFrom('facility_canned_messages')
    .select('messages')
    .where('facility_id', '=', facilityId)
    .executeTakeFirst();
  return row?.messages;
}

/** The facility's canned messages, for its staff. */
export async function getCannedMessages(
  deps: Pick<Services, 'db'>,
  staff: StaffMember,
  facilityId: string,
): Promise<CannedMessages> {
  assertFacilityAccess(staff, facilityId);
  const messages = await stored(deps, facilityId);
  return messages
    ? { messages, customised: true }
    : { messages: [...DEFAULT_CANNED_MESSAGES], customised: false };
}

/** Replaces the facility's canned messages (an administrator of it only); audited. */
export async function setCannedMessages(
  deps: Pick<Services, 'db'>,
  staff: StaffMember,
  facilityId: string,
  messages: string[],
): Promise<CannedMessages> {
  assertFacilityAccess(staff, facilityId);
  assertAdmin(staff);
  await deps.db.transaction().execute(async (tx) => {
    const before = (await stored({ db: tx }, facilityId)) ?? DEFAULT_CANNED_MESSAGES;
    const value = JSON.stringify(messages);
    await messagesDb(tx)
      .insertInto('facility_canned_messages')
      .values({ facility_id: facilityId, messages: value, updated_by: staff.id })
      .onConflict((oc) =>
        oc
          .column('facility_id')
          .doUpdateSet({ messages: value, updated_by: staff.id, updated_at: new Date() }),
      )
      .execute();
    await recordAudit(
      { db: tx },
      {
        actor: staff,
        action: 'facility.canned_messages.update',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        details: { before, after: messages },
      },
    );
  });
  return { messages, customised: true };
}
