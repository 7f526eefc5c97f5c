// Telling a facility's staff pages about one of its visits, when the caller knows only the visit.
import { topics, type StaffEvent } from '@openconnect/contracts';
import type { Services } from '../services.ts';

/** Publishes `event` to the staff pages of the facility that holds `visitId` (if it exists). */
export async function publishToVisitFacility(
  deps: Pick<Services, 'db' | 'bus'>,
  visitId: string,
  event: StaffEvent,
): Promise<void> {
  const room = await deps.db
    .selectFrom('rooms')
    .select('facility_id')
    .where('id', '=', visitId)
    .executeTakeFirst();
  if (room) await deps.bus.publish(topics.facility(room.facility_id), event);
}
