import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PUSH_FINAL_CLOSE_CODES, PushCloseCode } from '@openconnect/contracts/push-close-codes';
import { fakeSockets } from './fake-socket.ts';
import { backoffDelay, openPushSocket, socketUrl, type PushStatus } from './push-socket.ts';

describe('backoffDelay', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    const max = () => 1; // no jitter reduction
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, 500, 3000, max))).toEqual([
      500, 1000, 2000, 3000,
    ]);
    expect(backoffDelay(50, 500, 3000, max)).toBe(3000);
  });

  it('jitters down to half the delay, never more than it', () => {
    expect(backoffDelay(1, 500, 3000, () => 0)).toBe(500);
  });
});

describe('socketUrl', () => {
  it('uses wss on https pages and ws otherwise', () => {
    expect(socketUrl('/ws/lobby', { protocol: 'https:', host: 'a.test' })).toBe(
      'wss://a.test/ws/lobby',
    );
    expect(socketUrl('/ws/lobby', { protocol: 'http:', host: '127.0.0.1:3000' })).toBe(
      'ws://127.0.0.1:3000/ws/lobby',
    );
  });
});

describe('openPushSocket', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(isFinal?: (code: number) => boolean) {
    const sockets = fakeSockets();
    const events: unknown[] = [];
    const statuses: [PushStatus, boolean][] = [];
    const push = openPushSocket<{ n: number }>({
      url: 'ws://x/ws',
      greeting: () => ({ type: 'hello' }),
      parse: (data) =>
        typeof data === 'object' && data && 'n' in data ? (data as { n: number }) : undefined,
      onEvent: (event) => events.push(event),
      onStatus: (status, info) => statuses.push([status, info.reopened]),
      isFinal,
      random: () => 1,
      createSocket: sockets.create,
    });
    return { sockets, events, statuses, push };
  }

  it('greets the server on open and delivers parsed frames, ignoring others', () => {
    const { sockets, events, push } = setup();
    sockets.last().open();
    expect(sockets.last().sent).toEqual([{ type: 'hello' }]);
    sockets.last().push({ n: 1 });
    sockets.last().push({ other: true });
    sockets.last().onmessage?.({ data: 'not json' });
    expect(events).toEqual([{ n: 1 }]);
    expect(push.status).toBe('open');
  });

  it('reconnects after a drop, greets again and reports that it reopened', () => {
    const { sockets, statuses } = setup();
    sockets.last().open();
    sockets.last().drop();
    expect(statuses.at(-1)).toEqual(['reconnecting', false]);
    vi.advanceTimersByTime(499);
    expect(sockets.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets.all).toHaveLength(2);
    sockets.last().open();
    expect(sockets.last().sent).toEqual([{ type: 'hello' }]);
    expect(statuses.at(-1)).toEqual(['open', true]);
  });

  it('backs off longer after each failed attempt and resets once connected', () => {
    const { sockets } = setup();
    sockets.last().drop();
    vi.advanceTimersByTime(500);
    sockets.last().drop();
    vi.advanceTimersByTime(999);
    expect(sockets.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets.all).toHaveLength(3);
    sockets.last().open();
    sockets.last().drop();
    vi.advanceTimersByTime(500);
    expect(sockets.all).toHaveLength(4);
  });

  it('stops for good on a final close code', () => {
    const { sockets, push } = setup((code) => code === PushCloseCode.UNAUTHENTICATED);
    sockets.last().open();
    sockets.last().drop(PushCloseCode.UNAUTHENTICATED);
    vi.advanceTimersByTime(60_000);
    expect(sockets.all).toHaveLength(1);
    expect(push.status).toBe('closed');
  });

  // A restart (1001 "going away"), a dropped connection (1006) and a resync (1012) are what a
  // server restart or a deploy looks like to a page: it says "Reconnecting…" and comes back alone.
  it.each([
    [PushCloseCode.GOING_AWAY, 'going away'],
    [1006, 'connection lost'],
    [PushCloseCode.RESYNC, 'resync'],
  ])('reconnects by itself after %i (%s), whatever the page counts as final', (code) => {
    for (const isFinal of [
      (c: number) => PUSH_FINAL_CLOSE_CODES.has(c), // the staff console
      (c: number) => c === PushCloseCode.UNAUTHENTICATED, // the waiting room
    ]) {
      const { sockets, statuses, push } = setup(isFinal);
      sockets.last().open();
      sockets.last().drop(code);
      expect(push.status).toBe('reconnecting');
      vi.advanceTimersByTime(500);
      expect(sockets.all).toHaveLength(2);
      // The server is still down: the page keeps trying, further apart.
      sockets.last().drop(1006);
      vi.advanceTimersByTime(1000);
      expect(sockets.all).toHaveLength(3);
      sockets.last().open();
      expect(sockets.last().sent).toEqual([{ type: 'hello' }]);
      expect(statuses.at(-1)).toEqual(['open', true]);
      push.close();
    }
  });

  it.each([...PUSH_FINAL_CLOSE_CODES])('stops the staff console for good on %i', (code) => {
    const { sockets, push } = setup((c) => PUSH_FINAL_CLOSE_CODES.has(c));
    sockets.last().open();
    sockets.last().drop(code);
    vi.advanceTimersByTime(60_000);
    expect(sockets.all).toHaveLength(1);
    expect(push.status).toBe('closed');
  });

  it('does not reconnect after close()', () => {
    const { sockets, push } = setup();
    sockets.last().open();
    push.close();
    expect(sockets.last().closedWith).toBe(1000);
    sockets.last().drop(1000);
    vi.advanceTimersByTime(60_000);
    expect(sockets.all).toHaveLength(1);
    expect(push.send({ a: 1 })).toBe(false);
  });
});
