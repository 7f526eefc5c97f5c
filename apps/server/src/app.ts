// Builds the Fastify application and starts the whole server. `startOpenConnect` is what `main`
// and the end-to-end tests call; `buildApp` is what API tests inject requests into.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { auditRoutes } from './audit/routes.ts';
import { requireStaff } from './auth/request-auth.ts';
import { authRoutes } from './auth/routes.ts';
import { bootstrap, type BootstrapResult } from './bootstrap/seed.ts';
import { loadConfig } from './config/load.ts';
import type { Config } from './config/schema.ts';
import { facilityRoutes } from './facilities/routes.ts';
import { healthRoutes } from './health/routes.ts';
import type { ServerContext } from './http/context.ts';
import { installErrorHandling, sendError } from './http/errors.ts';
import { ProviderSet } from './providers/provider-set.ts';
import { createProviderFactory } from './providers/registry.ts';
import {
  startEmbeddedLiveKit,
  type EmbeddedLiveKit,
} from './providers/livekit/embedded-dev-server.ts';
import { openDatabase, type DatabaseHandle } from './storage/db.ts';
import { serverSecret } from './storage/server-secrets.ts';
import { visitRoutes } from './visits/routes.ts';
import { lobbyRoutes } from './lobby/routes.ts';
import { startLobbyExpiry } from './lobby/lobby-expiry.ts';
import { participantRoutes } from './participants/routes.ts';
import { recordingRoutes } from './recordings/routes.ts';
import { publicConfigRoutes } from './http/public-config-routes.ts';
import { providerWebhookRoutes } from './webhooks/provider-webhooks.ts';
import { createEventBus, type EventBus } from './push/event-bus.ts';
import { visitorSocketRoutes } from './push/visitor-socket.ts';
import { staffSocketRoutes } from './push/staff-socket.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface AppDependencies {
  config: Config;
  database: DatabaseHandle;
  providers: ProviderSet;
  bus: EventBus;
}

/** Builds the HTTP application over already-open dependencies. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, database, providers, bus } = deps;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      serializers: {
        // URLs are logged without query strings: a token must never reach the logs.
        req: (req) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
      },
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON bodies: form, multipart and text bodies (what a cross-site form can send) get 415.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  installErrorHandling(app);

  // CSRF defence in depth beside SameSite=Strict cookies: a state-changing request that says it
  // comes from another origin is refused.
  app.addHook('onRequest', async (request, reply) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
    const origin = request.headers.origin;
    if (origin && origin !== 'null') {
      let host: string | undefined;
      try {
        host = new URL(origin).host;
      } catch {
        host = undefined;
      }
      if (host !== request.headers.host && origin !== config.publicUrl) {
        return sendError(reply, request, 'FORBIDDEN', 'Cross-origin requests are not allowed.');
      }
    }
  });

  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, { options: { maxPayload: 1024 * 1024 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'OpenConnect API', version: '1' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'oc_session' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  const ctx: ServerContext = { config, database, db: database.db, providers, bus };
  await app.register(healthRoutes(database, () => providers.readinessChecks()));
  for (const provider of providers.all()) {
    if (provider.routes) await app.register(provider.routes);
  }
  await app.register(
    async (api) => {
      // Every API route needs a signed-in staff member unless it says `config: { public: true }`;
      // checked before validation so anonymous callers learn nothing about the route's shape.
      api.addHook('onRequest', async (request) => {
        if (!request.routeOptions.config.public) await requireStaff(database.db, request);
      });
      await api.register(authRoutes(ctx), { prefix: '/auth' });
      await api.register(facilityRoutes(ctx));
      await api.register(visitRoutes(ctx));
      await api.register(auditRoutes(ctx));
      await api.register(lobbyRoutes(ctx));
      await api.register(participantRoutes(ctx));
      await api.register(recordingRoutes(ctx));
      await api.register(publicConfigRoutes(ctx));
      await api.register(providerWebhookRoutes(ctx));
    },
    { prefix: '/api/v1' },
  );

  await app.register(visitorSocketRoutes(ctx));
  await app.register(staffSocketRoutes(ctx));

  const indexHtml = path.join(config.webDistDir, 'index.html');
  const hasWeb = existsSync(indexHtml);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webDistDir,
      wildcard: false,
      index: false,
      // The build writes .br and .gz beside each asset; hashed asset names never change content.
      preCompressed: true,
      setHeaders: (res, filePath) => {
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          res.header('cache-control', 'public, max-age=31536000, immutable');
        }
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const isApi = /^\/(api|docs|healthz|readyz|metrics|rtc|ws)(\/|$)/.test(url);
    if (!isApi && hasWeb && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendError(reply, request, 'NOT_FOUND', `No route for ${request.method} ${url}.`);
  });

  return app;
}

export interface RunningServer {
  readonly url: string;
  readonly config: Config;
  readonly app: FastifyInstance;
  readonly database: DatabaseHandle;
  readonly providers: ProviderSet;
  readonly bootstrap: BootstrapResult | null;
  /** The in-process LiveKit development server, when one was started. */
  readonly embeddedLiveKit: EmbeddedLiveKit | undefined;
  close(): Promise<void>;
}

