// Expires waiting-room entries whose visitor's page has gone away, on a timer that stops with the
// server. Safe to run on every instance: the update is one statement.
import type { FastifyBaseLogger } from 'fastify';
import type { ServerContext } from '../http/context.ts';
import { expireAbandoned } from './lobby.ts';

/** Starts the sweeper; returns the function that stops it. */
export function startLobbyExpiry(
  ctx: ServerContext,
  log: FastifyBaseLogger,
  everyMs = 15_000,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    expireAbandoned(ctx)
      .then((n) => {
        if (n > 0) log.info({ expired: n }, 'expired abandoned waiting-room entries');
      })
      .catch((error: unknown) => log.error({ err: error }, 'waiting-room expiry failed'))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
