// Waiting-room endpoints: visitors knock, read their state, cancel, join once admitted and
// leave; staff list the queue, admit, deny and message.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  DenyBody,
  IdParams,
  InviteCodeParams,
  JoinCredentials,
  KnockBody,
  LobbyEntry,
  LobbyMessage,
  LobbyMessageBody,
  LobbyState,
  LobbyTicket,
} from '@openconnect/contracts';
import { requireStaff } from '../auth/request-auth.ts';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import { RateLimiter } from '../http/rate-limit.ts';
import { admitOnArrival } from '../invites/admit-on-arrival.ts';
import { markLeft } from '../participants/participants.ts';
import {
  admit,
  authenticateVisitor,
  cancel,
  deny,
  knock,
  listWaiting,
  lobbyState,
  visitorJoinWithToken,
} from './lobby.ts';
import { sendStaffMessage } from './lobby-messages.ts';

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

// Long by listing, not by logic: one short handler per route of this domain, read top to bottom.
export const lobbyRoutes =
  (ctx: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx;
    // Per address, on top of the per-invite limit kept in the database. Generous: a care home's
    // guests may all share one public address.
    const knocksPerAddress = new RateLimiter(60, 10 * 60_000);
    const visitor = { config: { public: true } } as const;

    app.post(
      '/invites/:code/lobby',
      {
        ...visitor,
        schema: {
          tags: ['lobby'],
          params: InviteCodeParams,
          body: KnockBody,
          response: { 201: LobbyTicket },
        },
      },
      async (request, reply) => {
        const wait = knocksPerAddress.hit(request.ip);
        if (wait > 0) {
          reply.header('retry-after', String(wait));
          throw new AppError(
            'RATE_LIMITED',
            'Too many requests to join. Please wait a few minutes.',
          );
        }
        const knocked = await knock(ctx, request.params.code, request.body.displayName);
        // A person added to a call with "let in on arrival" is in at once, room permitting.
        const ticket = await admitOnArrival(ctx, knocked);
        return reply.status(201).send(ticket);
      },
    );

    app.get(
      '/lobby/:id',
      { ...visitor, schema: { tags: ['lobby'], params: IdParams, response: { 200: LobbyState } } },
      async (request) =>
        lobbyState(ctx, await authenticateVisitor(ctx, request.params.id, bearer(request))),
    );

    app.post(
      '/lobby/:id/cancel',
      { ...visitor, schema: { tags: ['lobby'], params: IdParams, response: { 200: LobbyState } } },
      async (request) =>
        cancel(ctx, await authenticateVisitor(ctx, request.params.id, bearer(request))),
    );

    app.post(
      '/lobby/:id/join',
      {
        ...visitor,
        schema: { tags: ['lobby'], params: IdParams, response: { 200: JoinCredentials } },
      },
      async (request) => visitorJoinWithToken(ctx, request.params.id, bearer(request)),
    );

    app.post(
      '/lobby/:id/leave',
      { ...visitor, schema: { tags: ['lobby'], params: IdParams, response: { 204: z.null() } } },
      async (request, reply) => {
        const row = await authenticateVisitor(ctx, request.params.id, bearer(request));
        await markLeft(ctx, row.room_id, row.identity, 'left');
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/facilities/:id/lobby',
      { schema: { tags: ['lobby'], params: IdParams, response: { 200: z.array(LobbyEntry) } } },
      async (request) => listWaiting(ctx, await requireStaff({ db }, request), request.params.id),
    );

    app.post(
      '/lobby/:id/admit',
      { schema: { tags: ['lobby'], params: IdParams, response: { 200: LobbyEntry } } },
      async (request) => admit(ctx, await requireStaff({ db }, request), request.params.id),
    );

    app.post(
      '/lobby/:id/deny',
      {
        schema: {
          tags: ['lobby'],
          params: IdParams,
          body: DenyBody,
          response: { 200: LobbyEntry },
        },
      },
      async (request) =>
        deny(ctx, await requireStaff({ db }, request), request.params.id, request.body.reason),
    );

    app.post(
      '/lobby/:id/message',
      {
        schema: {
          tags: ['lobby'],
          params: IdParams,
          body: LobbyMessageBody,
          response: { 201: LobbyMessage },
        },
      },
      async (request, reply) => {
        const message = await sendStaffMessage(
          ctx,
          await requireStaff({ db }, request),
          request.params.id,
          request.body.text,
        );
        return reply.status(201).send(message);
      },
    );
  };
