import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PushCloseCode } from '@openconnect/contracts/push-close-codes';
import { fakeSockets } from '../realtime/fake-socket.ts';
import type { LobbyApi } from './lobby-api.ts';
import { credentials, lobby, ticket } from './lobby-fixtures.ts';
import { createTicketStorage, memoryStorage } from './ticket-storage.ts';
import { createWaitingRoomCore } from './waiting-room-core.ts';
import { initialWaitingRoomState, knocked } from './waiting-room-state.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup() {
  const sockets = fakeSockets();
  const tickets = createTicketStorage(memoryStorage());
  tickets.save('CODE', ticket);
  const join = vi.fn(async () => credentials);
  const room = createWaitingRoomCore({
    code: 'CODE',
    api: { join } as Partial<LobbyApi> as LobbyApi,
    tickets,
    createSocket: sockets.create,
    url: 'ws://x/ws/lobby',
    credentialsGraceMs: 1000,
    now: () => 5,
  });
  room.store.set(knocked(initialWaitingRoomState, ticket));
  return { room, sockets, tickets, join, state: () => room.store.get() };
}

describe('waiting room core', () => {
  it('says hello with the ticket on every connection of its channel', async () => {
    const { room, sockets } = setup();
    room.listen(ticket);
    sockets.last().open();
    sockets.last().drop(PushCloseCode.GOING_AWAY);
    await vi.advanceTimersByTimeAsync(1000);
    sockets.last().open();
    const hello = { type: 'hello', entryId: 'e1', token: 'secret' };
    expect(sockets.all.map((s) => s.sent)).toEqual([[hello], [hello]]);
  });

  it('listens to one entry at a time, and to none once disposed', () => {
    const { room, sockets } = setup();
    room.listen(ticket);
    room.listen(ticket);
    expect(sockets.all[0]?.closedWith).toBe(1000);
    room.dispose();
    room.listen(ticket);
    expect(sockets.all).toHaveLength(2);
    expect(room.isDisposed()).toBe(true);
  });

  it('forgets the ticket and calls the entry expired when its token is refused', () => {
    const { room, sockets, tickets, state } = setup();
    room.listen(ticket);
    sockets.last().open();
    sockets.last().drop(PushCloseCode.UNAUTHENTICATED);
    expect(state()).toMatchObject({ phase: 'expired', connection: 'closed' });
    expect(tickets.load('CODE')).toBeUndefined();
  });

  it('asks for credentials once the grace after an admission ran out', async () => {
    const { room, join, state } = setup();
    room.apply([state(), 'awaitCredentials']);
    await vi.advanceTimersByTimeAsync(999);
    expect(join).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(join).toHaveBeenCalledWith('e1', 'secret');
    expect(state()).toMatchObject({ phase: 'admitted', credentials, admittedAt: 5 });
  });

  it('does not ask once the credentials arrived, nor after it stopped listening', async () => {
    const { room, join, state } = setup();
    room.apply([state(), 'awaitCredentials']);
    room.apply([state(), 'credentialsArrived']);
    room.apply([state(), 'awaitCredentials']);
    room.apply([{ ...state(), lobby: lobby('denied') }, 'stopListening']);
    await vi.advanceTimersByTimeAsync(5000);
    expect(join).not.toHaveBeenCalled();
  });
});
