// The frames the server pushes to a waiting visitor on /ws/lobby, and what each does to the room:
// where the entry stands, a message from staff, the admission's credentials, or an error.
import type { VisitorEvent } from '@openconnect/contracts';
import { ApiError } from '../api/ApiError.ts';
import {
  withCredentials,
  withLobby,
  type Update,
  type WaitingRoomState,
} from './waiting-room-state.ts';

/** Checks a pushed frame's shape just enough to dispatch on it (zod stays out of this bundle). */
export function parseVisitorEvent(data: unknown): VisitorEvent | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const event = data as { type?: unknown } & Record<string, unknown>;
  switch (event.type) {
    case 'state':
      return typeof event.state === 'object' && event.state !== null
        ? (event as VisitorEvent)
        : undefined;
    case 'message':
      return typeof event.text === 'string' ? (event as VisitorEvent) : undefined;
    case 'admitted':
      return typeof event.credentials === 'object' && event.credentials !== null
        ? (event as VisitorEvent)
        : undefined;
    case 'error':
      return event as VisitorEvent;
    default:
      return undefined;
  }
}

/** The room after a pushed event; `now` dates an admission. */
export function applyVisitorEvent(
  state: WaitingRoomState,
  event: VisitorEvent,
  now: () => number,
): Update {
  switch (event.type) {
    case 'state':
      return withLobby(state, event.state);
    case 'message': {
      const message = { text: event.text, from: event.from, at: event.at };
      return [{ ...state, messages: [...state.messages, message] }];
    }
    case 'admitted':
      return withCredentials(state, event.credentials, now);
    case 'error': {
      const error = new ApiError('UNEXPECTED_RESPONSE', `${event.code}: ${event.message}`);
      return [{ ...state, error }];
    }
  }
}
