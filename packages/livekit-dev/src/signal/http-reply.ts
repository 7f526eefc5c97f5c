// Plain HTTP answers on a raw socket, for WebSocket upgrades the signal layer refuses.
import type { Duplex } from 'node:stream';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
};

/** Writes an HTTP error response to an upgrade socket and closes it. */
export function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  const body = Buffer.from(message);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${message}`,
  );
}
