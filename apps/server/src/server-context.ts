// Builds (and closes) everything a running server holds beside HTTP: providers, the event bus,
// metrics, rollout state, and the provider health monitor. Tests build the same context.
import { Counter, Gauge } from 'prom-client';
import type { Config } from './config/schema.ts';
import type { Services } from './services.ts';
import { Metrics } from './metrics/metrics.ts';
import { createNotifier } from './notify/notifier.ts';
import { ProviderSet } from './providers/provider-set.ts';
import { createProviderFactory } from './providers/registry.ts';
import type { EventBus } from './push/event-bus.ts';
import { ProviderHealth, type ProviderHealthOptions } from './rollout/provider-health.ts';
import { RolloutStore } from './rollout/rollout-store.ts';
import type { DatabaseHandle } from './storage/db.ts';
import { serverSecret } from './storage/server-secrets.ts';

/** Builds and initializes the enabled providers with the secrets they need. */
export async function startProviders(
  config: Config,
  database: DatabaseHandle,
  bus: EventBus,
): Promise<ProviderSet> {
  const signalingSecret = config.signalingSecret ?? (await serverSecret(database, 'p2p-signaling'));
  return ProviderSet.start(createProviderFactory(), config, {
    signalingSecret,
    db: database.db,
    bus,
  });
}

/** Everything the routes and jobs share, over an open database and bus. */
export async function createServerContext(options: {
  config: Config;
  database: DatabaseHandle;
  bus: EventBus;
  health?: ProviderHealthOptions;
}): Promise<Services> {
  const { config, database, bus } = options;
  const providers = await startProviders(config, database, bus);
  const metrics = new Metrics(database.db);
  measureBus(bus, metrics);
  const rollout = new RolloutStore(database.db, bus);
  const health = new ProviderHealth(providers, metrics, options.health);
  const notifier = createNotifier(config);
  return { config, db: database.db, providers, bus, metrics, rollout, health, notifier };
}

/** Whether the bus hears the other instances, and how often it lost them, for /metrics. */
function measureBus(bus: EventBus, metrics: Metrics): void {
  new Gauge({
    name: 'openconnect_event_bus_up',
    help: '1 while this instance hears events from every instance, 0 while its LISTEN connection is lost.',
    registers: [metrics.registry],
    collect() {
      this.set(bus.status().up ? 1 : 0);
    },
  });
  const losses = new Counter({
    name: 'openconnect_event_bus_disconnects_total',
    help: 'Times this instance lost its LISTEN connection (its sockets resynced after each).',
    registers: [metrics.registry],
  });
  // The bus drops this listener when it closes.
  bus.onStatus((status) => {
    if (!status.up) losses.inc();
  });
}

/** Stops what the context started (not the database or the bus, which the caller owns). */
export async function closeServerContext(ctx: Services): Promise<void> {
  ctx.health.stop();
  ctx.rollout.close();
  ctx.notifier.close();
  await ctx.providers.close();
}
