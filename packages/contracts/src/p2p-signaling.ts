// The p2p signaling protocol spoken between the browser and OpenConnect's `GET /ws/p2p`
// WebSocket, and the messages peers send each other over their data channel. Both sides parse
// every frame with these schemas; docs/providers/p2p.md describes the flow.
import { z } from 'zod';
import { ParticipantRole } from './providers.ts';
import { PlainText } from './text.ts';

/** The version a client names in its join message; the server refuses others. */
export const P2P_PROTOCOL_VERSION = 1;

/** Largest signaling frame either side may send, in bytes (SDP with many candidates fits). */
export const P2P_MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * Close codes the signaling server uses (4000–4999, the range RFC 6455 leaves to applications).
 * Codes listed in `P2P_RETRYABLE_CLOSE_CODES` may be retried; every other one is final.
 */
export const P2PCloseCode = {
  /** A frame was not JSON, not a known message, or came out of order. */
  PROTOCOL_ERROR: 4000,
  /** The token is malformed or its signature is wrong. */
  TOKEN_INVALID: 4001,
  /** The token has expired: ask the server for fresh credentials. */
  TOKEN_EXPIRED: 4002,
  /** The token belongs to another room than the one named in the join message. */
  WRONG_ROOM: 4003,
  /** The room is unknown or was closed. */
  ROOM_NOT_FOUND: 4004,
  /** The room already has as many participants as it allows. */
  ROOM_FULL: 4005,
  /** Staff removed this participant; their issued tokens are revoked. */
  KICKED: 4006,
  /** Staff ended the visit while this participant was connected. */
  ROOM_CLOSED: 4007,
  /** No join message arrived in time after the socket opened. */
  AUTH_TIMEOUT: 4008,
  /** A frame was larger than P2P_MAX_MESSAGE_BYTES. */
  MESSAGE_TOO_LARGE: 4009,
  /** The same identity connected again from another socket; this one is replaced. */
  REPLACED: 4010,
  /** The server is shutting down; reconnect shortly. */
  SERVER_SHUTDOWN: 4011,
  /** The client sent too many frames too fast. */
  RATE_LIMITED: 4029,
} as const;
export type P2PCloseCode = (typeof P2PCloseCode)[keyof typeof P2PCloseCode];

/** Close codes after which reconnecting (with the same or fresh credentials) may succeed. */
export const P2P_RETRYABLE_CLOSE_CODES: ReadonlySet<number> = new Set([
  P2PCloseCode.SERVER_SHUTDOWN,
  P2PCloseCode.TOKEN_EXPIRED,
]);

const identity = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/);

export const P2PPeer = z.strictObject({
  identity,
  name: z.string().max(120),
  role: ParticipantRole,
});
export type P2PPeer = z.infer<typeof P2PPeer>;

const SessionDescription = z.strictObject({
  type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
  sdp: z.string().max(P2P_MAX_MESSAGE_BYTES).optional(),
});

const IceCandidate = z.strictObject({
  candidate: z.string().max(2048),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(1024).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});

/** What one peer sends another through the server: a description or an ICE candidate. */
export const P2PSignalPayload = z.union([
  z.strictObject({ description: SessionDescription }),
  z.strictObject({ candidate: IceCandidate.nullable() }),
]);
export type P2PSignalPayload = z.infer<typeof P2PSignalPayload>;

/** Frames a browser sends to the signaling server. The first must be `join`. */
export const P2PClientMessage = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('join'),
    version: z.literal(P2P_PROTOCOL_VERSION),
    room: z.string().min(1).max(128),
    token: z.string().min(1).max(4096),
  }),
  z.strictObject({ type: z.literal('signal'), to: identity, data: P2PSignalPayload }),
  z.strictObject({ type: z.literal('ping') }),
  z.strictObject({ type: z.literal('leave') }),
]);
export type P2PClientMessage = z.infer<typeof P2PClientMessage>;

/** Why a peer is no longer in the room, as told to the others. */
export const P2PLeaveReason = z.enum(['left', 'disconnected', 'kicked', 'reconnected']);
export type P2PLeaveReason = z.infer<typeof P2PLeaveReason>;

/** Frames the signaling server sends to a browser. */
export const P2PServerMessage = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('welcome'),
    self: P2PPeer,
    peers: z.array(P2PPeer),
    maxParticipants: z.number().int().positive(),
    heartbeatIntervalMs: z.number().int().positive(),
  }),
  z.strictObject({ type: z.literal('peer-joined'), peer: P2PPeer }),
  z.strictObject({ type: z.literal('peer-left'), identity, reason: P2PLeaveReason }),
  z.strictObject({ type: z.literal('signal'), from: identity, data: P2PSignalPayload }),
  z.strictObject({ type: z.literal('pong') }),
  /** A non-fatal problem with one frame (for example a signal to someone who just left). */
  z.strictObject({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type P2PServerMessage = z.infer<typeof P2PServerMessage>;

/** Messages peers exchange over their data channel: app messages and media state. */
export const P2PPeerMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('reaction'), emoji: z.string().min(1).max(16) }),
  /** Chat text meets the API's text rule: a peer's control characters are dropped on arrival. */
  z.strictObject({ type: z.literal('chat'), text: PlainText({ max: 2000, multiline: true }) }),
  z.strictObject({
    type: z.literal('media-state'),
    micEnabled: z.boolean(),
    cameraEnabled: z.boolean(),
    /** The id of the MediaStream that carries the screen share, when sharing. */
    screenStreamId: z.string().max(128).nullable(),
    /** Audio only: sends no camera and asks not to be sent one (absent from older pages). */
    audioOnly: z.boolean().optional(),
  }),
]);
export type P2PPeerMessage = z.infer<typeof P2PPeerMessage>;
