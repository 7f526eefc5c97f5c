// Seeing and changing the rollout: operators switch LiveKit on or off for everyone and set the
// percentage; facility admins set their facility's override. Every change is audited and reaches
// every instance at once.
import type { RolloutState, StaffMember, UpdateRolloutBody } from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { assertAdmin, assertFacilityAccess } from '../auth/access.ts';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import type { ProviderName } from '@openconnect/contracts';
import { rolloutBucket, ruleFor } from './provider-policy.ts';

/** The rollout as this staff member may see it: all facilities for operators, theirs otherwise. */
export async function rolloutState(
  deps: Pick<Services, 'config' | 'db' | 'providers' | 'health' | 'rollout'>,
  staff: StaffMember,
): Promise<RolloutState> {
  assertAdmin(staff);
  const settings = await deps.rollout.snapshot();
  let query = deps.db.selectFrom('facilities').select(['id', 'name']).orderBy('name');
  if (!staff.isOperator) {
    if (staff.facilityIds.length === 0) query = query.where('id', 'is', null);
    else query = query.where('id', 'in', staff.facilityIds);
  }
  const facilities = await query.execute();
  const rows = await Promise.all(
    facilities.map(async (f) => {
      const choice = await ruleFor(deps, f.id);
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
  for (const provider of deps.providers.all())
    circuit[provider.type] = deps.health.state(provider.type) ?? 'closed';
  return {
    livekitConfigured: deps.config.featureLiveKit,
    livekitSwitch: settings.livekitEnabled,
    livekitEnabled: settings.livekitEnabled ?? deps.config.featureLiveKit,
    livekitAvailable: deps.providers.get('livekit') !== undefined,
    circuit,
    defaultProvider: deps.config.providerType,
    percentage: settings.percentage,
    canOperate: staff.isOperator === true,
    facilities: rows,
  };
}

/** Operators only: the global LiveKit switch (instant rollback) and the percentage. */
export async function updateRollout(
  deps: Pick<Services, 'config' | 'db' | 'providers' | 'health' | 'rollout'>,
  staff: StaffMember,
  body: UpdateRolloutBody,
): Promise<RolloutState> {
  if (!staff.isOperator)
    throw new AppError('FORBIDDEN', 'Only operators can change the rollout for everyone.');
  if (body.livekitEnabled === true && !deps.providers.get('livekit')) {
    throw new AppError(
      'CONFLICT',
      'LiveKit is not configured on this deployment (set LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_SECRET).',
    );
  }
  await deps.db.transaction().execute(async (tx) => {
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
    await recordAudit(
      { db: tx },
      {
        actor: staff,
        action: 'rollout.update',
        targetType: 'rollout',
        targetId: null,
        details: { ...body },
      },
    );
  });
  await deps.rollout.changed();
  return rolloutState(deps, staff);
}

/** Facility admins: pin the facility to a provider, or follow the rollout (null). */
export async function setFacilityOverride(
  deps: Pick<Services, 'config' | 'db' | 'providers' | 'health' | 'rollout'>,
  staff: StaffMember,
  facilityId: string,
  override: ProviderName | null,
): Promise<RolloutState> {
  assertAdmin(staff);
  if (!staff.isOperator) assertFacilityAccess(staff, facilityId);
  const exists = await deps.db
    .selectFrom('facilities')
    .select('id')
    .where('id', '=', facilityId)
    .executeTakeFirst();
  if (!exists) throw new AppError('NOT_FOUND', 'Facility not found.');
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('facility_provider_settings')
      .values({ facility_id: facilityId, override, updated_by: staff.id })
      .onConflict((oc) =>
        oc
          .column('facility_id')
          .doUpdateSet({ override, updated_by: staff.id, updated_at: new Date() }),
      )
      .execute();
    await recordAudit(
      { db: tx },
      {
        actor: staff,
        action: 'rollout.facility_override',
        targetType: 'facility',
        targetId: facilityId,
        facilityId,
        details: { override },
      },
    );
  });
  await deps.rollout.changed();
  return rolloutState(deps, staff);
}
