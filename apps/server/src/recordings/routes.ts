// Recording endpoints: start (with the consent confirmation), stop, list.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Recording, StartRecordingBody } from '@openconnect/contracts';
import { requireStaff } from '../auth/request-auth.ts';
import type { Services } from '../services.ts';
import { listRecordings, startRecording, stopRecording } from './recordings.ts';

export const recordingRoutes =
  (ctx: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/visits/:id/recordings',
      { schema: { tags: ['recordings'], params: IdParams, response: { 200: z.array(Recording) } } },
      async (request) => listRecordings(ctx, await requireStaff(ctx, request), request.params.id),
    );
    app.post(
      '/visits/:id/recordings',
      {
        schema: {
          tags: ['recordings'],
          params: IdParams,
          body: StartRecordingBody,
          response: { 201: Recording },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await startRecording(ctx, await requireStaff(ctx, request), request.params.id)),
    );
    app.post(
      '/recordings/:id/stop',
      { schema: { tags: ['recordings'], params: IdParams, response: { 200: Recording } } },
      async (request) => stopRecording(ctx, await requireStaff(ctx, request), request.params.id),
    );
  };
