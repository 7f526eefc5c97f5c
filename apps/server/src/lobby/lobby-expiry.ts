// Expires waiting-room entries whose visitor's page has gone away, on a timer that stops with the
// server. Safe to run on every instance: the update is one statement.
import type { FastifyBaseLogger } from 'fastify';
import { startIntervalJob } from '../jobs/interval-job.ts';
import type { Services } from '../services.ts';
import { expireAbandoned } from './lobby.ts';

/** Starts the sweeper; returns the function that stops it. */
export function startLobbyExpiry(
  deps: Pick<Services, 'db' | 'bus'>,
  log: FastifyBaseLogger,
  everyMs = 15_000,
): () => void {
  return startIntervalJob({
    everyMs,
    run: async () => {
      const n = await expireAbandoned(deps);
      if (n > 0) log.info({ expired: n }, 'expired abandoned waiting-room entries');
    },
    onError: (error) => log.error({ err: error }, 'waiting-room expiry failed'),
  });
}
