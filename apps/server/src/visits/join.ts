// Joining a visit: the provider is settled (rollout, rollback, fallback), the provider's room is
// ensured, credentials are issued for one participant, and the participant is recorded. Join
// latency and errors are measured here, by provider and facility.
import { randomUUID } from 'node:crypto';
import {
  topics,
  type JoinCredentials,
  type ProviderName,
  type StaffEvent,
  type StaffMember,
} from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import type { BaseVideoProvider, Participant } from '../providers/base-video-provider.ts';
import { ProviderError } from '../providers/provider-error.ts';
import type { RoomRow } from '../storage/tables.ts';
import { withVisitProvider } from './provider-pinning.ts';
import { getVisitRow } from './visits.ts';

type JoinDeps = Pick<
  Services,
  'config' | 'rollout' | 'providers' | 'health' | 'metrics' | 'db' | 'bus'
>;

async function credentialsFrom(
  deps: Pick<Services, 'health'>,
  provider: BaseVideoProvider,
  room: RoomRow,
  participant: Participant,
): Promise<JoinCredentials> {
  try {
    await provider.createRoom({ roomId: room.id, facilityId: room.facility_id });
    // Credentials never outlive a scheduled visit's end (extensions included).
    const credentials = await provider.joinRoom(room.id, participant, {
      notAfter: room.scheduled_end ?? undefined,
    });
    deps.health.report(provider.type);
    return credentials;
  } catch (error) {
    deps.health.report(provider.type, error);
    throw error;
  }
}

/**
 * Records who was given credentials (one row per issue, so a reload that replaces a connection
 * gets a row of its own), and the visit goes live with its first participant. In a live visit
 * that is one statement; only the first join needs a transaction.
 */
async function recordParticipant(
  deps: Pick<Services, 'db' | 'bus'>,
  room: RoomRow,
  participant: Participant,
  provider: RoomRow['provider'] & string,
  staffId: string | null,
): Promise<void> {
  const row = {
    id: randomUUID(),
    room_id: room.id,
    identity: participant.identity,
    display_name: participant.displayName,
    role: participant.role,
    provider,
    staff_id: staffId,
    joined_at: null,
    left_at: null,
    left_reason: null,
  };
  if (room.status === 'live') {
    await deps.db.insertInto('participants').values(row).execute();
    return;
  }
  const started = await deps.db.transaction().execute(async (tx) => {
    await tx.insertInto('participants').values(row).execute();
    return tx
      .updateTable('rooms')
      .set({ status: 'live', started_at: new Date() })
      .where('id', '=', room.id)
      .where('status', '=', 'scheduled')
      .returning('id')
      .executeTakeFirst();
  });
  if (started) {
    // Staff pages show the visit as under way (and offer recording) from now on.
    const event: StaffEvent = { type: 'visit', visitId: room.id, status: 'live' };
    await deps.bus.publish(topics.facility(room.facility_id), event);
  }
  // The staff console lists who is in the visit from this event; it no longer polls after an admit.
  const changed: StaffEvent = { type: 'participants', visitId: room.id };
  await deps.bus.publish(topics.facility(room.facility_id), changed);
}

/** Issues credentials for `participant` in an open visit and records the participant. */
export async function issueCredentials(
  deps: JoinDeps,
  room: RoomRow,
  participant: Participant,
  staffId: string | null,
): Promise<JoinCredentials> {
  if (room.status === 'ended') throw new AppError('GONE', 'This visit has ended.');
  if (room.scheduled_end && room.scheduled_end.getTime() <= Date.now())
    throw new AppError('GONE', 'This visit has reached its end time.');
  const started = performance.now();
  let attempted: ProviderName | undefined;
  let joined;
  try {
    joined = await withVisitProvider(deps, room, (provider, settled) => {
      attempted = provider.type;
      return credentialsFrom(deps, provider, settled, participant);
    });
  } catch (error) {
    if (attempted) {
      const code =
        error instanceof ProviderError || error instanceof AppError ? error.code : 'INTERNAL';
      deps.metrics.joinErrors.inc({ provider: attempted, facility: room.facility_id, code });
    }
    throw error;
  }
  const { provider } = joined;
  await recordParticipant(deps, joined.room, participant, provider.type, staffId);
  deps.metrics.joinDuration.observe(
    { provider: provider.type, facility: room.facility_id },
    (performance.now() - started) / 1000,
  );
  return joined.result;
}

/** A staff member joins a visit of their facility as its host. */
export async function joinAsHost(
  deps: Pick<Services, 'config' | 'db' | 'bus' | 'providers' | 'health' | 'metrics' | 'rollout'>,
  staff: StaffMember,
  visitId: string,
): Promise<JoinCredentials> {
  const room = await getVisitRow(deps, staff, visitId);
  const credentials = await issueCredentials(
    deps,
    room,
    { identity: `staff-${staff.id}`, displayName: staff.displayName, role: 'host' },
    staff.id,
  );
  await recordAudit(deps, {
    actor: staff,
    action: 'visit.join_as_host',
    targetType: 'visit',
    targetId: visitId,
    facilityId: room.facility_id,
    details: { provider: credentials.provider },
  });
  return credentials;
}
