// The provider policy: the one module that decides which video provider a facility's visits use
// and when a visit falls back to the legacy provider. Every answer is a `ProviderDecision` that
// says which provider and why; the why feeds metrics, the audit log and the rollout page.
//
// The rule, in order: the global LiveKit gate → the facility's override → the stable percentage
// → the default (the operator's default switch, else PROVIDER_TYPE). The fallback: a chosen provider that is not enabled here, whose circuit is
// open, or whose call failed with a retryable error, gives way to the legacy provider — before a
// visit starts only; a started visit stays where it is.
import { createHash } from 'node:crypto';
import { LEGACY_PROVIDER, type ProviderName } from '@openconnect/contracts';
import { recordAudit } from '../audit/audit-log.ts';
import { ProviderError } from '../providers/provider-error.ts';
import type { Services } from '../services.ts';

/** The provider the percentage rollout and the global gate move facilities to. */
export const ROLLOUT_PROVIDER: ProviderName = 'livekit';

/** Why the rule chose a provider. */
export type RuleReason = 'gate_closed' | 'override' | 'rollout' | 'default';
/** Why a visit left the provider the rule chose. */
export type FallbackReason = 'not_enabled' | 'circuit_open' | 'error';

/** Which provider, and why. */
export interface ProviderDecision {
  provider: ProviderName;
  reason: RuleReason;
  /** Present when the rule's choice could not be used and the legacy provider took over. */
  fallback?: { from: ProviderName; reason: FallbackReason };
}

export interface RolloutInputs {
  /** The default for facilities without an override: the default switch, else PROVIDER_TYPE. */
  defaultProvider: ProviderName;
  /** The global LiveKit gate (FEATURE_LIVEKIT, or the operator's switch that overrides it). */
  livekitEnabled: boolean;
  /** The facility's own setting, if any. */
  override: ProviderName | null;
  /** Share of facilities (0–100) moved to LiveKit by the percentage rollout. */
  percentage: number;
  facilityId: string;
}

/**
 * A facility's stable bucket, 0–99, from the SHA-256 of its id. Raising the percentage only ever
 * adds facilities: a facility is in the rollout when its bucket is below the percentage.
 */
export function rolloutBucket(facilityId: string): number {
  return createHash('sha256').update(facilityId).digest().readUInt32BE(0) % 100;
}

/** The rule alone, pure. The global gate wins over everything. */
export function decideProvider(inputs: RolloutInputs): ProviderDecision {
  if (!inputs.livekitEnabled) return { provider: LEGACY_PROVIDER, reason: 'gate_closed' };
  if (inputs.override) return { provider: inputs.override, reason: 'override' };
  if (rolloutBucket(inputs.facilityId) < inputs.percentage)
    return { provider: ROLLOUT_PROVIDER, reason: 'rollout' };
  return { provider: inputs.defaultProvider, reason: 'default' };
}

/** What the rule says for a facility with the rollout settings as they are now. */
export async function ruleFor(
  deps: Pick<Services, 'config' | 'rollout'>,
  facilityId: string,
): Promise<ProviderDecision> {
  const settings = await deps.rollout.snapshot();
  return decideProvider({
    defaultProvider: settings.defaultProvider ?? deps.config.providerType,
    livekitEnabled: settings.livekitEnabled ?? deps.config.featureLiveKit,
    override: settings.overrides.get(facilityId) ?? null,
    percentage: settings.percentage,
    facilityId,
  });
}

/** The provider a facility's new or not-yet-started visits use now: the rule, then availability. */
export async function chooseProvider(
  deps: Pick<Services, 'config' | 'rollout' | 'providers' | 'health'>,
  facilityId: string,
): Promise<ProviderDecision> {
  const rule = await ruleFor(deps, facilityId);
  if (rule.provider === LEGACY_PROVIDER) return rule;
  const unavailable: FallbackReason | undefined = !deps.providers.get(rule.provider)
    ? 'not_enabled'
    : !deps.health.isAvailable(rule.provider)
      ? 'circuit_open'
      : undefined;
  if (!unavailable) return rule;
  return {
    ...rule,
    provider: LEGACY_PROVIDER,
    fallback: { from: rule.provider, reason: unavailable },
  };
}

/**
 * After a provider call failed for a visit: the decision to move it to the legacy provider, or
 * undefined when the error must reach the caller (not retryable, visit started, already legacy).
 */
export function fallbackAfterFailure(
  deps: Pick<Services, 'providers'>,
  failed: { provider: ProviderName; visitStarted: boolean; reason: RuleReason },
  error: unknown,
): ProviderDecision | undefined {
  const retryable = error instanceof ProviderError && error.retryable;
  if (!retryable || failed.visitStarted || failed.provider === LEGACY_PROVIDER) return undefined;
  if (!deps.providers.get(LEGACY_PROVIDER)) return undefined;
  return {
    provider: LEGACY_PROVIDER,
    reason: failed.reason,
    fallback: { from: failed.provider, reason: 'error' },
  };
}

/**
 * Counts and audits a decision that fell back, and counts a visit pinned to p2p: when it is
 * created there (`created`), or moved there before it starts (its row still names another).
 */
export async function recordDecision(
  deps: Pick<Services, 'metrics' | 'db'>,
  visit: { id: string; facility_id: string; provider: ProviderName | null },
  decision: ProviderDecision,
  moment: 'created' | 'join' = 'join',
): Promise<void> {
  if (
    decision.provider === LEGACY_PROVIDER &&
    (moment === 'created' || visit.provider !== LEGACY_PROVIDER)
  )
    deps.metrics.p2pVisits.inc({ reason: decision.fallback ? 'fallback' : decision.reason });
  if (!decision.fallback) return;
  const { from, reason } = decision.fallback;
  deps.metrics.fallbacks.inc({ from, to: decision.provider, reason });
  await recordAudit(deps, {
    actor: null,
    action: 'visit.provider_fallback',
    targetType: 'visit',
    targetId: visit.id,
    facilityId: visit.facility_id,
    details: { from, to: decision.provider, reason },
  });
}
