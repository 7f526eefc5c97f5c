// VideoProviderFactory: builds providers from validated configuration through a registry keyed
// by provider type. An unknown or misconfigured type fails at start with a message that says why.
import type { ProviderName } from '@openconnect/contracts';
import type { z } from 'zod';
import type { Config } from '../config/schema.ts';
import type { EventBus } from '../push/event-bus.ts';
import type { Db } from '../storage/db.ts';
import type { BaseVideoProvider } from './base-video-provider.ts';

export type ProviderType = ProviderName;

/**
 * Runtime values providers need beyond Config: secrets kept in the database, and for providers
 * that keep state on our own server (p2p), the database and the bus shared by every instance.
 */
export interface ProviderRuntime {
  signalingSecret: string;
  db: Db;
  bus: EventBus;
}

/**
 * How one provider type is configured and constructed: everything the rest of the server needs
 * to know about a provider lives in its registration, in the provider's own folder.
 */
export interface ProviderRegistration<Schema extends z.ZodType = z.ZodType> {
  readonly type: ProviderType;
  /** Validates the provider's own configuration (ProviderConfig). */
  readonly configSchema: Schema;
  /** Whether this deployment runs the provider (configured, or always for the legacy one). */
  enabled(config: Config): boolean;
  /** The provider's raw configuration, taken from the server's; `configSchema` validates it. */
  configFrom(config: Config, runtime: ProviderRuntime): unknown;
  create(config: z.output<Schema>, runtime: ProviderRuntime): BaseVideoProvider;
}

/**
 * Declares a provider's registration with its config schema's types checked, and erases them for
 * the registry (which validates the raw config with that same schema before `create` sees it).
 */
export function defineProvider<S extends z.ZodType>(
  registration: ProviderRegistration<S>,
): ProviderRegistration {
  return registration as unknown as ProviderRegistration;
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
  register(registration: ProviderRegistration): this {
    if (this.registry.has(registration.type)) {
      throw new Error(`Provider type "${registration.type}" is already registered.`);
    }
    this.registry.set(registration.type, registration);
    return this;
  }

  /** The registered type names, for messages and docs. */
  types(): string[] {
    return [...this.registry.keys()];
  }

  /** The registrations of the providers this deployment runs, in registration order. */
  enabled(config: Config): ProviderRegistration[] {
    return [...this.registry.values()].filter((r) => r.enabled(config));
  }

  /** Validates `config` for `type` and builds the provider (not yet initialized). */
  create(type: string, config: unknown, runtime: ProviderRuntime): BaseVideoProvider {
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
    return registration.create(parsed.data, runtime);
  }
}
