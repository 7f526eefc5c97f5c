// The app messages participants send each other during a visit, whatever the provider: quick
// reactions and chat, as JSON on the data topic `openconnect`. Incoming messages are checked here
// (size, shape, known reactions) before anything renders them.
import { hasNoControlCharacters } from '@openconnect/contracts/control-characters';
import type { RoomDataMessage } from '../room-types.ts';

/** The data topic (LiveKit) our messages travel on; other topics are not ours. */
export const DATA_TOPIC = 'openconnect';

/** The reactions offered, in toolbar order. Others are ignored when received. */
export const REACTIONS = ['👍', '❤️', '😂', '👏', '👋'] as const;

export const MAX_CHAT_LENGTH = 2000;

const reactionSet: ReadonlySet<string> = new Set(REACTIONS);

/** Checks any value as a data message. */
export function toDataMessage(value: unknown): RoomDataMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { type, emoji, text } = value as Record<string, unknown>;
  if (type === 'reaction' && typeof emoji === 'string' && reactionSet.has(emoji)) {
    return { type, emoji };
  }
  if (type === 'chat' && typeof text === 'string') {
    const trimmed = text.trim();
    // The API's text rule: no control characters but tab and newline (contracts' text.ts).
    const fits = trimmed.length > 0 && trimmed.length <= MAX_CHAT_LENGTH;
    if (fits && hasNoControlCharacters(trimmed, true)) return { type, text: trimmed };
  }
  return undefined;
}

/** The bytes of a message for the wire. */
export function encodeDataMessage(message: RoomDataMessage): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(message));
}

/** A message from wire bytes or text, or undefined when it is not one of ours. */
export function decodeDataMessage(payload: Uint8Array | string): RoomDataMessage | undefined {
  if (typeof payload !== 'string' && payload.byteLength > 8 * 1024) return undefined;
  try {
    const text = typeof payload === 'string' ? payload : new TextDecoder().decode(payload);
    return toDataMessage(JSON.parse(text));
  } catch {
    return undefined;
  }
}
