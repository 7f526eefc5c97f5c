// Liveness and readiness probes. An instance is ready when its database answers, its providers
// are healthy and its event bus hears the other instances (a deaf instance would serve pages that
// never update, so it leaves the load balancer until its bus is back).
import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import type { Services } from '../services.ts';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** The bus's readiness: failing while this instance cannot hear events. */
export function busReadiness(deps: Pick<Services, 'bus'>): ReadinessCheck {
  return {
    name: 'event-bus',
    check: async () => {
      const status = deps.bus.status();
      if (!status.up)
        throw new Error(
          `not hearing events since ${status.since.toISOString()}: ${status.error ?? 'connection lost'}`,
        );
    },
  };
}

/**
 * `/healthz` says the process runs; `/readyz` checks the database, the event bus and each
 * provider. Changes of the bus's state are logged here, once per change.
 */
export const healthRoutes =
  (deps: Pick<Services, 'db' | 'bus' | 'providers'>): FastifyPluginAsync =>
  async (app) => {
    const { db } = deps;
    const stopLogging = deps.bus.onStatus((status) => {
      if (status.up) app.log.info({ bus: 'up' }, 'event bus listening again; sockets resync');
      else
        app.log.error(
          { bus: 'down', error: status.error },
          'event bus lost its listening connection; reconnecting, /readyz answers 503',
        );
    });
    app.addHook('onClose', async () => stopLogging());
    app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

    app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
      const checks: ReadinessCheck[] = [
        {
          name: 'database',
          check: async () => {
            await sql`select 1`.execute(db);
          },
        },
        busReadiness(deps),
        ...deps.providers.readinessChecks(),
      ];
      const results = await Promise.all(
        checks.map(async ({ name, check }) => {
          try {
            await check();
            return { name, ok: true as const };
          } catch (error) {
            return {
              name,
              ok: false as const,
              error: error instanceof Error ? error.message : String(error),
            };
          }
        }),
      );
      const ready = results.every((r) => r.ok);
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not ready', checks: results });
    });
  };
