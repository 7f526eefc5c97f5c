// Visit and invite endpoints.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateInviteBody,
  CreateVisitBody,
  IdParams,
  Invite,
  InviteCodeParams,
  InviteLanding,
  JoinCredentials,
  ListVisitsQuery,
  Visit,
} from '@openconnect/contracts';
import { requireStaff } from '../auth/request-auth.ts';
import { SESSION_COOKIE, sessionIdOf } from '../auth/sessions.ts';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import { createInvite, inviteLanding, listInvites, revokeInvite } from '../invites/invites.ts';
import { joinAsHost } from './join.ts';
import { createVisit, endVisit, getVisitRow, listVisits, toVisit } from './visits.ts';

// Long by listing, not by logic: one short handler per route of this domain, read top to bottom.
export const visitRoutes =
  (ctx: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { db, config } = ctx;
    app.get(
      '/visits',
      {
        schema: {
          tags: ['visits'],
          querystring: ListVisitsQuery,
          response: { 200: z.array(Visit) },
        },
      },
      async (request) => listVisits({ db }, await requireStaff({ db }, request), request.query),
    );

    app.post(
      '/visits',
      { schema: { tags: ['visits'], body: CreateVisitBody, response: { 201: Visit } } },
      async (request, reply) =>
        reply
          .status(201)
          .send(await createVisit(ctx, await requireStaff({ db }, request), request.body)),
    );

    app.get(
      '/visits/:id',
      { schema: { tags: ['visits'], params: IdParams, response: { 200: Visit } } },
      async (request) =>
        toVisit(await getVisitRow({ db }, await requireStaff({ db }, request), request.params.id)),
    );

    app.post(
      '/visits/:id/end',
      { schema: { tags: ['visits'], params: IdParams, response: { 200: Visit } } },
      async (request) => endVisit(ctx, await requireStaff({ db }, request), request.params.id),
    );

    app.post(
      '/visits/:id/join',
      {
        // Not the API's own session check: joinAsHost reads the session in the statement that
        // reads the visit, so a host's join costs one read. Without a session cookie the answer
        // is still 401 before validation, as on every other staff route.
        config: { public: true },
        onRequest: async (request) => {
          if (!sessionIdOf(request.cookies[SESSION_COOKIE] ?? ''))
            throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
        },
        schema: { tags: ['visits'], params: IdParams, response: { 200: JoinCredentials } },
      },
      async (request) => joinAsHost(ctx, request.cookies[SESSION_COOKIE], request.params.id),
    );

    app.post(
      '/visits/:id/invites',
      {
        schema: {
          tags: ['invites'],
          params: IdParams,
          body: CreateInviteBody,
          response: { 201: Invite },
        },
      },
      async (request, reply) => {
        const staff = await requireStaff({ db }, request);
        const invite = await createInvite(
          { db },
          staff,
          request.params.id,
          request.body,
          config.publicUrl,
        );
        return reply.status(201).send(invite);
      },
    );

    app.get(
      '/visits/:id/invites',
      { schema: { tags: ['invites'], params: IdParams, response: { 200: z.array(Invite) } } },
      async (request) =>
        listInvites(
          { db },
          await requireStaff({ db }, request),
          request.params.id,
          config.publicUrl,
        ),
    );

    app.post(
      '/invites/:id/revoke',
      { schema: { tags: ['invites'], params: IdParams, response: { 200: Invite } } },
      async (request) =>
        revokeInvite(
          { db },
          await requireStaff({ db }, request),
          request.params.id,
          config.publicUrl,
        ),
    );

    app.get(
      '/invites/:code',
      {
        config: { public: true },
        schema: { tags: ['invites'], params: InviteCodeParams, response: { 200: InviteLanding } },
      },
      async (request) => inviteLanding({ db }, request.params.code),
    );
  };
