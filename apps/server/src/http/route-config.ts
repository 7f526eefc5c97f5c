// What route plugins are given: configuration and storage, nothing global.
import type { Config } from '../config/schema.ts';
import type { ProviderSet } from '../providers/provider-set.ts';
import type { EventBus } from '../push/event-bus.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { ProviderChooser } from '../rollout/provider-chooser.ts';
import type { ProviderHealth } from '../rollout/provider-health.ts';
import type { RolloutStore } from '../rollout/rollout-store.ts';
import type { Db, DatabaseHandle } from '../storage/db.ts';

export interface ServerContext {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly db: Db;
  readonly providers: ProviderSet;
  readonly bus: EventBus;
  readonly metrics: Metrics;
  readonly rollout: RolloutStore;
  readonly chooser: ProviderChooser;
  readonly health: ProviderHealth;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a staff session (sign-in, invite landing, webhooks). */
    public?: boolean;
  }
}
