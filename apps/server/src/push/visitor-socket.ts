// `/ws/lobby`: the visitor's push channel. The page says hello with its entry id and secret, then
// hears its state, staff messages and, once admitted, its join credentials. Reconnecting with the
// same hello resumes: the current state (and fresh credentials) are sent again.
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { VisitorEvent } from '@openconnect/contracts';
import { AppError } from '../errors/app-error.ts';
import type { ServerContext } from '../http/context.ts';
import {
  authenticateVisitor,
  lobbyState,
  touchEntry,
  visitorJoin,
  type LobbySignal,
} from '../lobby/lobby.ts';

const Hello = z.strictObject({
  type: z.literal('hello'),
  entryId: z.uuid(),
  token: z.string().max(128),
});

export const CLOSE_BAD_HELLO = 4400;
export const CLOSE_UNAUTHORIZED = 4401;
const HELLO_TIMEOUT_MS = 10_000;
const HEARTBEAT_MS = 20_000;
const MAX_MESSAGE_BYTES = 4096;

export const visitorSocketRoutes =
  (ctx: ServerContext): FastifyPluginAsync =>
  async (app) => {
    app.get(
      '/ws/lobby',
      { websocket: true, schema: { hide: true } },
      (socket: WebSocket, request) => {
        let entryId: string | undefined;
        let unsubscribe: (() => void) | undefined;
        let admittedSent = false;
        let heartbeat: NodeJS.Timeout | undefined;
        let queue = Promise.resolve();
        const send = (event: VisitorEvent) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
        };
        const helloTimer = setTimeout(
          () => socket.close(CLOSE_BAD_HELLO, 'say hello first'),
          HELLO_TIMEOUT_MS,
        );

        // Re-reads the entry and tells the page what changed; serialised so events keep their order.
        const refresh = (token: string) =>
          (queue = queue.then(async () => {
            if (!entryId) return;
            try {
              const row = await authenticateVisitor(ctx, entryId, token);
              send({ type: 'state', state: await lobbyState(ctx, row) });
              if (row.status === 'admitted' && !admittedSent) {
                send({ type: 'admitted', credentials: await visitorJoin(ctx, row) });
                admittedSent = true;
              }
              if (row.status !== 'admitted') admittedSent = false;
            } catch (error) {
              const code = error instanceof AppError ? error.code : 'INTERNAL';
              const message = error instanceof Error ? error.message : 'Something went wrong.';
              if (!(error instanceof AppError))
                request.log.error({ err: error }, 'lobby push failed');
              send({ type: 'error', code, message });
            }
          }));

        socket.on('message', (data, isBinary) => {
          const size = Array.isArray(data)
            ? data.reduce((n, b) => n + b.length, 0)
            : (data as Buffer).byteLength;
          if (isBinary || size > MAX_MESSAGE_BYTES) return socket.close(1009, 'message too large');
          if (entryId) return; // Only the hello is expected; anything after it is ignored.
          let hello;
          try {
            hello = Hello.parse(JSON.parse(String(data)));
          } catch {
            return socket.close(CLOSE_BAD_HELLO, 'expected {"type":"hello","entryId","token"}');
          }
          clearTimeout(helloTimer);
          authenticateVisitor(ctx, hello.entryId, hello.token).then(
            async () => {
              entryId = hello.entryId;
              await touchEntry(ctx, hello.entryId);
              unsubscribe = ctx.bus.subscribe(`lobby:${hello.entryId}`, (raw) => {
                const signal = raw as LobbySignal;
                if (signal.type === 'message')
                  send({ type: 'message', text: signal.text, from: signal.from, at: signal.at });
                else void refresh(hello.token);
              });
              heartbeat = setInterval(() => {
                socket.ping();
                void touchEntry(ctx, hello.entryId).catch(() => undefined);
              }, HEARTBEAT_MS);
              heartbeat.unref();
              await refresh(hello.token);
            },
            () => socket.close(CLOSE_UNAUTHORIZED, 'not your entry'),
          );
        });

        socket.on('close', () => {
          clearTimeout(helloTimer);
          if (heartbeat) clearInterval(heartbeat);
          unsubscribe?.();
          // Expiry counts from the moment the page went away.
          if (entryId) void touchEntry(ctx, entryId).catch(() => undefined);
        });
      },
    );
  };
