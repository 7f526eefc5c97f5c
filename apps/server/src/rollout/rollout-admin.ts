// Seeing and changing the rollout: operators switch LiveKit on or off for everyone and set the
// percentage; facility admins set their facility's override. Every change is audited and reaches
// every instance at once.
import type { RolloutState, StaffMember, UpdateRolloutBody } from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { assertAdmin, assertFacilityAccess } from '../auth/access.ts';
import { AppError } from '../errors/app-error.ts';
import type { ServerContext } from '../http/context.ts';
import { rolloutBucket, type ProviderChoice } from './decide.ts';

/** The rollout as this staff member may see it: all facilities for operators, theirs otherwise. */
export async function rolloutState(ctx: ServerContext, staff: StaffMember): Promise<RolloutState> {
  assertAdmin(staff);
  const settings = await ctx.rollout.snapshot();
  let query = ctx.db.selectFrom('facilities').select(['id', 'name']).orderBy('name');
  if (!staff.isOperator) {
    if (staff.facilityIds.length === 0) query = query.where('id', 'is', null);
    else query = query.where('id', 'in', staff.facilityIds);
  }
  const facilities = await query.execute();
  const rows = await Promise.all(
    facilities.map(async (f) => {
      const choice = await ctx.chooser.choose(f.id);
      return {
        facilityId: f.id,
        name: f.name,
        override: settings.overrides.get(f.id) ?? null,
        bucket: rolloutBucket(f.id),
        effectiveProvider: choice.provider,
        reason: choice.reason,
      };
    }),
  );
  const circuit: RolloutState['circuit'] = {};
  for (const provider of ctx.providers.all())
    circuit[provider.type] = ctx.health.state(provider.type) ?? 'closed';
  return {
    livekitConfigured: ctx.config.featureLiveKit,
    livekitSwitch: settings.livekitEnabled,
    livekitEnabled: settings.livekitEnabled ?? ctx.config.featureLiveKit,
    livekitAvailable: ctx.providers.get('livekit') !== undefined,
    circuit,
    defaultProvider: ctx.config.providerType,
    percentage: settings.percentage,
    canOperate: staff.isOperator === true,
    facilities: rows,
  };
}

/** Operators only: the global LiveKit switch (instant rollback) and the percentage. */
export async function updateRollout(
  ctx: ServerContext,
  staff: StaffMember,
  body: UpdateRolloutBody,
): Promise<RolloutState> {
  if (!staff.isOperator)
    throw new AppError('FORBIDDEN', 'Only operators can change the rollout for everyone.');
  if (body.livekitEnabled === true && !ctx.providers.get('livekit')) {
    throw new AppError(
      'CONFLICT',
      'LiveKit is not configured on this deployment (set LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_SECRET).',
    );
  }
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('rollout_settings')
      .set({
        ...(body.livekitEnabled !== undefined ? { livekit_enabled: body.livekitEnabled } : {}),
        ...(body.percentage !== undefined ? { livekit_percentage: body.percentage } : {}),
        updated_by: staff.id,
        updated_at: new Date(),
      })
      .where('id', '=', 1)
      .execute();
    await recordAudit(tx, {
      actor: staff,
      action: 'rollout.update',
      targetType: 'rollout',
      targetId: null,
      details: { ...body },
    });
  });
  await ctx.rollout.changed();
  return rolloutState(ctx, staff);
}

/** Facility admins: pin the facility to a provider, or follow the rollout (null). */
export async function setFacilityOverride(
  ctx: ServerContext,
  staff: StaffMember,
  facilityId: string,
  override: ProviderChoice | null,
): Promise<RolloutState> {
  assertAdmin(staff);
  if (!staff.isOperator) assertFacilityAccess(staff, facilityId);
  const exists = await ctx.db
    .selectFrom('facilities')
    .select('id')
    .where('id', '=', facilityId)
    .executeTakeFirst();
  if (!exists) throw new AppError('NOT_FOUND', 'Facility not found.');
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('facility_provider_settings')
      .values({ facility_id: facilityId, override, updated_by: staff.id })
      .onConflict((oc) =>
        oc
          .column('facility_id')
          .doUpdateSet({ override, updated_by: staff.id, updated_at: new Date() }),
      )
      .execute();
    await recordAudit(tx, {
      actor: staff,
      action: 'rollout.facility_override',
      targetType: 'facility',
      targetId: facilityId,
      facilityId,
      details: { override },
    });
  });
  await ctx.rollout.changed();
  return rolloutState(ctx, staff);
}
