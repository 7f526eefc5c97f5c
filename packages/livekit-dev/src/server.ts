// The development server: one HTTP server on 127.0.0.1 serving Twirp (RoomService, Egress),
// /rtc/validate, the health check at / and the /rtc WebSocket upgrade, all with LiveKit's CORS,
// wired to the room registry, egress jobs, webhooks and fault switches. `startLiveKitDevServer`
// builds it all and returns a handle to close it.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { KeyProvider } from './auth/index.ts';
import {
  resolveConfig,
  type LiveKitDevServerConfig,
  type LiveKitDevServerOptions,
} from './config.ts';
import { applyCors } from './cors.ts';
import { EgressManager } from './egress/manager.ts';
import { createSignalServer } from './signal/index.ts';
import { Faults } from './faults/faults.ts';
import { RoomRegistry } from './rooms/registry.ts';
import { egressService } from './twirp/egress-service.ts';
import { roomService } from './twirp/room-service.ts';
import { handleTwirp, isTwirpPath } from './twirp/router.ts';
import { handleValidate } from './validate.ts';
import { WebhookNotifier } from './webhooks/notifier.ts';

/** What a signal layer gets to work with. */
export interface SignalContext {
  registry: RoomRegistry;
  keys: KeyProvider;
  config: LiveKitDevServerConfig;
  egress: EgressManager;
  faults: Faults;
}

/** A signal layer plugged into the server: it owns `/rtc` upgrades. */
export interface SignalAttachment {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/** Builds a signal layer for a server. */
export type SignalFactory = (context: SignalContext) => SignalAttachment;

/** Options of `startLiveKitDevServer`, including the signal layer to attach. */
export interface StartOptions extends LiveKitDevServerOptions {
  /**
   * The signal layer. Default: the built-in signal and media layer (`src/signal`). `false` runs
   * the control plane alone, answering `/rtc` upgrades with 404.
   */
  createSignal?: SignalFactory | false;
}

/** A running development server. */
export interface LiveKitDevServer {
  /** `ws://host:port`, the URL clients and server SDKs are given. */
  readonly url: string;
  /** `http://host:port`. */
  readonly httpUrl: string;
  readonly port: number;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly config: LiveKitDevServerConfig;
  readonly registry: RoomRegistry;
  readonly egress: EgressManager;
  readonly webhooks: WebhookNotifier;
  readonly faults: Faults;
  /** Ends egress jobs, closes rooms (sending their webhooks), flushes webhooks, stops listening. */
  close(): Promise<void>;
}

function isRtcPath(pathname: string): boolean {
  return pathname === '/rtc' || pathname.startsWith('/rtc/');
}

function isValidatePath(pathname: string): boolean {
  return pathname === '/rtc/validate' || pathname === '/rtc/v1/validate';
}

/** Starts a LiveKit-compatible development server and resolves once it listens. */
// The wiring of the whole server in order (registry, egress, faults, webhooks, signal, HTTP
// routes, listen), so what talks to what reads in one place.
export async function startLiveKitDevServer(options: StartOptions = {}): Promise<LiveKitDevServer> {
  const config = resolveConfig(options);
  const keys: KeyProvider = new Map([[config.apiKey, config.apiSecret]]);
  const registry = new RoomRegistry(config.room);
  const egress = new EgressManager(registry, config.recordingsDir);
  const sockets = new Set<Socket>();
  const http: Server = createServer();
  let port = config.port;

  const faults = new Faults(async (refuse) => {
    if (refuse) {
      await stopListening(http, sockets);
      config.log(`refusing connections on port ${port}`);
    } else {
      await listen(http, port, config.host);
      config.log(`accepting connections on port ${port} again`);
    }
  });
  const webhooks = new WebhookNotifier({
    urls: config.webhookUrls,
    apiKey: config.apiKey,
    apiSecret: config.apiSecret,
    delivery: config.webhookDelivery,
    faults,
  });
  webhooks.attach(registry, egress);
  const createSignal = options.createSignal ?? createSignalServer;
  const signal =
    createSignal === false ? undefined : createSignal({ registry, keys, config, egress, faults });
  const services = {
    'livekit.RoomService': roomService(registry, config.limits),
    'livekit.Egress': egressService(egress),
  };

  http.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  http.on('request', (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (applyCors(req, res)) return;
    if (isTwirpPath(pathname)) {
      void handleTwirp(req, res, { services, keys, faults });
    } else if (isValidatePath(pathname) && req.method === 'GET') {
      // The same check the signal layer makes before it upgrades (src/validate.ts).
      void faults.delay().then(() => handleValidate(req, res, keys, registry));
    } else if (pathname === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
      // LiveKit's health check; livekit-client's prepareConnection sends it a HEAD.
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('OK');
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('404 page not found');
    }
  });
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (signal && isRtcPath(pathname)) {
      signal.handleUpgrade(req, socket, head);
      return;
    }
    socket.end(
      'HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 18\r\n\r\n404 page not found',
    );
  });

  port = await listen(http, config.port, config.host);
  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
  config.log(`LiveKit development server listening on ws://${hostForUrl}:${port}`);

  let closing: Promise<void> | undefined;
  return {
    url: `ws://${hostForUrl}:${port}`,
    httpUrl: `http://${hostForUrl}:${port}`,
    port,
    apiKey: config.apiKey,
    apiSecret: config.apiSecret,
    config,
    registry,
    egress,
    webhooks,
    faults,
    close() {
      closing ??= (async () => {
        await egress.close();
        await signal?.close();
        registry.close();
        await webhooks.close();
        await stopListening(http, sockets);
      })();
      return closing;
    },
  };
}

function listen(http: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    http.once('error', onError);
    http.listen(port, host, () => {
      http.off('error', onError);
      const address = http.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function stopListening(http: Server, sockets: Set<Socket>): Promise<void> {
  return new Promise((resolve) => {
    if (!http.listening) {
      resolve();
      return;
    }
    http.close(() => resolve());
    for (const socket of sockets) socket.destroy();
  });
}
