import { describe, expect, it } from 'vitest';
import { ConnectionState, DisconnectReason } from 'livekit-client';
import { toDisconnectReason, toRoomState } from './disconnect-reasons.ts';

describe('LiveKit states and reasons', () => {
  it('reports both kinds of reconnecting as one', () => {
    expect(toRoomState(ConnectionState.SignalReconnecting)).toBe('reconnecting');
    expect(toRoomState(ConnectionState.Reconnecting)).toBe('reconnecting');
    expect(toRoomState(ConnectionState.Connected)).toBe('connected');
  });

  it('tells a removed participant, an ended visit and a lost connection apart', () => {
    expect(toDisconnectReason(DisconnectReason.PARTICIPANT_REMOVED)).toBe('kicked');
    expect(toDisconnectReason(DisconnectReason.ROOM_DELETED)).toBe('room-closed');
    expect(toDisconnectReason(DisconnectReason.CLIENT_INITIATED)).toBe('left');
    expect(toDisconnectReason(undefined)).toBe('network');
    expect(toDisconnectReason(DisconnectReason.STATE_MISMATCH)).toBe('error');
  });
});
