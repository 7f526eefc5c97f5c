// The p2p signaling protocol as the server enforces it. Message schemas and close codes are
// shared with the browser (packages/contracts/src/p2p-signaling.ts); the limits here are the
// server's own. docs/providers/p2p.md documents the flow for people.
//
// Close codes (4000–4999; after any of them the socket is gone, nobody else is affected):
//   4000 PROTOCOL_ERROR     frame not JSON, not a known message, binary, or out of order
//   4001 TOKEN_INVALID      token malformed or signature wrong
//   4002 TOKEN_EXPIRED      token past its expiry; get fresh credentials
//   4003 WRONG_ROOM         token is for another room than the join message names
//   4004 ROOM_NOT_FOUND     room unknown or closed
//   4005 ROOM_FULL          room at capacity
//   4006 KICKED             removed by staff; tokens issued before are revoked
//   4007 ROOM_CLOSED        visit ended while connected
//   4008 AUTH_TIMEOUT       no join message within the auth timeout
//   4009 MESSAGE_TOO_LARGE  frame larger than P2P_MAX_MESSAGE_BYTES (64 KiB)
//   4010 REPLACED           same identity connected again on another socket
//   4011 SERVER_SHUTDOWN    server stopping; reconnect shortly
//   4029 RATE_LIMITED       more frames per second than allowed
import {
  P2PClientMessage,
  P2PCloseCode,
  P2P_MAX_MESSAGE_BYTES,
  type P2PServerMessage,
} from '@openconnect/contracts';

export { P2PCloseCode, P2P_MAX_MESSAGE_BYTES };

/** Server-side limits of a signaling connection. */
export const signalingLimits = {
  /** Time a socket may stay open without a valid join message. */
  authTimeoutMs: 10_000,
  /** Frames per second a client may send before it is closed with RATE_LIMITED. */
  maxMessagesPerSecond: 100,
  /** How long credentials from joinRoom hold a seat before the socket connects. */
  reservationMs: 60_000,
} as const;

export type ParsedFrame =
  { ok: true; message: P2PClientMessage } | { ok: false; code: P2PCloseCode; reason: string };

/** Decodes one text frame from a client, or says which close code it earns. */
export function parseClientFrame(text: string): ParsedFrame {
  if (Buffer.byteLength(text, 'utf8') > P2P_MAX_MESSAGE_BYTES) {
    return { ok: false, code: P2PCloseCode.MESSAGE_TOO_LARGE, reason: 'message too large' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, code: P2PCloseCode.PROTOCOL_ERROR, reason: 'frame is not JSON' };
  }
  const parsed = P2PClientMessage.safeParse(json);
  if (!parsed.success) {
    return { ok: false, code: P2PCloseCode.PROTOCOL_ERROR, reason: 'unknown or malformed message' };
  }
  return { ok: true, message: parsed.data };
}

/** Encodes one server frame. */
export function encodeServerMessage(message: P2PServerMessage): string {
  return JSON.stringify(message);
}
