// A scripted WebSocket for unit tests of push clients: records what was sent and lets the test
// open, push frames to and close each connection. Not used by the app itself.
import type { SocketFactory, SocketLike } from './push-socket.ts';

export class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: unknown[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  closedWith: number | undefined;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }
  /** The server accepts the connection. */
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  /** The server pushes a JSON frame. */
  push(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  /** The connection drops (or the server closes it with `code`). */
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

/** A socket factory that keeps every socket it made, newest last. */
export function fakeSockets(): { create: SocketFactory; all: FakeSocket[]; last(): FakeSocket } {
  const all: FakeSocket[] = [];
  return {
    all,
    create: (url) => {
      const socket = new FakeSocket(url);
      all.push(socket);
      return socket;
    },
    last() {
      const socket = all.at(-1);
      if (!socket) throw new Error('no socket was opened');
      return socket;
    },
  };
}
