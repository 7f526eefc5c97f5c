// The providers this server runs: built once through the factory, initialized at start, checked
// by /readyz and closed at shutdown. The legacy p2p provider always runs: rollback returns to it.
import type { Config } from '../config/schema.ts';
import type { ReadinessCheck } from '../health/routes.ts';
import type { BaseVideoProvider } from './base-video-provider.ts';
import { providerConfigFor, type ProviderRuntime } from './registry.ts';
import type { ProviderType, VideoProviderFactory } from './video-provider-factory.ts';

export class ProviderSet {
  private constructor(private readonly providers: ReadonlyMap<ProviderType, BaseVideoProvider>) {}

  /** Builds and initializes the enabled providers; fails with a clear message if one cannot start. */
  static async start(
    factory: VideoProviderFactory,
    config: Config,
    runtime: ProviderRuntime,
  ): Promise<ProviderSet> {
    // LiveKit runs whenever it is configured, even with the gate closed: visits already on it
    // finish there, and the gate can be reopened without a restart.
    const types: ProviderType[] = ['p2p'];
    if (config.featureLiveKit || config.livekit.url) types.push('livekit');
    const built = new Map<ProviderType, BaseVideoProvider>();
    try {
      for (const type of types) {
        const provider = factory.create(type, providerConfigFor(type, config, runtime));
        await provider.initialize();
        built.set(type, provider);
      }
    } catch (error) {
      await Promise.all([...built.values()].map((p) => p.close().catch(() => undefined)));
      throw error;
    }
    return new ProviderSet(built);
  }

  /** The provider of a type, or undefined when it is not enabled. */
  get(type: ProviderType): BaseVideoProvider | undefined {
    return this.providers.get(type);
  }

  all(): BaseVideoProvider[] {
    return [...this.providers.values()];
  }

  /** One readiness check per provider, for /readyz. */
  readinessChecks(): ReadinessCheck[] {
    return this.all().map((provider) => ({
      name: `provider:${provider.type}`,
      check: async () => {
        const health = await provider.health();
        if (!health.ok) throw new Error(health.detail ?? `${provider.type} is unhealthy`);
      },
    }));
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((p) => p.close()));
  }
}
