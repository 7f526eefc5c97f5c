import { P2PCloseCode } from '@openconnect/contracts';
import { describe, expect, it } from 'vitest';
import { closeOutcome, reconnectDelayMs } from './close-reasons.ts';

describe('closeOutcome', () => {
  it('retries after network trouble and a server restart', () => {
    for (const code of [
      1001,
      1006,
      1011,
      P2PCloseCode.SERVER_SHUTDOWN,
      P2PCloseCode.AUTH_TIMEOUT,
    ]) {
      expect(closeOutcome(code, false)).toEqual({ retry: true, freshCredentials: false });
    }
  });

  it('stops with a reason the UI can show when staff act or the room refuses', () => {
    expect(closeOutcome(P2PCloseCode.KICKED, true)).toEqual({ retry: false, reason: 'kicked' });
    expect(closeOutcome(P2PCloseCode.ROOM_CLOSED, true)).toEqual({
      retry: false,
      reason: 'room-closed',
    });
    expect(closeOutcome(P2PCloseCode.ROOM_FULL, true)).toEqual({
      retry: false,
      reason: 'room-full',
    });
    expect(closeOutcome(P2PCloseCode.REPLACED, true)).toEqual({ retry: false, reason: 'replaced' });
    expect(closeOutcome(P2PCloseCode.TOKEN_INVALID, true)).toEqual({
      retry: false,
      reason: 'unauthorized',
    });
  });

  it('retries an expired token only when fresh credentials can be fetched', () => {
    expect(closeOutcome(P2PCloseCode.TOKEN_EXPIRED, true)).toEqual({
      retry: true,
      freshCredentials: true,
    });
    expect(closeOutcome(P2PCloseCode.TOKEN_EXPIRED, false)).toEqual({
      retry: false,
      reason: 'token-expired',
    });
  });
});

describe('reconnectDelayMs', () => {
  it('backs off from half a second to at most eight seconds', () => {
    const middle = () => 0.5;
    expect(reconnectDelayMs(0, middle)).toBe(500);
    expect(reconnectDelayMs(1, middle)).toBe(1000);
    expect(reconnectDelayMs(10, middle)).toBe(8000);
    expect(reconnectDelayMs(0, () => 0)).toBe(375);
    expect(reconnectDelayMs(0, () => 1)).toBe(625);
  });
});
