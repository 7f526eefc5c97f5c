import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PushCloseCode } from '@openconnect/contracts/push-close-codes';
import { ApiError } from '../api/ApiError.ts';
import { fakeSockets } from '../realtime/fake-socket.ts';
import { createLobbyApi, parseRetryAfter, RateLimitedError, type LobbyApi } from './lobby-api.ts';
import { credentials, lobby, ticket } from './lobby-fixtures.ts';
import { createTicketStorage, memoryStorage } from './ticket-storage.ts';
import { createWaitingRoom, minutesWaited } from './waiting-room.ts';
import { initialWaitingRoomState } from './waiting-room-state.ts';

function fakeApi(overrides: Partial<LobbyApi> = {}): LobbyApi & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    knock: vi.fn(
      async (code: string, name: string) => (calls.push(`knock ${code} ${name}`), ticket),
    ),
    state: vi.fn(async () => (calls.push('state'), lobby('waiting'))),
    cancel: vi.fn(async () => (calls.push('cancel'), lobby('cancelled'))),
    join: vi.fn(async () => (calls.push('join'), credentials)),
    leave: vi.fn(async () => void calls.push('leave')),
    ...overrides,
  };
}

function setup(api = fakeApi(), storage = memoryStorage()) {
  const sockets = fakeSockets();
  const tickets = createTicketStorage(storage);
  const room = createWaitingRoom({
    code: 'CODE',
    api,
    tickets,
    createSocket: sockets.create,
    url: 'ws://x/ws/lobby',
    now: () => 4242,
  });
  return { room, sockets, api, tickets, storage, state: () => room.store.get() };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('waiting room', () => {
  it('knocks, keeps the ticket for this tab and says hello on the push channel', async () => {
    const { room, sockets, api, tickets, state } = setup();
    await room.knock('  Ann  ');
    expect(api.calls).toEqual(['knock CODE Ann']);
    expect(state().phase).toBe('waiting');
    expect(tickets.load('CODE')?.visitorToken).toBe('secret');
    sockets.last().open();
    expect(sockets.last().sent).toEqual([{ type: 'hello', entryId: 'e1', token: 'secret' }]);
    sockets.last().push({ type: 'state', state: lobby('waiting', { position: 2 }) });
    expect(state().lobby?.position).toBe(2);
  });

  it('shows staff messages as they arrive', async () => {
    const { room, sockets, state } = setup();
    await room.knock('Ann');
    sockets.last().open();
    sockets
      .last()
      .push({ type: 'message', text: 'Two minutes', from: 'Sam', at: ticket.createdAt });
    expect(state().messages).toEqual([{ text: 'Two minutes', from: 'Sam', at: ticket.createdAt }]);
  });

  it('hands over the pushed credentials on admission', async () => {
    const { room, sockets, state } = setup();
    await room.knock('Ann');
    sockets.last().open();
    sockets.last().push({ type: 'state', state: lobby('admitted') });
    sockets.last().push({ type: 'admitted', credentials });
    expect(state().phase).toBe('admitted');
    expect(state().credentials).toEqual(credentials);
    expect(state().admittedAt).toBe(4242);
  });

  it('asks for credentials itself when an admission arrives without them', async () => {
    const { room, sockets, api, state } = setup();
    await room.knock('Ann');
    sockets.last().open();
    sockets.last().push({ type: 'state', state: lobby('admitted') });
    await vi.advanceTimersByTimeAsync(1500);
    expect(api.calls).toContain('join');
    expect(state().credentials).toEqual(credentials);
  });

  it('keeps the first credentials when a reconnect pushes fresh ones mid-call', async () => {
    const { room, sockets, state } = setup();
    await room.knock('Ann');
    sockets.last().open();
    sockets.last().push({ type: 'admitted', credentials });
    sockets.last().drop();
    await vi.advanceTimersByTimeAsync(1000);
    sockets.last().open();
    sockets.last().push({ type: 'admitted', credentials: { ...credentials, token: 'new' } });
    expect(state().credentials?.token).toBe('t');
  });

  it('says no with the reason staff gave, and stops listening', async () => {
    const { room, sockets, state } = setup();
    await room.knock('Ann');
    sockets.last().open();
    sockets
      .last()
      .push({ type: 'state', state: lobby('denied', { reason: 'Visiting hours are over' }) });
    expect(state().phase).toBe('denied');
    expect(state().reason).toBe('Visiting hours are over');
    expect(sockets.last().closedWith).toBe(1000);
  });

  it('ends the call page when staff remove the visitor, and a reload still shows it', async () => {
    const storage = memoryStorage();
    const first = setup(fakeApi(), storage);
    await first.room.knock('Ann');
    first.sockets.last().open();
    first.sockets.last().push({ type: 'admitted', credentials });
    first.sockets.last().push({ type: 'state', state: lobby('removed') });
    expect(first.state().phase).toBe('removed');

    const reloaded = setup(fakeApi({ state: async () => lobby('removed') }), storage);
    await reloaded.room.start();
    expect(reloaded.state().phase).toBe('removed');
    expect(reloaded.sockets.all).toHaveLength(0);
  });

  it('resumes a waiting entry after a reload without knocking again', async () => {
    const storage = memoryStorage();
    createTicketStorage(storage).save('CODE', ticket);
    const { room, api, sockets, state } = setup(fakeApi(), storage);
    await room.start();
    expect(api.calls).toEqual(['state']);
    expect(state().phase).toBe('waiting');
    expect(sockets.all).toHaveLength(1);
  });

  it('forgets a ticket the server no longer accepts and shows the form', async () => {
    const storage = memoryStorage();
    createTicketStorage(storage).save('CODE', ticket);
    const api = fakeApi({
      state: async () => {
        throw new ApiError('UNAUTHENTICATED', 'no', { status: 401 });
      },
    });
    const { room, state, tickets } = setup(api, storage);
    await room.start();
    expect(state().phase).toBe('form');
    expect(tickets.load('CODE')).toBeUndefined();
  });

  it('treats a refused token on the push channel as an expired entry', async () => {
    const { room, sockets, state, tickets } = setup();
    await room.knock('Ann');
    sockets.last().open();
    sockets.last().drop(PushCloseCode.UNAUTHENTICATED);
    expect(state().phase).toBe('expired');
    expect(tickets.load('CODE')).toBeUndefined();
  });

  it('cancels on request and forgets the ticket so the visitor may ask again', async () => {
    const { room, api, state, tickets } = setup();
    await room.knock('Ann');
    await room.cancel();
    expect(api.calls).toContain('cancel');
    expect(state().phase).toBe('cancelled');
    expect(tickets.load('CODE')).toBeUndefined();
  });

  it('keeps the form and the error when the knock is refused', async () => {
    const error = new RateLimitedError(new ApiError('RATE_LIMITED', 'slow', { status: 429 }), 30);
    const { room, state } = setup(fakeApi({ knock: async () => Promise.reject(error) }));
    await room.knock('Ann');
    expect(state().phase).toBe('form');
    expect(state().error).toBe(error);
  });

  it('starts over from an empty form once an entry is over', async () => {
    const { room, sockets, state, tickets } = setup();
    await room.knock('Ann');
    sockets.last().open();
    sockets.last().push({ type: 'message', text: 'Sorry', from: 'Sam', at: ticket.createdAt });
    sockets.last().push({ type: 'state', state: lobby('expired') });
    room.startOver();
    expect(state()).toEqual(initialWaitingRoomState);
    expect(tickets.load('CODE')).toBeUndefined();
  });

  it('tells the server when the visitor leaves the call', async () => {
    const { room, sockets, api, state } = setup();
    await room.knock('Ann');
    sockets.last().open();
    sockets.last().push({ type: 'admitted', credentials });
    await room.leaveCall();
    expect(api.calls).toContain('leave');
    expect(state().phase).toBe('left');
  });
});

describe('lobby helpers', () => {
  it('counts whole minutes waited', () => {
    const since = '2030-01-01T10:00:00.000Z';
    expect(minutesWaited(since, Date.parse(since) + 59_000)).toBe(0);
    expect(minutesWaited(since, Date.parse(since) + 125_000)).toBe(2);
  });

  it('reads retry-after as seconds or a date', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(
      parseRetryAfter('Wed, 01 Jan 2030 10:01:00 GMT', Date.parse('2030-01-01T10:00:00Z')),
    ).toBe(60);
    expect(parseRetryAfter(null)).toBeNull();
  });

  it('sends the visitor token as a bearer and reports 429 with its retry-after', async () => {
    const seen: RequestInit[] = [];
    const api = createLobbyApi(async (_url, init) => {
      seen.push(init);
      if (init.method === 'POST')
        return new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'slow' } }), {
          status: 429,
          headers: { 'retry-after': '42' },
        });
      return new Response(JSON.stringify(lobby('waiting')), { status: 200 });
    });
    await api.state('e1', 'secret');
    expect((seen[0]?.headers as Record<string, string>).Authorization).toBe('Bearer secret');
    const error = await api.knock('CODE', 'Ann').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(42);
  });
});
