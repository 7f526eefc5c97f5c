// Liveness and readiness probes.
import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../storage/db.ts';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** `/healthz` says the process runs; `/readyz` checks the database and each registered check. */
export const healthRoutes =
  (db: Db, extraChecks: () => ReadinessCheck[]): FastifyPluginAsync =>
  async (app) => {
    app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

    app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
      const checks: ReadinessCheck[] = [
        {
          name: 'database',
          check: async () => {
            await sql`select 1`.execute(db);
          },
        },
        ...extraChecks(),
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
