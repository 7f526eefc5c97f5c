// The one place that answers "which provider does this facility use now?": an OpenFeature client
// over the rollout flag provider, in its own domain so several servers in one process stay apart.
import { randomUUID } from 'node:crypto';
import { NOOP_PROVIDER, OpenFeature, type Client } from '@openfeature/server-sdk';
import type { Config } from '../config/schema.ts';
import type { ProviderChoice, DecisionReason } from './decide.ts';
import { RolloutFlagProvider, VIDEO_PROVIDER_FLAG } from './flag-provider.ts';
import type { RolloutStore } from './rollout-store.ts';

export interface Choice {
  provider: ProviderChoice;
  reason: DecisionReason | 'error';
}

export class ProviderChooser {
  private constructor(
    private readonly client: Client,
    private readonly domain: string,
  ) {}

  static async create(config: Config, store: RolloutStore): Promise<ProviderChooser> {
    const domain = `openconnect-${randomUUID()}`;
    await OpenFeature.setProviderAndWait(domain, new RolloutFlagProvider(config, store));
    return new ProviderChooser(OpenFeature.getClient(domain), domain);
  }

  /** The provider a facility's new visits use. Falls back to the legacy provider on any error. */
  async choose(facilityId: string): Promise<Choice> {
    const details = await this.client.getStringDetails(VIDEO_PROVIDER_FLAG, 'p2p', {
      targetingKey: facilityId,
    });
    if (details.errorCode || (details.value !== 'p2p' && details.value !== 'livekit')) {
      return { provider: 'p2p', reason: 'error' };
    }
    return {
      provider: details.value,
      reason: (details.variant as DecisionReason | undefined) ?? 'default',
    };
  }

  /** Releases this server's domain so its provider (and the store it holds) can be collected. */
  async close(): Promise<void> {
    await OpenFeature.setProviderAndWait(this.domain, NOOP_PROVIDER);
  }
}
