// What a signaling socket's close code means for the room: try again, or stop with a reason.
import { P2PCloseCode } from '@openconnect/contracts';
import type { DisconnectReason } from '../room-types.ts';

export type CloseOutcome =
  { retry: true; freshCredentials: boolean } | { retry: false; reason: DisconnectReason };

const finalReasons: ReadonlyMap<number, DisconnectReason> = new Map([
  [P2PCloseCode.PROTOCOL_ERROR, 'error'],
  [P2PCloseCode.TOKEN_INVALID, 'unauthorized'],
  [P2PCloseCode.WRONG_ROOM, 'unauthorized'],
  [P2PCloseCode.ROOM_NOT_FOUND, 'room-not-found'],
  [P2PCloseCode.ROOM_FULL, 'room-full'],
  [P2PCloseCode.KICKED, 'kicked'],
  [P2PCloseCode.ROOM_CLOSED, 'room-closed'],
  [P2PCloseCode.MESSAGE_TOO_LARGE, 'error'],
  [P2PCloseCode.REPLACED, 'replaced'],
  [P2PCloseCode.RATE_LIMITED, 'error'],
]);

/**
 * Classifies a close. Unknown codes (1006 abnormal closure, 1001 going away, 1011 server error,
 * an auth timeout) are network trouble and worth a retry; an expired token is worth one only
 * with fresh credentials.
 */
export function closeOutcome(code: number, canRefresh: boolean): CloseOutcome {
  if (code === P2PCloseCode.TOKEN_EXPIRED) {
    return canRefresh
      ? { retry: true, freshCredentials: true }
      : { retry: false, reason: 'token-expired' };
  }
  const reason = finalReasons.get(code);
  if (reason) return { retry: false, reason };
  return { retry: true, freshCredentials: false };
}

/** Delay before reconnect attempt `attempt` (0-based): 0.5 s doubling to 8 s, with jitter. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(500 * 2 ** attempt, 8_000);
  return Math.round(base * (0.75 + random() * 0.5));
}
