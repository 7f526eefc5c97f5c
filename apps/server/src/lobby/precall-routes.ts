// Pre-call check endpoints for a waiting visitor (their entry's bearer token): ICE configuration
// for the page's network test, and the check's result for staff to see beside "Let in".
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';

import { IdParams, PrecallIceConfig, PrecallReport, PrecallResult } from '@openconnect/contracts';
import { AppError } from '../errors/app-error.ts';
import { RateLimiter } from '../http/rate-limit.ts';
import type { Services } from '../services.ts';
import { authenticateVisitor } from './lobby.ts';
import { precallIce, savePrecall } from './precall.ts';

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** A result is a few hundred bytes; anything much larger is not one. */
const RESULT_BODY_LIMIT = 2048;

export const precallRoutes =
  (ctx: Services): FastifyPluginAsyncZod =>
  async (app) => {
    // Per entry: a visitor may run the check again, a script may not mint TURN credentials or
    // rewrite the result in a loop.
    const perEntry = new RateLimiter(20, 10 * 60_000);
    const limit = (entryId: string) => {
      if (perEntry.hit(entryId) > 0) {
        throw new AppError('RATE_LIMITED', 'Too many checks from this page. Please wait.');
      }
    };

    app.post(
      '/lobby/:id/precall-ice',
      {
        config: { public: true },
        schema: {
          tags: ['lobby'],
          description:
            'Short-lived ICE servers for a waiting visitor’s network test (their entry’s bearer token).',
          params: IdParams,
          response: { 200: PrecallIceConfig },
        },
      },
      async (request) => {
        const row = await authenticateVisitor(ctx, request.params.id, bearer(request));
        limit(row.id);
        return precallIce(ctx, row);
      },
    );

    app.post(
      '/lobby/:id/precall',
      {
        config: { public: true },
        bodyLimit: RESULT_BODY_LIMIT,
        schema: {
          tags: ['lobby'],
          description:
            'A waiting visitor’s pre-call check result, shown to staff beside Let in (their entry’s bearer token).',
          params: IdParams,
          body: PrecallResult,
          response: { 200: PrecallReport },
        },
      },
      async (request) => {
        const row = await authenticateVisitor(ctx, request.params.id, bearer(request));
        limit(row.id);
        return savePrecall(ctx, row, request.body);
      },
    );
  };
