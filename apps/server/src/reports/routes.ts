// Reports endpoints: call feedback and call records from visitors (bearer token of their
// waiting-room entry) and hosts (session), and the reports page's figures for a date range.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CallFeedback,
  CallFeedbackBody,
  CallRecordBody,
  IdParams,
  FullReport,
  ReportQuery,
} from '@openconnect/contracts';
import { requireStaff } from '../auth/request-auth.ts';
import { AppError } from '../errors/app-error.ts';
import { RateLimiter } from '../http/rate-limit.ts';
import { authenticateVisitor } from '../lobby/lobby.ts';
import type { Services } from '../services.ts';
import { recordStaffCall, recordVisitorCall } from './call-records.ts';
import { saveStaffFeedback, saveVisitorFeedback } from './feedback.ts';
import { buildReport } from './report-queries.ts';

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

export const reportRoutes =
  (ctx: Services): FastifyPluginAsyncZod =>
  async (app) => {
    // Two reports per person and call (feedback, call record); generous, since a care home's guests
    // may share one address, but a script cannot fill the tables.
    const feedbackPerAddress = new RateLimiter(120, 10 * 60_000);

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

    app.post(
      '/lobby/:id/call-record',
      {
        config: { public: true },
        schema: {
          tags: ['reports'],
          description: 'What a visitor’s browser knows of the call it just had.',
          params: IdParams,
          body: CallRecordBody,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        if (feedbackPerAddress.hit(request.ip) > 0)
          throw new AppError('RATE_LIMITED', 'Too many reports from here. Please wait.');
        const entry = await authenticateVisitor(ctx, request.params.id, bearer(request));
        await recordVisitorCall(ctx, entry, request.body);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/visits/:id/call-record',
      {
        schema: {
          tags: ['reports'],
          description: 'What a host’s browser knows of the call it just had.',
          params: IdParams,
          body: CallRecordBody,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const staff = await requireStaff(ctx, request);
        await recordStaffCall(ctx, staff, request.params.id, request.body);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/reports',
      {
        schema: {
          tags: ['reports'],
          description:
            'The reports page for a date range (UTC days, inclusive): one facility, or every ' +
            'facility the caller may see. Facility administrators and operators only.',
          querystring: ReportQuery,
          response: { 200: FullReport },
        },
      },
      async (request) => buildReport(ctx, await requireStaff(ctx, request), request.query),
    );
  };
