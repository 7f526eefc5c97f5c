// VideoProviderFactory: builds providers from validated configuration through a registry keyed
// by provider type. An unknown or misconfigured type fails at start with a message that says why.
import type { z } from 'zod';
import type { JoinCredentials } from '@openconnect/contracts';
import type { BaseVideoProvider } from './base-video-provider.ts';

export type ProviderType = JoinCredentials['provider'];

/** How one provider type is configured and constructed. */
export interface ProviderRegistration<Schema extends z.ZodType = z.ZodType> {
  readonly type: ProviderType;
  /** Validates the provider's own configuration (ProviderConfig). */
  readonly configSchema: Schema;
  create(config: z.output<Schema>): BaseVideoProvider;
}

export class ProviderConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderConfigError';
  }
}

export class VideoProviderFactory {
  private readonly registry = new Map<string, ProviderRegistration>();

  /** Adds a provider type; registering a type twice is a programming error. */
  register<S extends z.ZodType>(registration: ProviderRegistration<S>): this {
    if (this.registry.has(registration.type)) {
      throw new Error(`Provider type "${registration.type}" is already registered.`);
    }
    this.registry.set(registration.type, registration as unknown as ProviderRegistration);
    return this;
  }

  /** The registered type names, for messages and docs. */
  types(): string[] {
    return [...this.registry.keys()];
  }

  /** Validates `config` for `type` and builds the provider (not yet initialized). */
  create(type: string, config: unknown): BaseVideoProvider {
    const registration = this.registry.get(type);
    if (!registration) {
      throw new ProviderConfigError(
        `Unknown provider type "${type}". Known types: ${this.types().join(', ') || 'none'}.`,
      );
    }
    const parsed = registration.configSchema.safeParse(config);
    if (!parsed.success) {
      const problems = parsed.error.issues
        .map((i) => `${i.path.join('.') || 'config'}: ${i.message}`)
        .join('; ');
      throw new ProviderConfigError(`Provider "${type}" is misconfigured: ${problems}`);
    }
    return registration.create(parsed.data);
  }
}
