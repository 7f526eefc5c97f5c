// `/ws/lobby`: the visitor's push channel. The page says hello with its entry id and secret, then
// hears its state, staff messages and, once admitted, its join credentials. Reconnecting with the
// same hello resumes: the current state (and fresh credentials) are sent again.
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { PushCloseCode, topics, type VisitorEvent } from '@openconnect/contracts';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import { authenticateVisitor, lobbyState, publishPresence, visitorJoin } from '../lobby/lobby.ts';
import {
  SOCKET_HEARTBEAT_MS,
  socketAlive,
  socketClosed,
  socketOpened,
} from '../lobby/lobby-presence.ts';

const Hello = z.strictObject({
  type: z.literal('hello'),
  entryId: z.uuid(),
  token: z.string().max(128),
});

const HELLO_TIMEOUT_MS = 10_000;
const MAX_MESSAGE_BYTES = 4096;

export const visitorSocketRoutes =
  (ctx: Services): FastifyPluginAsync =>
  async (app) => {
    app.get(
      '/ws/lobby',
      { websocket: true, schema: { hide: true } },
      (socket: WebSocket, request) => followEntry(ctx, socket, request.log),
    );
  };

type ChannelDeps = Pick<
  Services,
  'config' | 'db' | 'bus' | 'providers' | 'health' | 'metrics' | 'rollout'
>;

/** One visitor socket: waits for its one hello, then follows that entry until it closes. */
function followEntry(ctx: ChannelDeps, socket: WebSocket, log: FastifyBaseLogger): void {
  let helloSeen = false;
  // What the hello started, resolved to what undoes it (undefined when nothing was started).
  let started: Promise<(() => Promise<void>) | undefined> | undefined;
  const helloTimer = setTimeout(
    () => socket.close(PushCloseCode.BAD_HELLO, 'say hello first'),
    HELLO_TIMEOUT_MS,
  );

  socket.on('message', (data, isBinary) => {
    const size = Array.isArray(data)
      ? data.reduce((n, b) => n + b.length, 0)
      : (data as Buffer).byteLength;
    if (isBinary || size > MAX_MESSAGE_BYTES)
      return socket.close(PushCloseCode.MESSAGE_TOO_LARGE, 'message too large');
    // One hello per socket: a second would add a second subscription and heartbeat.
    if (helloSeen) return socket.close(PushCloseCode.DUPLICATE_HELLO, 'hello only once');
    helloSeen = true;
    const hello = Hello.safeParse(parseJson(String(data)));
    if (!hello.success)
      return socket.close(PushCloseCode.BAD_HELLO, 'expected {"type":"hello","entryId","token"}');
    clearTimeout(helloTimer);
    started = authenticateVisitor(ctx, hello.data.entryId, hello.data.token)
      .then(
        async () => {
          // Closed while we checked: nothing to follow.
          if (socket.readyState !== socket.OPEN) return undefined;
          return follow(ctx, socket, hello.data, log);
        },
        () => {
          socket.close(PushCloseCode.UNAUTHENTICATED, 'not your entry');
          return undefined;
        },
      )
      .catch((error: unknown) => {
        // The database failed mid-hello: the page reconnects and says hello again.
        log.error({ err: error }, 'lobby push could not start');
        socket.close(1011, 'try again');
        return undefined;
      });
  });

  socket.on('close', () => {
    clearTimeout(helloTimer);
    // The socket may close while its hello is still being checked or followed: undo whatever it
    // started once that is done, so no subscription, heartbeat or presence outlives the socket.
    void started
      ?.then((stop) => stop?.())
      .catch((error: unknown) => log.error({ err: error }, 'lobby push did not stop cleanly'));
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Counts the socket as the entry's presence, sends the entry's state now and on every change;
 * returns what stops following it (and ends that presence).
 */
async function follow(
  ctx: ChannelDeps,
  socket: WebSocket,
  hello: z.infer<typeof Hello>,
  log: FastifyBaseLogger,
): Promise<() => Promise<void>> {
  const send = (event: VisitorEvent) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
  };
  const refresh = entryRefresher(ctx, hello, send, log);
  // First, as it may fail: nothing is subscribed yet that would need undoing.
  const presence = await socketOpened(ctx, hello.entryId);
  if (presence.cameOnline) void publishPresence(ctx, hello.entryId).catch(() => undefined);
  const unsubscribe = ctx.bus.subscribe(topics.lobby(hello.entryId), (signal) => {
    if (signal.type === 'message')
      send({ type: 'message', text: signal.text, from: signal.from, at: signal.at });
    else void refresh();
  });
  // After the bus was deaf this page may have missed a decision: read the entry again.
  const stopResync = ctx.bus.subscribe(topics.resync(), () => void refresh());
  const heartbeat = setInterval(() => {
    socket.ping();
    void socketAlive(ctx, hello.entryId, presence.socketId).catch(() => undefined);
  }, SOCKET_HEARTBEAT_MS);
  heartbeat.unref();
  void refresh();
  let stopped = false;
  return async () => {
    if (stopped) return;
    stopped = true;
    clearInterval(heartbeat);
    unsubscribe();
    stopResync();
    const { wentOffline } = await socketClosed(ctx, hello.entryId, presence.socketId);
    if (wentOffline) await publishPresence(ctx, hello.entryId);
  };
}

/** Re-reads the entry and tells the page what changed; serialised so events keep their order. */
function entryRefresher(
  ctx: ChannelDeps,
  hello: z.infer<typeof Hello>,
  send: (event: VisitorEvent) => void,
  log: FastifyBaseLogger,
): () => Promise<void> {
  let queue = Promise.resolve();
  let admittedSent = false;
  return () =>
    (queue = queue.then(async () => {
      try {
        const row = await authenticateVisitor(ctx, hello.entryId, hello.token);
        send({ type: 'state', state: await lobbyState(ctx, row) });
        if (row.status === 'admitted' && !admittedSent) {
          send({ type: 'admitted', credentials: await visitorJoin(ctx, row) });
          admittedSent = true;
        }
        if (row.status !== 'admitted') admittedSent = false;
      } catch (error) {
        const code = error instanceof AppError ? error.code : 'INTERNAL';
        const message = error instanceof Error ? error.message : 'Something went wrong.';
        if (!(error instanceof AppError)) log.error({ err: error }, 'lobby push failed');
        send({ type: 'error', code, message });
      }
    }));
}