/** Loads config from `env`, opens and migrates storage, seeds on first run, and listens. */
export async function startOpenConnect(
  env: Record<string, string | undefined>,
): Promise<RunningServer> {
  let config = loadConfig(env);
  if (config.port === 0) {
    // Invite links carry the port, so an ephemeral port is chosen before anything is built.
    config = loadConfig({ ...env, PORT: String(await freePort(config.host)) }, config.webDistDir);
  }
  let embeddedLiveKit: EmbeddedLiveKit | undefined;
  if (config.featureLiveKit && !config.livekit.url && config.env !== 'production') {
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    embeddedLiveKit = await startEmbeddedLiveKit({
      host,
      recordingsDir: config.recordingsDir,
      webhookUrl: `http://${host.includes(':') ? `[${host}]` : host}:${config.port}/api/v1/webhooks/livekit`,
    });
    config = loadConfig(
      {
        ...env,
        PORT: String(config.port),
        LIVEKIT_URL: embeddedLiveKit.url,
        LIVEKIT_API_KEY: embeddedLiveKit.apiKey,
        LIVEKIT_SECRET: embeddedLiveKit.apiSecret,
      },
      config.webDistDir,
    );
  }
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  }).catch(async (error: unknown) => {
    await embeddedLiveKit?.close();
    throw error;
  });
  let app: FastifyInstance | undefined;
  let providers: ProviderSet | undefined;
  let bus: EventBus | undefined;
  let stopExpiry: (() => void) | undefined;
  try {
    const seeded = await bootstrap(database.db, config);
    providers = await startProviders(config, database);
    bus = await createEventBus(config.databaseUrl);
    app = await buildApp({ config, database, providers, bus });
    stopExpiry = startLobbyExpiry({ config, database, db: database.db, providers, bus }, app.log);
    await app.listen({ host: config.host, port: config.port });
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
    const running = app;
    const runningProviders = providers;
    const runningBus = bus;
    const stopJobs = stopExpiry;
    let closing: Promise<void> | undefined;
    return {
      url,
      config,
      app: running,
      database,
      providers: runningProviders,
      bootstrap: seeded,
      embeddedLiveKit,
      close: () =>
        (closing ??= (async () => {
          stopJobs();
          await running.close();
          await runningProviders.close();
          await runningBus.close();
          await database.close();
          await embeddedLiveKit?.close();
        })()),
    };
  } catch (error) {
    stopExpiry?.();
    await app?.close();
    await providers?.close();
    await bus?.close();
    await database.close();
    await embeddedLiveKit?.close();
    throw error;
  }
}

/** Builds and initializes the enabled providers with the secrets they need. */
export async function startProviders(
  config: Config,
  database: DatabaseHandle,
): Promise<ProviderSet> {
  const signalingSecret =
    config.signalingSecret ?? (await serverSecret(database.db, 'p2p-signaling'));
  return ProviderSet.start(createProviderFactory(), config, { signalingSecret });
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
