// Which provider a visit runs on. A visit is pinned when created; until it starts, every join
// re-asks the rollout (so a rollback or a facility override takes effect at the next join) and a
// provider whose circuit is open is passed over for the legacy one. Once started, a visit stays
// where it is.
import { recordAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors/app-error.ts';
import type { ServerContext } from '../http/context.ts';
import type { BaseVideoProvider } from '../providers/base-video-provider.ts';
import type { ProviderChoice } from '../rollout/decide.ts';
import type { Db } from '../storage/db.ts';
import type { RoomRow } from '../storage/tables.ts';

export const LEGACY_PROVIDER: ProviderChoice = 'p2p';

export type FallbackReason = 'circuit_open' | 'not_enabled' | 'error';

/** The provider a visit of this facility should use right now, and whether that is a fallback. */
export async function desiredProvider(
  ctx: ServerContext,
  facilityId: string,
): Promise<{
  provider: ProviderChoice;
  fallback?: { from: ProviderChoice; reason: FallbackReason };
}> {
  const choice = await ctx.chooser.choose(facilityId);
  if (choice.provider === LEGACY_PROVIDER) return { provider: LEGACY_PROVIDER };
  if (!ctx.providers.get(choice.provider)) {
    return {
      provider: LEGACY_PROVIDER,
      fallback: { from: choice.provider, reason: 'not_enabled' },
    };
  }
  if (!ctx.health.isAvailable(choice.provider)) {
    return {
      provider: LEGACY_PROVIDER,
      fallback: { from: choice.provider, reason: 'circuit_open' },
    };
  }
  return { provider: choice.provider };
}

/** Counts (and audits) a visit moved off its provider. */
export async function recordFallback(
  ctx: ServerContext,
  db: Db,
  room: Pick<RoomRow, 'id' | 'facility_id'>,
  from: ProviderChoice,
  to: ProviderChoice,
  reason: FallbackReason,
): Promise<void> {
  ctx.metrics.fallbacks.inc({ from, to, reason });
  await recordAudit(db, {
    actor: null,
    action: 'visit.provider_fallback',
    targetType: 'visit',
    targetId: room.id,
    facilityId: room.facility_id,
    details: { from, to, reason },
  });
}

/** Re-pins a visit that has not started; returns the row as it is now. */
async function repin(
  ctx: ServerContext,
  room: RoomRow,
  provider: ProviderChoice,
): Promise<RoomRow> {
  const updated = await ctx.db
    .updateTable('rooms')
    .set({ provider })
    .where('id', '=', room.id)
    .where('status', '=', 'scheduled')
    .returningAll()
    .executeTakeFirst();
  return (
    updated ??
    (await ctx.db
      .selectFrom('rooms')
      .selectAll()
      .where('id', '=', room.id)
      .executeTakeFirstOrThrow())
  );
}

/** The provider for a join: re-evaluated before the visit starts, fixed after. */
export async function providerForJoin(
  ctx: ServerContext,
  room: RoomRow,
): Promise<{ room: RoomRow; provider: BaseVideoProvider }> {
  let current = room;
  if (room.status === 'scheduled') {
    const desired = await desiredProvider(ctx, room.facility_id);
    if (desired.fallback) {
      await recordFallback(
        ctx,
        ctx.db,
        room,
        desired.fallback.from,
        desired.provider,
        desired.fallback.reason,
      );
    }
    if (desired.provider !== room.provider) current = await repin(ctx, room, desired.provider);
  }
  const type = current.provider ?? LEGACY_PROVIDER;
  const provider = ctx.providers.get(type);
  if (!provider) {
    throw new AppError(
      'PROVIDER_UNAVAILABLE',
      `The video service for this visit (${type}) is not enabled.`,
    );
  }
  return { room: current, provider };
}

/** Moves a visit that has not started to the legacy provider after its provider failed. */
export async function fallBackToLegacy(
  ctx: ServerContext,
  room: RoomRow,
  from: ProviderChoice,
): Promise<RoomRow> {
  await recordFallback(ctx, ctx.db, room, from, LEGACY_PROVIDER, 'error');
  return repin(ctx, room, LEGACY_PROVIDER);
}
