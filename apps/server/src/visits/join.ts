// Joining a visit: the provider is settled (rollout, rollback, fallback), the provider's room is
// ensured, credentials are issued for one participant, and the participant is recorded. Join
// latency and errors are measured here, by provider and facility.
//
// A join costs at most two statements: one that authenticates and reads what the join needs (the
// visit's row and whether this person is in it now), and one write only when the person enters the
// visit (their participant row, the visit going live, the host's audit entry, all in one
// statement). Credentials issued again to someone already in the visit write nothing.
import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import {
  topics,
  type JoinCredentials,
  type ProviderName,
  type StaffEvent,
} from '@openconnect/contracts';
import { resolveSession, sessionIdOf } from '../auth/sessions.ts';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import type { BaseVideoProvider, Participant } from '../providers/base-video-provider.ts';
import { ProviderError } from '../providers/provider-error.ts';
import { JOIN_ROOM_SELECTION, type JoinRoom } from '../storage/tables.ts';
import { withVisitProvider } from './provider-pinning.ts';
import { getVisitRow } from './visits.ts';

type JoinDeps = Pick<
  Services,
  'config' | 'rollout' | 'providers' | 'health' | 'metrics' | 'db' | 'bus'
>;

async function credentialsFrom(
  deps: Pick<Services, 'health'>,
  provider: BaseVideoProvider,
  room: JoinRoom,
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
 * Whether `identity` is in the visit `roomId` now (a participant row it has not left), as a column
 * of the statement that reads the join's inputs, so a join needs no statement of its own for it.
 */
export function presentIn(roomId: RawBuilder<unknown>, identity: RawBuilder<unknown>) {
  return sql<boolean>`exists (select 1 from participants where participants.room_id = ${roomId} and participants.identity = ${identity} and participants.left_at is null)`;
}

/** The host's audit entry, written with their participant row. */
interface JoinAudit {
  actor: { id: string; email: string };
  action: string;
}

/**
 * Records that a person entered the visit: one participant row per stay (a reload, a reconnect or
 * credentials issued again add nothing; coming back after leaving starts a new row), and the visit
 * goes live with its first participant. One statement; nothing at all when `present` says the
 * person is in the visit already and the visit is live.
 */
async function recordParticipant(
  deps: Pick<Services, 'db' | 'bus'>,
  room: JoinRoom,
  participant: Participant,
  provider: JoinRoom['provider'] & string,
  staffId: string | null,
  present: boolean,
  audit: JoinAudit | undefined,
): Promise<void> {
  if (present && room.status === 'live') return;
  const id = randomUUID();
  // The `not exists` keeps two joins of one person racing each other to one row.
  const inserted = sql`insert into participants (id, room_id, identity, display_name, role, provider, staff_id)
    select ${id}::uuid, ${room.id}::uuid, ${participant.identity}, ${participant.displayName}, ${participant.role}, ${provider}, ${staffId}::uuid
    where not exists (select 1 from participants where room_id = ${room.id}::uuid and identity = ${participant.identity} and left_at is null)
    returning id`;
  const started =
    room.status === 'live'
      ? sql`select null::uuid as id where false`
      : sql`update rooms set status = 'live', started_at = ${new Date().toISOString()}::timestamptz
          where id = ${room.id}::uuid and status = 'scheduled' returning id`;
  const audited = audit
    ? sql`, audited as (insert into audit_events (id, actor_id, actor_email, action, target_type, target_id, facility_id, details)
        select ${randomUUID()}::uuid, ${audit.actor.id}::uuid, ${audit.actor.email}, ${audit.action}, 'visit', ${room.id}, ${room.facility_id}::uuid, ${JSON.stringify({ provider })}::jsonb
        from recorded)`
    : sql``;
  const { rows } = await sql<{ recorded: number; started: number }>`
    with recorded as (${inserted}), started as (${started})${audited}
    select (select count(*) from recorded)::int as recorded, (select count(*) from started)::int as started`.execute(
    deps.db,
  );
  const result = rows[0];
  if (result?.started) {
    // Staff pages show the visit as under way (and offer recording) from now on.
    const event: StaffEvent = { type: 'visit', visitId: room.id, status: 'live' };
    await deps.bus.publish(topics.facility(room.facility_id), event);
  }
  if (!result?.recorded) return;
  // The staff console lists who is in the visit from this event; it no longer polls after an admit.
  const changed: StaffEvent = { type: 'participants', visitId: room.id };
  await deps.bus.publish(topics.facility(room.facility_id), changed);
}

/**
 * Issues credentials for `participant` in an open visit and records the participant when they
 * enter it; `present` is whether they are in it already (read with `room`, see `presentIn`).
 */
export async function issueCredentials(
  deps: JoinDeps,
  room: JoinRoom,
  participant: Participant,
  staffId: string | null,
  present = false,
  audit?: JoinAudit,
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
  await recordParticipant(deps, joined.room, participant, provider.type, staffId, present, audit);
  deps.metrics.joinDuration.observe(
    { provider: provider.type, facility: room.facility_id },
    (performance.now() - started) / 1000,
  );
  return joined.result;
}

/** What a host's join reads in its one statement: the visit, the host, whether they are in it. */
async function hostJoinInputs(deps: Pick<Services, 'db'>, sessionId: string, visitId: string) {
  // Inner joins: no row when the session, the staff member or their access to the facility is
  // missing; the caller then takes the long way to say which.
  const row = await deps.db
    .selectFrom('rooms')
    .innerJoin('sessions', (join) => join.on('sessions.id', '=', sessionId))
    .innerJoin('staff', (join) =>
      join.onRef('staff.id', '=', 'sessions.staff_id').on('staff.disabled_at', 'is', null),
    )
    .innerJoin('staff_facilities', (join) =>
      join
        .onRef('staff_facilities.staff_id', '=', 'staff.id')
        .onRef('staff_facilities.facility_id', '=', 'rooms.facility_id'),
    )
    .select(JOIN_ROOM_SELECTION)
    .select([
      'staff.id as host_id',
      'staff.email as host_email',
      'staff.display_name as host_name',
      'sessions.expires_at as session_expires_at',
    ])
    .select(presentIn(sql`rooms.id`, sql`'staff-' || staff.id`).as('present'))
    .where('rooms.id', '=', visitId)
    .executeTakeFirst();
  if (!row || row.session_expires_at.getTime() <= Date.now()) return undefined;
  const { host_id, host_email, host_name, session_expires_at: _expires, present, ...room } = row;
  return { room, present, host: { id: host_id, email: host_email, displayName: host_name } };
}

/**
 * A staff member joins a visit of their facility as its host. The session, the visit, the
 * facility access and whether they are in the visit already are read in one statement; when that
 * finds nothing, the session and the visit are read again one by one to answer with the reason.
 */
export async function joinAsHost(
  deps: Pick<Services, 'config' | 'db' | 'bus' | 'providers' | 'health' | 'metrics' | 'rollout'>,
  sessionToken: string | undefined,
  visitId: string,
): Promise<JoinCredentials> {
  const sessionId = sessionToken ? sessionIdOf(sessionToken) : null;
  let inputs = sessionId ? await hostJoinInputs(deps, sessionId, visitId) : undefined;
  if (!inputs) {
    const staff = sessionToken ? await resolveSession(deps, sessionToken) : null;
    if (!staff) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
    inputs = { room: await getVisitRow(deps, staff, visitId), present: false, host: staff };
  }
  const { room, present, host } = inputs;
  return issueCredentials(
    deps,
    room,
    { identity: `staff-${host.id}`, displayName: host.displayName, role: 'host' },
    host.id,
    present,
    { actor: { id: host.id, email: host.email }, action: 'visit.join_as_host' },
  );
}
