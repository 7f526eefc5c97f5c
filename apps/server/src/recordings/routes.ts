// Recording endpoints: start (with the consent confirmation), stop, list per visit and per
// facility, play or download the file (Range requests, audited), delete (administrators, audited).
import { createReadStream } from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParams,
  ListRecordingsQuery,
  Recording,
  RecordingFileQuery,
  RecordingSummary,
  StartRecordingBody,
  type ErrorBody,
} from '@openconnect/contracts';
import { requireStaff } from '../auth/request-auth.ts';
import type { Services } from '../services.ts';
import { parseRange } from './recording-files.ts';
import { deleteRecording, listRecordingSummaries, openRecordingFile } from './recording-library.ts';
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
    app.get(
      '/recordings',
      {
        schema: {
          tags: ['recordings'],
          description: 'A facility’s recordings (or one visit’s), newest first.',
          querystring: ListRecordingsQuery,
          response: { 200: z.array(RecordingSummary) },
        },
      },
      async (request) =>
        listRecordingSummaries(ctx, await requireStaff(ctx, request), request.query),
    );
    app.delete(
      '/recordings/:id',
      {
        schema: {
          tags: ['recordings'],
          description:
            'Deletes a finished recording’s file (administrators). The row stays, marked deleted.',
          params: IdParams,
          response: { 200: Recording },
        },
      },
      async (request) => deleteRecording(ctx, await requireStaff(ctx, request), request.params.id),
    );
    app.get(
      '/recordings/:id/file',
      {
        schema: {
          tags: ['recordings'],
          description:
            'The recording’s file, for playing (Range requests answered 206) or, with ' +
            '`download=1`, saving. Each playback or download is audited once.',
          params: IdParams,
          querystring: RecordingFileQuery,
        },
      },
      async (request, reply) => {
        const staff = await requireStaff(ctx, request);
        const download = request.query.download === '1';
        const header = request.headers.range;
        // Audit the first request of a playback (no range, or from byte 0), not every seek.
        const audit = !header || /^bytes=0-/.test(header.trim());
        const opened = await openRecordingFile(ctx, staff, request.params.id, { audit, download });
        const range = parseRange(header, opened.sizeBytes);
        reply
          .header('accept-ranges', 'bytes')
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff');
        if (download) {
          const day = opened.startedAt.toISOString().slice(0, 16).replace(/[T:]/g, '-');
          const ext = opened.file.slice(opened.file.lastIndexOf('.'));
          reply.header('content-disposition', `attachment; filename="recording-${day}${ext}"`);
        }
        if (range === 'unsatisfiable') {
          const body: ErrorBody = {
            error: {
              code: 'VALIDATION_FAILED',
              message: 'The requested range lies outside the recording.',
              requestId: request.id,
            },
          };
          return reply
            .status(416)
            .header('content-range', `bytes */${opened.sizeBytes}`)
            .type('application/json')
            .send(body);
        }
        const { start, end } = range ?? { start: 0, end: opened.sizeBytes - 1 };
        reply.type(opened.mediaType).header('content-length', String(end - start + 1));
        if (range) {
          reply.status(206).header('content-range', `bytes ${start}-${end}/${opened.sizeBytes}`);
        }
        if (opened.sizeBytes === 0) return reply.send('');
        return reply.send(createReadStream(opened.file, { start, end }));
      },
    );
  };
