// Starts the whole server: configuration, the embedded LiveKit development server when LiveKit
// is on without a LIVEKIT_URL (never in production), storage, first-run seed, context, HTTP and
// background jobs. `main` and the end-to-end tests call `startOpenConnect`.
import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { bootstrap, type BootstrapResult } from './bootstrap/seed.ts';
import { loadConfig } from './config/load.ts';
import type { Config } from './config/schema.ts';
import type { Services } from './services.ts';
import { startLobbyExpiry } from './lobby/lobby-expiry.ts';
import { startEmbeddedMaintenance } from './storage/embedded-maintenance.ts';
import { startReconciler } from './visits/reconciler.ts';
import { startScheduleEnder } from './visits/schedule-end.ts';
import { startRecordingRetention } from './recordings/recording-retention.ts';
import { followPresence } from './participants/presence.ts';
import { logProviderUsage } from './rollout/default-switch.ts';
import {
  startEmbeddedLiveKit,
  type EmbeddedLiveKit,
} from './providers/livekit/embedded-dev-server.ts';
import type { ProviderSet } from './providers/provider-set.ts';
import { createEventBus, type EventBus } from './push/event-bus.ts';
import { closeServerContext, createServerContext } from './server-context.ts';
import { openDatabase, type DatabaseHandle } from './storage/db.ts';

export interface RunningServer {
  readonly url: string;
  readonly config: Config;
  readonly app: FastifyInstance;
  readonly database: DatabaseHandle;
  readonly providers: ProviderSet;
  readonly context: Services;
  readonly bootstrap: BootstrapResult | null;
  /** The in-process LiveKit development server, when one was started. */
  readonly embeddedLiveKit: EmbeddedLiveKit | undefined;
  close(): Promise<void>;
}

const hostInUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);

/** Loads config from `env`, opens and migrates storage, seeds on first run, and listens. */
// The start-up sequence in order, each step registering its cleanup; kept whole so the order of
// starting and stopping reads in one place.
export async function startOpenConnect(
  env: Record<string, string | undefined>,
): Promise<RunningServer> {
  let config = loadConfig(env);
  if (config.port === 0) {
    // Invite links carry the port, so an ephemeral port is chosen before anything is built.
    config = loadConfig({ ...env, PORT: String(await freePort(config.host)) }, config.webDistDir);
  }
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanUp = async () => {
    for (const fn of cleanups.reverse()) await fn();
  };
  try {
    let embeddedLiveKit: EmbeddedLiveKit | undefined;
    if (config.featureLiveKit && !config.livekit.url && config.env !== 'production') {
      const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
      embeddedLiveKit = await startEmbeddedLiveKit({
        host,
        recordingsDir: config.recordingsDir,
        webhookUrl: `http://${hostInUrl(host)}:${config.port}/api/v1/webhooks/livekit`,
      });
      const started = embeddedLiveKit;
      cleanups.push(() => started.close());
      config = loadConfig(
        {
          ...env,
          PORT: String(config.port),
          LIVEKIT_URL: started.url,
          LIVEKIT_API_KEY: started.apiKey,
          LIVEKIT_SECRET: started.apiSecret,
        },
        config.webDistDir,
      );
    }
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
    });
    cleanups.push(() => database.close());
    const seeded = await bootstrap(database, config);
    const bus: EventBus = await createEventBus(config.databaseUrl);
    cleanups.push(() => bus.close());
    const context = await createServerContext({ config, database, bus });
    cleanups.push(() => closeServerContext(context));
    const app = await buildApp(context);
    cleanups.push(() => app.close());
    cleanups.push(startLobbyExpiry(context, app.log));
    cleanups.push(startReconciler(context, app.log));
    cleanups.push(startScheduleEnder(context, app.log));
    cleanups.push(startRecordingRetention(context, app.log));
    cleanups.push(startEmbeddedMaintenance(database, app.log));
    cleanups.push(followPresence(context, app.log));
    context.health.start(app.log);
    await logProviderUsage(context, app.log);
    await app.listen({ host: config.host, port: config.port });
    let closing: Promise<void> | undefined;
    return {
      url: `http://${hostInUrl(config.host)}:${config.port}`,
      config,
      app,
      database,
      providers: context.providers,
      context,
      bootstrap: seeded,
      embeddedLiveKit,
      close: () => (closing ??= cleanUp()),
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
