// Adding someone to a call: staff create a role invite for a visit and learn how full the call is.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AddedPerson, AddPersonBody, CallCapacity, IdParams } from '@openconnect/contracts';
import { requireStaff } from '../auth/request-auth.ts';
import type { Services } from '../services.ts';
import { getVisitRow } from '../visits/visits.ts';
import { addPerson } from './add-person.ts';
import { callCapacity } from './call-capacity.ts';

export const addPersonRoutes =
  (ctx: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/visits/:id/people',
      {
        schema: {
          tags: ['invites'],
          summary: 'Add someone (interpreter, relative, colleague) to a visit by a role invite',
          params: IdParams,
          body: AddPersonBody,
          response: { 201: AddedPerson },
        },
      },
      async (request, reply) => {
        const staff = await requireStaff(ctx, request);
        const added = await addPerson(
          ctx,
          staff,
          request.params.id,
          request.body,
          ctx.config.publicUrl,
        );
        return reply.status(201).send(added);
      },
    );

    app.get(
      '/visits/:id/capacity',
      {
        schema: {
          tags: ['invites'],
          summary: "How full a visit's call is, by its provider's limit",
          params: IdParams,
          response: { 200: CallCapacity },
        },
      },
      async (request) =>
        callCapacity(
          ctx,
          await getVisitRow(ctx, await requireStaff(ctx, request), request.params.id),
        ),
    );
  };
