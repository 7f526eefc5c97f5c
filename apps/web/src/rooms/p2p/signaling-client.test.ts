import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { P2P_PROTOCOL_VERSION, type P2PServerMessage } from '@openconnect/contracts';
import { fakeSockets } from '../../realtime/fake-socket.ts';
import { SignalingClient } from './signaling-client.ts';

function setup() {
  const sockets = fakeSockets();
  const received: P2PServerMessage[] = [];
  const lost: number[] = [];
  let malformed = 0;
  const client = new SignalingClient({
    url: 'ws://x/rtc',
    roomId: 'room-1',
    token: 'tok',
    onMessage: (message) => received.push(message),
    onMalformed: () => (malformed += 1),
    onLost: (code) => lost.push(code),
    createSocket: sockets.create,
  });
  return { client, socket: sockets.last(), received, lost, malformed: () => malformed };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('SignalingClient', () => {
  it('joins the room as soon as the socket opens', () => {
    const { socket } = setup();
    expect(socket.url).toBe('ws://x/rtc');
    socket.open();
    expect(socket.sent).toEqual([
      { type: 'join', version: P2P_PROTOCOL_VERSION, room: 'room-1', token: 'tok' },
    ]);
  });

  it('hands over valid messages and counts malformed ones without passing them on', () => {
    const { socket, received, malformed } = setup();
    socket.open();
    socket.push({ type: 'pong' });
    socket.push({ type: 'welcome' });
    socket.onmessage?.({ data: 'not json' });
    expect(received).toEqual([{ type: 'pong' }]);
    expect(malformed()).toBe(2);
  });

  it('reports a lost connection once, with its close code, then ignores that socket', () => {
    const { socket, lost, received } = setup();
    socket.open();
    socket.drop(4403);
    socket.drop(1006);
    socket.push({ type: 'pong' });
    expect(lost).toEqual([4403]);
    expect(received).toEqual([]);
  });

  it('pings on the heartbeat and treats a silent server as lost', () => {
    const { client, socket, lost } = setup();
    socket.open();
    client.startHeartbeat(1000);
    vi.advanceTimersByTime(1000);
    expect(socket.sent.at(-1)).toEqual({ type: 'ping' });
    socket.push({ type: 'pong' });
    vi.advanceTimersByTime(2000);
    expect(lost).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(lost).toEqual([1006]);
    expect(socket.closedWith).toBe(1000);
  });

  it('closes without reporting a loss, and sends nothing afterwards', () => {
    const { client, socket, lost } = setup();
    socket.open();
    client.close(1000, 'left');
    expect(socket.closedWith).toBe(1000);
    socket.drop(1000);
    client.send({ type: 'ping' });
    expect(lost).toEqual([]);
    expect(socket.sent).toHaveLength(1);
  });
});
