// An OpenFeature provider over OpenConnect's own rollout state: the flag `video-provider`
// resolves to "p2p" or "livekit" for an evaluation context whose targeting key is a facility id.
import {
  ErrorCode,
  StandardResolutionReasons,
  type EvaluationContext,
  type JsonValue,
  type Provider,
  type ResolutionDetails,
} from '@openfeature/server-sdk';
import type { Config } from '../config/schema.ts';
import { decideProvider, type DecisionReason } from './decide.ts';
import type { RolloutStore } from './rollout-store.ts';

export const VIDEO_PROVIDER_FLAG = 'video-provider';

const reasons: Record<DecisionReason, string> = {
  gate_closed: StandardResolutionReasons.DISABLED,
  override: StandardResolutionReasons.TARGETING_MATCH,
  rollout: StandardResolutionReasons.SPLIT,
  default: StandardResolutionReasons.DEFAULT,
};

export class RolloutFlagProvider implements Provider {
  readonly metadata = { name: 'openconnect-rollout' } as const;
  readonly runsOn = 'server' as const;

  constructor(
    private readonly config: Config,
    private readonly store: RolloutStore,
  ) {}

  async resolveStringEvaluation(
    flagKey: string,
    defaultValue: string,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<string>> {
    if (flagKey !== VIDEO_PROVIDER_FLAG) {
      return {
        value: defaultValue,
        reason: StandardResolutionReasons.ERROR,
        errorCode: ErrorCode.FLAG_NOT_FOUND,
      };
    }
    const facilityId = context.targetingKey;
    if (!facilityId) {
      return {
        value: defaultValue,
        reason: StandardResolutionReasons.ERROR,
        errorCode: ErrorCode.TARGETING_KEY_MISSING,
      };
    }
    const settings = await this.store.snapshot();
    const decision = decideProvider({
      defaultProvider: this.config.providerType,
      livekitEnabled: settings.livekitEnabled ?? this.config.featureLiveKit,
      override: settings.overrides.get(facilityId) ?? null,
      percentage: settings.percentage,
      facilityId,
    });
    return { value: decision.provider, variant: decision.reason, reason: reasons[decision.reason] };
  }

  async resolveBooleanEvaluation(
    _key: string,
    defaultValue: boolean,
  ): Promise<ResolutionDetails<boolean>> {
    return {
      value: defaultValue,
      reason: StandardResolutionReasons.ERROR,
      errorCode: ErrorCode.FLAG_NOT_FOUND,
    };
  }

  async resolveNumberEvaluation(
    _key: string,
    defaultValue: number,
  ): Promise<ResolutionDetails<number>> {
    return {
      value: defaultValue,
      reason: StandardResolutionReasons.ERROR,
      errorCode: ErrorCode.FLAG_NOT_FOUND,
    };
  }

  async resolveObjectEvaluation<T extends JsonValue>(
    _key: string,
    defaultValue: T,
  ): Promise<ResolutionDetails<T>> {
    return {
      value: defaultValue,
      reason: StandardResolutionReasons.ERROR,
      errorCode: ErrorCode.FLAG_NOT_FOUND,
    };
  }
}
