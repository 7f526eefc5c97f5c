// Builds the Fastify application over a server context: plugins, hooks, routes, the web app.
// API tests inject requests into it; `start.ts` listens with it.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
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
import { facilityRoutes } from './facilities/routes.ts';
import { healthRoutes } from './health/routes.ts';
import type { Config } from './config/schema.ts';
import type { Services } from './services.ts';
import { installErrorHandling, sendError } from './http/errors.ts';
import { serializeError, serializeRequest } from './http/log-serializers.ts';
import { closeSocketsGoingAway } from './http/websocket-shutdown.ts';
import './http/route-config.ts';
import { visitRoutes } from './visits/routes.ts';
import { scheduleRoutes } from './visits/schedule-routes.ts';
import { lobbyRoutes } from './lobby/routes.ts';
import { transferRoutes } from './lobby/transfer-routes.ts';
import { addPersonRoutes } from './invites/add-person-routes.ts';
import { lobbyMessageRoutes } from './lobby/message-routes.ts';
import { precallRoutes } from './lobby/precall-routes.ts';
import { participantRoutes } from './participants/routes.ts';
import { consentRoutes } from './recordings/consent-routes.ts';
import { recordingRoutes } from './recordings/routes.ts';
import { notifyRoutes } from './notify/routes.ts';
import { publicConfigRoutes } from './http/public-config-routes.ts';
import { providerWebhookRoutes } from './webhooks/provider-webhooks.ts';
import { visitorSocketRoutes } from './push/visitor-socket.ts';
import { metricsRoute, telemetryRoutes } from './metrics/routes.ts';
import { rolloutRoutes } from './rollout/routes.ts';
import { staffSocketRoutes } from './push/staff-socket.ts';
import { reportRoutes } from './reports/routes.ts';

/** A client's `X-Request-Id` is used only when it matches this; otherwise a UUID is made. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The web app's content security policy: its own scripts only; media and signaling over
 * WebSockets to this server and the configured LiveKit deployment, nowhere else (an injected
 * script cannot send what it reads to a host of its choosing); inline styles for the video tiles.
 */
