// The waiting room's conversation over HTTP: the thread of an entry (for its visitor or the
// facility's staff), the visitor's reply, and the facility's canned messages. Staff write to a
// visitor with POST /lobby/:id/message (routes.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CannedMessages,
  CannedMessagesBody,
  IdParams,
  LobbyMessage,
  VisitorReplyBody,
} from '@openconnect/contracts';
import { requireStaff } from '../auth/request-auth.ts';
import type { Services } from '../services.ts';
import { getCannedMessages, setCannedMessages } from './canned-messages.ts';
import { authenticateVisitor } from './lobby.ts';
import {
  entryOfFacilityStaff,
  listThread,
  replyAsVisitor,
  ReplyLimited,
} from './lobby-messages.ts';

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

export const lobbyMessageRoutes =
  (ctx: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx;

    app.get(
      '/lobby/:id/messages',
      {
        // The visitor proves the entry with its bearer secret; without one, staff of the
        // facility read it with their session.
        config: { public: true },
        schema: {
          tags: ['lobby'],
          description:
            "An entry's thread, oldest first: for its visitor (Authorization: Bearer <visitorToken>) or the facility's staff (session cookie).",
          params: IdParams,
          response: { 200: z.array(LobbyMessage) },
        },
      },
      async (request) => {
        const token = bearer(request);
        if (token) await authenticateVisitor(ctx, request.params.id, token);
        else
          await entryOfFacilityStaff(ctx, await requireStaff({ db }, request), request.params.id);
        return listThread(ctx, request.params.id);
      },
    );

    app.post(
      '/lobby/:id/reply',
      {
        config: { public: true },
        schema: {
          tags: ['lobby'],
          description:
            'The waiting visitor answers staff (Authorization: Bearer <visitorToken>). At most 5 replies a minute and 50 per entry: 429 with retry-after beyond.',
          params: IdParams,
          body: VisitorReplyBody,
          response: { 201: LobbyMessage },
        },
      },
      async (request, reply) => {
        const entry = await authenticateVisitor(ctx, request.params.id, bearer(request));
        try {
          const message = await replyAsVisitor(ctx, entry, request.body.text);
          return reply.status(201).send(message);
        } catch (error) {
          if (error instanceof ReplyLimited && error.retryAfterSeconds !== null) {
            reply.header('retry-after', String(error.retryAfterSeconds));
          }
          throw error;
        }
      },
    );

    app.get(
      '/facilities/:id/canned-messages',
      {
        schema: { tags: ['lobby'], params: IdParams, response: { 200: CannedMessages } },
      },
      async (request) =>
        getCannedMessages(ctx, await requireStaff({ db }, request), request.params.id),
    );

    app.put(
      '/facilities/:id/canned-messages',
      {
        schema: {
          tags: ['lobby'],
          description:
            "Replaces the facility's canned messages (its administrators only; audited).",
          params: IdParams,
          body: CannedMessagesBody,
          response: { 200: CannedMessages },
        },
      },
      async (request) =>
        setCannedMessages(
          ctx,
          await requireStaff({ db }, request),
          request.params.id,
          request.body.messages,
        ),
    );
  };
