// Which provider a visit runs on, kept in its row. A visit is pinned when created; until it
// starts, every join asks the provider policy again (so a rollback or a facility override takes
// effect at the next join, and an unavailable provider is passed over). Once started, a visit
// stays where it is. The decisions are the policy's (rollout/provider-policy.ts); this module
// applies them to the row and runs a join's provider call under them.
import { AppError } from '../errors/app-error.ts';
import type { BaseVideoProvider } from '../providers/base-video-provider.ts';
import {
  chooseProvider,
  fallbackAfterFailure,
  recordDecision,
  type ProviderDecision,
} from '../rollout/provider-policy.ts';
import type { Services } from '../services.ts';
import { JOIN_ROOM_COLUMNS, type JoinRoom } from '../storage/tables.ts';

type PinningDeps = Pick<Services, 'config' | 'rollout' | 'providers' | 'health' | 'metrics' | 'db'>;

/** Re-pins a visit that has not started; returns the row as it is now. */
async function repin(
  deps: Pick<Services, 'db'>,
  room: JoinRoom,
  provider: JoinRoom['provider'],
): Promise<JoinRoom> {
  if (provider === room.provider) return room;
  const updated = await deps.db
    .updateTable('rooms')
    .set({ provider })
    .where('id', '=', room.id)
    .where('status', '=', 'scheduled')
    .returning(JOIN_ROOM_COLUMNS)
    .executeTakeFirst();
  return (
    updated ??
    (await deps.db
      .selectFrom('rooms')
      .select(JOIN_ROOM_COLUMNS)
      .where('id', '=', room.id)
      .executeTakeFirstOrThrow())
  );
}

function providerOf(deps: Pick<Services, 'providers'>, room: JoinRoom): BaseVideoProvider {
  const type = room.provider;
  const provider = type ? deps.providers.get(type) : undefined;
  if (!provider) {
    throw new AppError(
      'PROVIDER_UNAVAILABLE',
      `The video service for this visit (${type ?? 'none'}) is not enabled.`,
    );
  }
  return provider;
}

/** Settles the visit's provider for a join: asked again before the visit starts, fixed after. */
async function settle(
  deps: PinningDeps,
  room: JoinRoom,
): Promise<{ room: JoinRoom; decision: ProviderDecision | undefined }> {
  if (room.status !== 'scheduled') return { room, decision: undefined };
  const decision = await chooseProvider(deps, room.facility_id);
  await recordDecision(deps, room, decision);
  return { room: await repin(deps, room, decision.provider), decision };
}

/**
 * Runs `call` with the visit's provider under the policy: the provider is settled first, and a
 * retryable failure of a visit that has not started moves it to the legacy provider and tries
 * once more there. Returns the result and the row as it is now.
 */
export async function withVisitProvider<T>(
  deps: PinningDeps,
  room: JoinRoom,
  call: (provider: BaseVideoProvider, room: JoinRoom) => Promise<T>,
): Promise<{ result: T; room: JoinRoom; provider: BaseVideoProvider }> {
  const settled = await settle(deps, room);
  const provider = providerOf(deps, settled.room);
  try {
    return { result: await call(provider, settled.room), room: settled.room, provider };
  } catch (error) {
    const fallback = fallbackAfterFailure(
      deps,
      {
        provider: provider.type,
        visitStarted: settled.room.status !== 'scheduled',
        reason: settled.decision?.reason ?? 'default',
      },
      error,
    );
    if (!fallback) throw error;
    await recordDecision(deps, settled.room, fallback);
    const moved = await repin(deps, settled.room, fallback.provider);
    const legacy = providerOf(deps, moved);
    return { result: await call(legacy, moved), room: moved, provider: legacy };
  }
}
