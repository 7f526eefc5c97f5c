// The providers this server runs: built once through the factory, initialized at start, checked
// by /readyz and closed at shutdown. Which providers run is each registration's `enabled`.
import type { Config } from '../config/schema.ts';
import type { ReadinessCheck } from '../health/routes.ts';
import type { BaseVideoProvider } from './base-video-provider.ts';
import type {
  ProviderRuntime,
  ProviderType,
  VideoProviderFactory,
} from './video-provider-factory.ts';

export class ProviderSet {
  private constructor(private readonly providers: ReadonlyMap<ProviderType, BaseVideoProvider>) {}

  /** Builds and initializes the enabled providers; fails with a clear message if one cannot start. */
  static async start(
    factory: VideoProviderFactory,
    config: Config,
    runtime: ProviderRuntime,
  ): Promise<ProviderSet> {
    const built = new Map<ProviderType, BaseVideoProvider>();
    try {
      for (const registration of factory.enabled(config)) {
        const { type } = registration;
        const provider = factory.create(type, registration.configFrom(config, runtime), runtime);
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
