// The rollout in plain words: which provider, whether LiveKit is on and what decided it, what a
// circuit state means for new visits, and why a facility gets its provider.
import type { FacilityRollout, RolloutState } from '@openconnect/contracts';
import { t } from '../i18n/t.ts';
import { isProviderName, type ProviderName } from '@openconnect/contracts/provider-types';

type CircuitState = RolloutState['circuit'][string];

/** The provider's name as staff know it. */
export function providerName(provider: string): string {
  return isProviderName(provider) ? t(`rollout.provider.${provider}`) : provider;
}

/** Whether new visits may use LiveKit. */
export function gateSummary(rollout: RolloutState): string {
  return t(rollout.livekitEnabled ? 'rollout.gate.on' : 'rollout.gate.off');
}

/** What decided the gate: the configuration, or an operator's switch (and what it overrides). */
export function gateSource(rollout: RolloutState): string {
  const configured = t(rollout.livekitConfigured ? 'rollout.config.on' : 'rollout.config.off');
  if (rollout.livekitSwitch === null) return t('rollout.source.config', { configured });
  return t(rollout.livekitSwitch ? 'rollout.source.switchOn' : 'rollout.source.switchOff', {
    configured,
  });
}

/** What a provider's circuit state means for new visits. */
export function circuitSentence(provider: string, state: CircuitState): string {
  if (state === 'open') {
    return provider === 'livekit'
      ? t('rollout.circuit.open.livekit')
      : t('rollout.circuit.open', { provider: providerName(provider) });
  }
  return t(state === 'half_open' ? 'rollout.circuit.halfOpen' : 'rollout.circuit.closed', {
    provider: providerName(provider),
  });
}

/** Why a facility's new visits get their provider. */
export function reasonWords(facility: FacilityRollout, percentage: number): string {
  switch (facility.reason) {
    case 'gate_closed':
      return t('rollout.reason.gateClosed');
    case 'override':
      return t('rollout.reason.override');
    case 'rollout':
      return t('rollout.reason.rollout', { bucket: facility.bucket, percentage });
    case 'default':
      return t('rollout.reason.default', { bucket: facility.bucket, percentage });
    case 'error':
      return t('rollout.reason.error');
  }
}

/** The label of an override choice. */
export function overrideLabel(override: ProviderName | null): string {
  return override === null
    ? t('rollout.override.none')
    : t('rollout.override.pinned', { provider: providerName(override) });
}
