import { describe, expect, it } from 'vitest';
import { credentials, lobby, ticket } from './lobby-fixtures.ts';
import {
  initialWaitingRoomState,
  knocked,
  withCredentials,
  withLobby,
  type WaitingRoomState,
} from './waiting-room-state.ts';

const waiting = knocked(initialWaitingRoomState, ticket);
const inCall: WaitingRoomState = { ...waiting, phase: 'admitted', credentials, admittedAt: 1 };
const at = () => 4242;

describe('waiting room state', () => {
  it('waits with the ticket, no position yet and no old messages after a knock', () => {
    const before = { ...initialWaitingRoomState, messages: [{ text: 'x', from: 'y', at: 'z' }] };
    expect(knocked(before, ticket)).toMatchObject({
      phase: 'waiting',
      ticket,
      messages: [],
      lobby: { entryId: 'e1', status: 'waiting', position: null, waitingSince: ticket.createdAt },
    });
  });

  it('follows the position while waiting', () => {
    const [next, followUp] = withLobby(waiting, lobby('waiting', { position: 3 }));
    expect(next.lobby?.position).toBe(3);
    expect(next.phase).toBe('waiting');
    expect(followUp).toBeUndefined();
  });

  it('waits for credentials on an admission that came without them', () => {
    const [next, followUp] = withLobby(waiting, lobby('admitted'));
    expect(next.phase).toBe('waiting');
    expect(followUp).toBe('awaitCredentials');
    expect(withLobby(inCall, lobby('admitted'))[1]).toBeUndefined();
  });

  it('ends the entry with the reason given, and stops listening', () => {
    for (const status of ['denied', 'cancelled', 'expired', 'removed'] as const) {
      const [next, followUp] = withLobby(inCall, lobby(status, { reason: 'Too late' }));
      expect(next).toMatchObject({ phase: status, reason: 'Too late' });
      expect(followUp).toBe('stopListening');
    }
  });

  it('changes nothing once the visitor left the call', () => {
    const left: WaitingRoomState = { ...inCall, phase: 'left' };
    expect(withLobby(left, lobby('removed'))).toEqual([left]);
    expect(withCredentials(left, credentials, at)[0]).toBe(left);
  });

  it('admits with the first credentials, timed, and keeps them through later ones', () => {
    const [admitted, followUp] = withCredentials(waiting, credentials, at);
    expect(admitted).toMatchObject({ phase: 'admitted', credentials, admittedAt: 4242 });
    expect(followUp).toBe('credentialsArrived');
    const [again] = withCredentials(admitted, { ...credentials, token: 'new' }, () => 9);
    expect(again).toBe(admitted);
  });

  it('does not let a removed visitor back in with late credentials', () => {
    const removed: WaitingRoomState = { ...waiting, phase: 'removed' };
    expect(withCredentials(removed, credentials, at)[0]).toBe(removed);
  });
});
