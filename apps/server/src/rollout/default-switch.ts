// The default switch: an operator makes LiveKit the default provider for every facility that
// does not choose for itself, in one audited step, and rolls it back to p2p in one audited step.
// Both set the percentage to 0, so the default alone decides; overrides keep winning, visits
// under way keep their provider (provider pinning), and the global gate still wins over all.
// Also here: which facilities still use p2p and why, for the rollout page and the start-up log.
import {
  LEGACY_PROVIDER,
  type DefaultProviderState,
  type P2pFacility,
  type ProviderName,
  type SetDefaultProviderBody,
  type StaffMember,
} from '@openconnect/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { recordAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import { chooseProvider, decideProvider } from './provider-policy.ts';
import { stabilityReport } from './stability.ts';

type Deps = Pick<Services, 'config' | 'db' | 'providers' | 'health' | 'rollout' | 'metrics'>;

/** The audit action of each change of the default. */
export const DEFAULT_ACTIONS = {
  livekit: 'rollout.default_switch',
  p2p: 'rollout.default_rollback',
  config: 'rollout.default_follow_config',
} as const;

export function assertOperator(staff: StaffMember): void {
  if (!staff.isOperator)
    throw new AppError('FORBIDDEN', 'Only operators can change the default provider.');
}

/** Facilities whose new visits go to p2p now, and why (the rule's reason, or a fallback). */
export async function p2pFacilities(
  deps: Pick<Services, 'config' | 'db' | 'providers' | 'health' | 'rollout'>,
): Promise<P2pFacility[]> {
  const facilities = await deps.db
    .selectFrom('facilities')
    .select(['id', 'name'])
    .orderBy('name')
    .execute();
  const rows: P2pFacility[] = [];
  for (const f of facilities) {
    const decision = await chooseProvider(deps, f.id);
    if (decision.provider !== LEGACY_PROVIDER) continue;
    // 'rollout' never sends a facility to p2p; the type says so too.
    const reason = decision.fallback
      ? 'fallback'
      : decision.reason === 'rollout'
        ? 'default'
        : decision.reason;
    rows.push({ facilityId: f.id, name: f.name, reason });
  }
  return rows;
}

/** The facilities whose new visits change provider when the default becomes `to` (percentage 0). */
async function affectedBy(
  deps: Pick<Services, 'config' | 'db' | 'rollout'>,
  to: ProviderName,
): Promise<{ facilityId: string; name: string }[]> {
  const settings = await deps.rollout.snapshot();
  const livekitEnabled = settings.livekitEnabled ?? deps.config.featureLiveKit;
  const facilities = await deps.db
    .selectFrom('facilities')
    .select(['id', 'name'])
    .orderBy('name')
    .execute();
  return facilities
    .filter((f) => {
      const common = {
        livekitEnabled,
        override: settings.overrides.get(f.id) ?? null,
        facilityId: f.id,
      };
      const now = decideProvider({
        ...common,
        defaultProvider: settings.defaultProvider ?? deps.config.providerType,
        percentage: settings.percentage,
      });
      const after = decideProvider({ ...common, defaultProvider: to, percentage: 0 });
      return now.provider !== after.provider;
    })
    .map((f) => ({ facilityId: f.id, name: f.name }));
}

/** The default as it is, who set it, the change on offer and whom it affects; operators only. */
export async function defaultProviderState(
  deps: Deps,
  staff: StaffMember,
): Promise<DefaultProviderState> {
  assertOperator(staff);
  const settings = await deps.rollout.snapshot();
  const provider = settings.defaultProvider ?? deps.config.providerType;
  const last = await deps.db
    .selectFrom('audit_events')
    .select(['created_at', 'actor_email'])
    .where('action', 'in', Object.values(DEFAULT_ACTIONS))
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const to: ProviderName = provider === 'livekit' ? LEGACY_PROVIDER : 'livekit';
  return {
    provider,
    source: settings.defaultProvider ? 'operator' : 'config',
    configured: deps.config.providerType,
    changedAt: last?.created_at.toISOString() ?? null,
    changedBy: last?.actor_email ?? null,
    change: { to, affected: await affectedBy(deps, to) },
    p2pFacilities: await p2pFacilities(deps),
  };
}

/**
 * Sets the default: `livekit` (the switch; LiveKit must be on and configured), `p2p` (the
 * rollback), or null (follow PROVIDER_TYPE). Audited with what it changed, the facilities it
 * moved and the stability criteria as they stood; heard by every instance at once.
 */
export async function setDefaultProvider(
  deps: Deps,
  staff: StaffMember,
  body: SetDefaultProviderBody,
): Promise<DefaultProviderState> {
  assertOperator(staff);
  const settings = await deps.rollout.snapshot();
  if (body.provider === 'livekit') {
    if (!deps.providers.get('livekit'))
      throw new AppError('CONFLICT', 'LiveKit is not configured on this deployment.');
    if (!(settings.livekitEnabled ?? deps.config.featureLiveKit))
      throw new AppError(
        'CONFLICT',
        'LiveKit is switched off for everyone: switch it on before making it the default.',
      );
  }
  const from = settings.defaultProvider ?? deps.config.providerType;
  const to = body.provider ?? deps.config.providerType;
  const affected = body.provider ? await affectedBy(deps, body.provider) : [];
  const stability = await stabilityReport(deps, undefined);
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('rollout_settings')
      .set({
        default_provider: body.provider,
        ...(body.provider ? { livekit_percentage: 0 } : {}),
        updated_by: staff.id,
        updated_at: new Date(),
      })
      .where('id', '=', 1)
      .execute();
    await recordAudit(
      { db: tx },
      {
        actor: staff,
        action: DEFAULT_ACTIONS[body.provider ?? 'config'],
        targetType: 'rollout',
        targetId: null,
        details: {
          from,
          to,
          percentageBefore: settings.percentage,
          facilitiesMoved: affected.map((f) => f.facilityId),
          stability: stability.verdict,
          criteria: Object.fromEntries(stability.criteria.map((c) => [c.id, c.status])),
        },
      },
    );
  });
  await deps.rollout.changed();
  return defaultProviderState(deps, staff);
}

/** At start-up: the default provider and which facilities still use p2p, and why. */
export async function logProviderUsage(deps: Deps, log: FastifyBaseLogger): Promise<void> {
  const settings = await deps.rollout.snapshot();
  const p2p = await p2pFacilities(deps);
  const byReason: Record<string, number> = {};
  for (const f of p2p) byReason[f.reason] = (byReason[f.reason] ?? 0) + 1;
  log.info(
    {
      defaultProvider: settings.defaultProvider ?? deps.config.providerType,
      defaultSetBy: settings.defaultProvider ? 'operator' : 'PROVIDER_TYPE',
      p2pByReason: byReason,
      // Bounded: a deployment with many facilities lists the first 50 here, all on the page.
      p2pFacilities: p2p.slice(0, 50).map((f) => `${f.name} (${f.facilityId}): ${f.reason}`),
    },
    `p2p serves ${p2p.length} facilit${p2p.length === 1 ? 'y' : 'ies'}`,
  );
}
