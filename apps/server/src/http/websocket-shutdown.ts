// How the server's WebSockets end at shutdown: every page hears "going away" (1001) with a
// reason and reconnects to the next instance or the restarted one. Closing without a code (the
// WebSocket plugin's default) reached pages as 1005, which says nothing.
import { PushCloseCode } from '@openconnect/contracts';
import type { WebSocketServer } from 'ws';

const WAIT_FOR_CLOSE_MS = 2_000;

/** The WebSocket plugin's `preClose`: closes every socket with 1001, then the server. */
export function closeSocketsGoingAway(
  this: { websocketServer: WebSocketServer },
  done: () => void,
): void {
  const server = this.websocketServer;
  const closed = [...server.clients].map(
    (client) =>
      new Promise<void>((resolve) => {
        if (client.readyState === client.CLOSED) return resolve();
        client.once('close', () => resolve());
        client.close(PushCloseCode.GOING_AWAY, 'server restarting; reconnect shortly');
      }),
  );
  // Pages answer a close frame at once; one that does not is cut off by the server's close.
  const waited = new Promise<void>((resolve) => setTimeout(resolve, WAIT_FOR_CLOSE_MS).unref());
  void Promise.race([Promise.all(closed), waited]).then(() => {
    for (const client of server.clients) client.terminate();
    server.close(() => done());
  });
}