export function appCsp(config: Config): string {
  // p2p signaling is reached at PUBLIC_URL's host (ws:// or wss://), which need not be the host
  // the page was opened at (127.0.0.1 against localhost), so it is named as well as 'self'.
  const publicUrl = new URL(config.publicUrl);
  const connect = [
    "'self'",
    `${publicUrl.protocol === 'https:' ? 'wss' : 'ws'}://${publicUrl.host}`,
  ];
  const livekit = config.livekit.url ? new URL(config.livekit.url) : undefined;
  if (livekit) {
    // livekit-client signals over ws(s):// and calls the same host over http(s)://.
    const secure = livekit.protocol === 'wss:' || livekit.protocol === 'https:';
    connect.push(
      `${secure ? 'wss' : 'ws'}://${livekit.host}`,
      `${secure ? 'https' : 'http'}://${livekit.host}`,
    );
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    `connect-src ${connect.join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

export interface AppOptions {
  /** Where log lines go instead of stdout (tests read them). */
  readonly logStream?: { write(line: string): void };
}

/** Builds the HTTP application over already-open dependencies. */
export async function buildApp(ctx: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = createFastify(ctx.config, options);
  installSecurityHooks(app, ctx.config);
  installErrorHandling(app);
  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, {
    options: { maxPayload: 1024 * 1024 },
    preClose: closeSocketsGoingAway,
  });
  await registerApiDocs(app);
  await app.register(healthRoutes(ctx));
  for (const provider of ctx.providers.all()) {
    if (provider.routes) await app.register(provider.routes);
  }
  await app.register(apiRoutes(ctx), { prefix: '/api/v1' });
  await app.register(metricsRoute(ctx));
  await app.register(visitorSocketRoutes(ctx));
  await app.register(staffSocketRoutes(ctx));
  await serveWebApp(app, ctx.config);
  return app;
}

type App = ReturnType<typeof createFastify>;

/**
 * One log line per request, when it is answered, instead of Fastify's two: the line on arrival
 * said nothing the answer's line does not (which now names the request), and logging was an
 * eighth of a join's CPU. Errors are logged as before.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error)
      reply.log.error(
        { req: request, res: reply, err: error, responseTime: reply.elapsedTime },
        'request errored',
      );
    else
      reply.log.info(
        { req: request, res: reply, responseTime: reply.elapsedTime },
        'request completed',
      );
  }
}

function createFastify(config: Config, options: AppOptions) {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // A token must never reach the logs: see log-serializers.ts for what is cut. A request is
      // logged as its id, method and path and a reply as its status (Fastify's own serializer),
      // so no header (cookie, authorization, set-cookie) reaches a line; pino's path redaction
      // of those headers had nothing left to cut and cost a twentieth of a join's CPU.
      serializers: { req: serializeRequest, err: serializeError },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    logController: new OneLinePerRequest(),
    // Off, because with a header name Fastify takes the header as it is and never asks genReqId,
    // which is what checks it: `<script>` was echoed back.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON bodies: form, multipart and text bodies (what a cross-site form can send) get 415.
  app.removeContentTypeParser('text/plain');
  return app;
}

/**
 * Whether a request comes from this server's own pages: no `Origin` (not a browser's cross-site
 * request), or one naming this host or PUBLIC_URL. `Origin: null` (sandboxed frames, file pages,
 * some redirects) is refused: it can be anyone.
 */
function fromOwnOrigin(
  request: { headers: Record<string, string | string[] | undefined> },
  config: Config,
): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (typeof origin !== 'string' || origin === 'null') return false;
  if (origin === new URL(config.publicUrl).origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

function installSecurityHooks(app: App, config: Config): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // API answers are per person and often carry secrets (tickets, credentials): never cached.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    // Invite links carry their code in the path: never hand it to another site as a referrer.
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
  });
  // CSRF defence in depth beside SameSite=Strict cookies: a state-changing request that says it
  // comes from another origin is refused.
  app.addHook('onRequest', async (request, reply) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
    if (!fromOwnOrigin(request, config)) {
      return sendError(reply, request, 'FORBIDDEN', 'Cross-origin requests are not allowed.');
    }
  });
  // WebSocket upgrades are GETs that browsers send cross-site with cookies and without CORS: the
  // same check keeps another site's page off /ws/staff (a session cookie), /ws/lobby and /ws/p2p.
  // In preValidation, after the WebSocket plugin's own onRequest hook, so that the plugin knows the
  // request is an upgrade and closes its socket once the 403 is sent.
  // `/ws/p2p` is left out: its sockets carry no ambient credential (each join presents a signed
  // token for one room and identity), and browsers reach it at PUBLIC_URL's host, which may differ
  // from the host the page was opened at (127.0.0.1 against localhost).
  app.addHook('preValidation', async (request, reply) => {
    if (request.headers.upgrade?.toLowerCase() !== 'websocket') return;
    if (request.url.split('?')[0] === '/ws/p2p') return;
    if (!fromOwnOrigin(request, config)) {
      return sendError(reply, request, 'FORBIDDEN', 'Cross-origin requests are not allowed.');
    }
  });
}

async function registerApiDocs(app: App): Promise<void> {
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
}

/** Everything under `/api/v1`. */
function apiRoutes(ctx: Services): FastifyPluginAsync {
  return async (api) => {
    // Every API route needs a signed-in staff member unless it says `config: { public: true }`;
    // checked before validation so anonymous callers learn nothing about the route's shape.
    api.addHook('onRequest', async (request) => {
      if (!request.routeOptions.config.public) await requireStaff(ctx, request);
    });
    await api.register(authRoutes(ctx), { prefix: '/auth' });
    for (const routes of [
      facilityRoutes,
      visitRoutes,
      scheduleRoutes,
      auditRoutes,
      lobbyRoutes,
      transferRoutes,
      addPersonRoutes,
      lobbyMessageRoutes,
      precallRoutes,
      participantRoutes,
      recordingRoutes,
      consentRoutes,
      notifyRoutes,
      publicConfigRoutes,
      providerWebhookRoutes,
      rolloutRoutes,
      telemetryRoutes,
      reportRoutes,
    ])
      await api.register(routes(ctx));
  };
}

/** The built web app: hashed assets cached for good, every other page path answered by index.html. */
async function serveWebApp(app: App, config: Config): Promise<void> {
  const indexHtml = path.join(config.webDistDir, 'index.html');
  const hasWeb = existsSync(indexHtml);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webDistDir,
      wildcard: false,
      index: false,
      // The build writes .br and .gz beside each asset; hashed asset names never change content.
      preCompressed: true,
      // Source maps are built for developers; in production they would hand out the source.
      allowedPath: (pathName) => config.env !== 'production' || !pathName.endsWith('.map'),
      setHeaders: (res, filePath) => {
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          res.header('cache-control', 'public, max-age=31536000, immutable');
        }
      },
    });
  }
  const csp = appCsp(config);
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const isApi = /^\/(api|docs|healthz|readyz|metrics|rtc|ws)(\/|$)/.test(url);
    const isMap = url.endsWith('.map');
    if (!isApi && !isMap && hasWeb && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply
        .type('text/html')
        .header('content-security-policy', csp)
        .header('permissions-policy', 'camera=(self), microphone=(self), display-capture=(self)')
        .header('cache-control', 'no-cache')
        .sendFile('index.html');
    }
    return sendError(reply, request, 'NOT_FOUND', `No route for ${request.method} ${url}.`);
  });
}
