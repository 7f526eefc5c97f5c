// Participant endpoints: who is in a visit, and removing someone for good (optionally withdrawing
// the shared link they came through).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, RemoveParticipantBody, VisitParticipant } from '@openconnect/contracts';
import { requireStaff } from '../auth/request-auth.ts';
import type { Services } from '../services.ts';
import { listParticipants, removeParticipant } from './participants.ts';

export const participantRoutes =
  (ctx: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/visits/:id/participants',
      {
        schema: {
          tags: ['participants'],
          params: z.strictObject({ id: Id }),
          response: { 200: z.array(VisitParticipant) },
        },
      },
      async (request) => listParticipants(ctx, await requireStaff(ctx, request), request.params.id),
    );
    app.post(
      '/visits/:id/participants/:participantId/remove',
      {
        schema: {
          tags: ['participants'],
          params: z.strictObject({ id: Id, participantId: Id }),
          body: RemoveParticipantBody,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await removeParticipant(
          ctx,
          await requireStaff(ctx, request),
          request.params.id,
          request.params.participantId,
          request.body,
        );
        return reply.status(204).send(null);
      },
    );
  };
