// The waiting room's transfer endpoint: staff move a waiting visitor to another visit.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, LobbyEntry, TransferBody } from '@openconnect/contracts';
import { requireStaff } from '../auth/request-auth.ts';
import type { Services } from '../services.ts';
import { transferEntry } from './transfer.ts';

export const transferRoutes =
  (ctx: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/lobby/:id/transfer',
      {
        schema: {
          tags: ['lobby'],
          summary: 'Move a waiting visitor to another open visit of the same facility',
          params: IdParams,
          body: TransferBody,
          response: { 200: LobbyEntry },
        },
      },
      async (request) =>
        transferEntry(
          ctx,
          await requireStaff(ctx, request),
          request.params.id,
          request.body.visitId,
        ),
    );
  };
