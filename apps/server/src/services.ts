// What a running server holds beside HTTP, shared by routes, sockets and jobs. Domain modules
// never take the whole of it: each function names the parts it uses, `deps: Pick<Services, …>`,
// as its first parameter (see docs/architecture.md, "Dependencies").
import type { Config } from './config/schema.ts';
import type { Metrics } from './metrics/metrics.ts';
import type { Notifier } from './notify/notifier.ts';
import type { ProviderSet } from './providers/provider-set.ts';
import type { EventBus } from './push/event-bus.ts';
import type { ProviderHealth } from './rollout/provider-health.ts';
import type { RolloutStore } from './rollout/rollout-store.ts';
import type { Db } from './storage/db.ts';

export interface Services {
  readonly config: Config;
  readonly db: Db;
  readonly providers: ProviderSet;
  readonly bus: EventBus;
  readonly metrics: Metrics;
  readonly rollout: RolloutStore;
  readonly health: ProviderHealth;
  /** Sends invitations (SMTP, or only logs them when none is set up). */
  readonly notifier: Notifier;
}
