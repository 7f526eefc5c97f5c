// How full a call is, by its provider's own limit: the p2p mesh's small maximum
// (P2P_MAX_PARTICIPANTS) or the LiveKit room's maximum (10 unless configured otherwise). Who is
// connected is asked of the provider itself, the same source it refuses a join from; people
// added to the call who have not come in yet hold a place too, so staff cannot invite past the
// limit.
import type { CallCapacity } from '@openconnect/contracts';
import { AppError } from '../errors/app-error.ts';
import { ProviderError } from '../providers/provider-error.ts';
import type { Services } from '../services.ts';
import type { RoomRow } from '../storage/tables.ts';

// The provider's health, when given, spares asking a provider known to be down.
type CapacityDeps = Pick<Services, 'db' | 'providers'> & { health?: Services['health'] };

/**
 * People connected to the visit's provider room now; 0 when the room does not exist yet, or when
 * the provider cannot be asked: an outage must not stop staff letting people in (the join then
 * follows the usual fallback, and the provider still refuses a full room itself).
 */
async function connected(deps: CapacityDeps, room: RoomRow): Promise<number> {
  const provider = room.provider ? deps.providers.get(room.provider) : undefined;
  if (!provider || deps.health?.isAvailable(provider.type) === false) return 0;
  try {
    return (await provider.listParticipants(room.id)).length;
  } catch (error) {
    if (error instanceof ProviderError) return 0;
    throw error;
  }
}

/** The provider's limit for the visit: its own provider's, or the smallest enabled one's. */
function limitOf(deps: CapacityDeps, room: RoomRow): number {
  const provider = room.provider ? deps.providers.get(room.provider) : undefined;
  if (provider) return provider.capabilities.maxParticipants;
  return Math.min(...deps.providers.all().map((p) => p.capabilities.maxParticipants));
}

/** Extra invites of the visit, still usable, whose person has not been let in yet. */
async function pendingInvites(deps: CapacityDeps, roomId: string): Promise<number> {
  const row = await deps.db
    .selectFrom('invites')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('room_id', '=', roomId)
    .where('role', 'is not', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('lobby_entries')
            .select('lobby_entries.id')
            .whereRef('lobby_entries.invite_id', '=', 'invites.id')
            .where('lobby_entries.status', 'in', ['admitted', 'removed']),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How full the visit's call is. */
export async function callCapacity(deps: CapacityDeps, room: RoomRow): Promise<CallCapacity> {
  const [present, pending] = await Promise.all([
    connected(deps, room),
    pendingInvites(deps, room.id),
  ]);
  return { provider: room.provider, max: limitOf(deps, room), present, pending };
}

/** Refuses with ROOM_FULL when nobody more can be invited: connected plus pending at the limit. */
export function assertRoomToInvite(capacity: CallCapacity): void {
  if (capacity.present + capacity.pending < capacity.max) return;
  const waitingFor =
    capacity.pending > 0
      ? ` ${capacity.pending} of those places are held by people already invited who have not come in; withdraw an unused invite to free one.`
      : ' Someone must leave before you add another person.';
  throw new AppError(
    'ROOM_FULL',
    `This call is full: ${capacity.max} people is the most ${providerName(capacity)} allows.${waitingFor}`,
    capacity,
  );
}

/** Refuses with ROOM_FULL when the call has no free place for one more person now. */
export function assertSeatNow(capacity: CallCapacity, name: string): void {
  if (capacity.present < capacity.max) return;
  throw new AppError(
    'ROOM_FULL',
    `The call is full (${capacity.present} of ${capacity.max} on ${providerName(capacity)}), so ${name} cannot come in yet. Let them in once someone has left.`,
    capacity,
  );
}

function providerName(capacity: CallCapacity): string {
  return capacity.provider === 'livekit' ? 'LiveKit' : 'a peer-to-peer call';
}

/** Refuses to let a waiting entry in while its visit's call is full. */
export async function assertSeatForEntry(
  deps: CapacityDeps,
  entry: { room_id: string; display_name: string },
): Promise<void> {
  const room = await deps.db
    .selectFrom('rooms')
    .selectAll()
    .where('id', '=', entry.room_id)
    .executeTakeFirstOrThrow();
  assertSeatNow(await callCapacity(deps, room), entry.display_name);
}
