// `/ws/staff?facilityId=…`: every staff page of a facility hears its waiting-room, visit,
// participant and recording events in real time. Authenticated by the session cookie before the
// upgrade; a page of another facility gets 404 like any other of its ids.
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { assertFacilityAccess } from '../auth/access.ts';
import { requireStaff } from '../auth/request-auth.ts';
import { AppError } from '../errors/app-error.ts';
import type { ServerContext } from '../http/context.ts';

const HEARTBEAT_MS = 25_000;
const Query = z.object({ facilityId: z.uuid() });

export const staffSocketRoutes =
  (ctx: ServerContext): FastifyPluginAsync =>
  async (app) => {
    app.get(
      '/ws/staff',
      {
        websocket: true,
        schema: { hide: true },
        preValidation: async (request) => {
          const staff = await requireStaff(ctx.db, request);
          const query = Query.safeParse(request.query);
          if (!query.success)
            throw new AppError('VALIDATION_FAILED', 'facilityId must be a facility id.');
          assertFacilityAccess(staff, query.data.facilityId);
        },
      },
      (socket: WebSocket, request) => {
        const { facilityId } = Query.parse(request.query);
        const unsubscribe = ctx.bus.subscribe(`facility:${facilityId}`, (event) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
        });
        const heartbeat = setInterval(() => socket.ping(), HEARTBEAT_MS);
        heartbeat.unref();
        // Staff pages only listen; anything they send is ignored.
        socket.on('close', () => {
          clearInterval(heartbeat);
          unsubscribe();
        });
      },
    );
  };
