// `/ws/staff?facilityId=…`: every staff page of a facility hears its waiting-room, visit,
// participant and recording events in real time. Authenticated by the session cookie just after
// the upgrade; a page of another facility is refused like an unknown id.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { requireStaff } from '../auth/request-auth.ts';
import { PushCloseCode, topics } from '@openconnect/contracts';
import type { Services } from '../services.ts';

const HEARTBEAT_MS = 25_000;
const Query = z.object({ facilityId: z.uuid() });

export const staffSocketRoutes =
  (ctx: Services): FastifyPluginAsync =>
  async (app) => {
    app.get(
      '/ws/staff',
      { websocket: true, schema: { hide: true } },
      (socket: WebSocket, request) => {
        let unsubscribe: (() => void) | undefined;
        let stopResync: (() => void) | undefined;
        let heartbeat: NodeJS.Timeout | undefined;
        socket.on('close', () => {
          clearInterval(heartbeat);
          unsubscribe?.();
          stopResync?.();
        });
        // Authenticated after the upgrade, so the page hears why (4401 / 4403) and stops retrying;
        // a refusal before the upgrade reaches a browser only as an anonymous 1006.
        void admit(ctx, request).then((refusal) => {
          if (socket.readyState !== socket.OPEN) return;
          if (typeof refusal === 'number') return socket.close(refusal, closeReasons[refusal]);
          unsubscribe = ctx.bus.subscribe(topics.facility(refusal.facilityId), (event) => {
            if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
          });
          // After the bus was deaf, the page may have missed anything: it reconnects on this code
          // and refetches its whole state, which is simpler and surer than replaying events.
          stopResync = ctx.bus.subscribe(topics.resync(), () =>
            socket.close(PushCloseCode.RESYNC, 'missed events; reconnect and refetch'),
          );
          heartbeat = setInterval(() => socket.ping(), HEARTBEAT_MS);
          heartbeat.unref();
          // Staff pages only listen; anything they send is ignored.
        });
      },
    );
  };

const closeReasons: Record<number, string> = {
  [PushCloseCode.UNAUTHENTICATED]: 'sign in again',
  [PushCloseCode.FORBIDDEN]: 'not staff of this facility',
};

/** The facility this page may follow, or the close code that refuses it. */
async function admit(
  ctx: Pick<Services, 'db'>,
  request: FastifyRequest,
): Promise<{ facilityId: string } | PushCloseCode> {
  const staff = await requireStaff(ctx, request).catch(() => undefined);
  if (!staff) return PushCloseCode.UNAUTHENTICATED;
  const query = Query.safeParse(request.query);
  // An unknown id and another facility's id are refused alike, so ids cannot be probed.
  if (!query.success || !staff.facilityIds.includes(query.data.facilityId))
    return PushCloseCode.FORBIDDEN;
  return { facilityId: query.data.facilityId };
}
