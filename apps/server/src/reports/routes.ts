// Reports endpoints: call feedback from visitors (bearer token of their waiting-room entry) and
// staff (session), and the reports page's figures for a date range.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { CallFeedback, CallFeedbackBody, IdParams } from '@openconnect/contracts';
import { requireStaff } from '../auth/request-auth.ts';
import { AppError } from '../errors/app-error.ts';
import { RateLimiter } from '../http/rate-limit.ts';
import { authenticateVisitor } from '../lobby/lobby.ts';
import type { Services } from '../services.ts';
import { saveStaffFeedback, saveVisitorFeedback } from './feedback.ts';

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

export const reportRoutes =
  (ctx: Services): FastifyPluginAsyncZod =>
  async (app) => {
    // Feedback is sent once or twice per call; this keeps a script from filling the table.
    const feedbackPerAddress = new RateLimiter(30, 10 * 60_000);

    app.post(
      '/lobby/:id/feedback',
      {
        config: { public: true },
        schema: {
          tags: ['reports'],
          description: 'A visitor’s feedback on their call (their entry’s bearer token).',
          params: IdParams,
          body: CallFeedbackBody,
          response: { 201: CallFeedback },
        },
      },
      async (request, reply) => {
        if (feedbackPerAddress.hit(request.ip) > 0)
          throw new AppError('RATE_LIMITED', 'Too much feedback from here. Please wait.');
        const entry = await authenticateVisitor(ctx, request.params.id, bearer(request));
        return reply.status(201).send(await saveVisitorFeedback(ctx, entry, request.body));
      },
    );

    app.post(
      '/visits/:id/feedback',
      {
        schema: {
          tags: ['reports'],
          description: 'A staff member’s feedback on a call they hosted.',
          params: IdParams,
          body: CallFeedbackBody,
          response: { 201: CallFeedback },
        },
      },
      async (request, reply) => {
        const staff = await requireStaff(ctx, request);
        return reply
          .status(201)
          .send(await saveStaffFeedback(ctx, staff, request.params.id, request.body));
      },
    );
  };
