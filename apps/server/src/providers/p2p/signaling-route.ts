// The p2p signaling endpoint, `GET /ws/p2p`: adapts each WebSocket to the SignalingHub. The token
// travels in the first (join) message, never in the URL, so it stays out of logs and history.
import websocket from '@fastify/websocket';
import type { FastifyPluginAsync } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { SignalingHub } from './signaling-hub.ts';

/** The path browsers connect to; `signalingUrl` in p2p credentials points here. */
export const SIGNALING_PATH = '/ws/p2p';

/** A Fastify plugin serving the signaling WebSocket for one hub. */
export function signalingRoute(hub: SignalingHub): FastifyPluginAsync {
  return async (app) => {
    // @fastify/websocket must be registered once per server; the app may have done it already.
    if (!app.hasDecorator('websocketServer')) {
      await app.register(websocket, { options: { maxPayload: 1024 * 1024 } });
    }
    app.get(SIGNALING_PATH, { websocket: true }, (socket: WebSocket) => {
      const session = hub.attach({
        send: (text) => socket.send(text),
        close: (code, reason) => socket.close(code, reason),
        ping: () => socket.ping(),
        terminate: () => socket.terminate(),
      });
      socket.on('message', (data: RawData, isBinary: boolean) =>
        session.message(toBuffer(data), isBinary),
      );
      socket.on('pong', () => session.pong());
      socket.on('close', () => session.closed());
      // Errors (for example a frame over the transport's limit) close the socket; `close` follows.
      socket.on('error', () => undefined);
    });
  };
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
