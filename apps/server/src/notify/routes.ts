// Invitation routes: which channels this server can send on, and sending a link to a person.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, NotifyChannels, SendInviteBody, SendInviteResult } from '@openconnect/contracts';
import { requireStaff } from '../auth/request-auth.ts';
import { AppError } from '../errors/app-error.ts';
import { RateLimiter } from '../http/rate-limit.ts';
import type { Services } from '../services.ts';
import { sendInvitation } from './invitations.ts';

export const notifyRoutes =
  (ctx: Services): FastifyPluginAsyncZod =>
  async (app) => {
    // Per staff member: a receptionist sending a morning's invitations stays well inside it; a
    // stolen session cannot turn the server into a mail cannon.
    const sendsPerStaff = new RateLimiter(30, 10 * 60_000);

    app.get(
      '/notify/channels',
      {
        schema: {
          tags: ['invites'],
          description: 'Whether this server delivers invitations by email and by text message.',
          response: { 200: NotifyChannels },
        },
      },
      async (request) => {
        await requireStaff(ctx, request);
        return { ...ctx.notifier.channels };
      },
    );

    app.post(
      '/invites/:id/send',
      {
        schema: {
          tags: ['invites'],
          description:
            'Sends the invite link to one person (email; text message where set up). Audited.',
          params: IdParams,
          body: SendInviteBody,
          response: { 200: SendInviteResult },
        },
      },
      async (request, reply) => {
        const staff = await requireStaff(ctx, request);
        const wait = sendsPerStaff.hit(staff.id);
        if (wait > 0) {
          reply.header('retry-after', String(wait));
          throw new AppError(
            'RATE_LIMITED',
            'Too many invitations sent. Please wait a few minutes.',
          );
        }
        return sendInvitation(ctx, staff, request.params.id, request.body, request.log);
      },
    );
  };
