// The server's event bus, typed: each topic kind fixes the shape of the events published on it,
// so a subscriber never casts. Topics are built by one function each. Events cross server
// instances as JSON (PostgreSQL NOTIFY), so they carry ids and states, never credentials.
import type { StaffEvent } from './lobby.ts';

/** Tells one visitor's socket to re-read its entry (and fetch credentials), or a staff message. */
export type LobbySignal =
  { type: 'changed' } | { type: 'message'; text: string; from: string; at: string };

/** Rollout settings changed on some instance: drop the cached copy. */
export interface RolloutChanged {
  type: 'changed';
}

/** Topic kind → the event published on topics of that kind. */
export interface BusEvents {
  /** Every staff page of one facility (`/ws/staff`). */
  facility: StaffEvent;
  /** One visitor's waiting-room entry (`/ws/lobby`). */
  lobby: LobbySignal;
  /** Rollout settings, for every instance. */
  rollout: RolloutChanged;
}
export type TopicKind = keyof BusEvents;

/** A topic: its kind fixes the event type; `name` is unique across kinds. */
export interface Topic<K extends TopicKind = TopicKind> {
  readonly kind: K;
  readonly name: string;
}

export const topics = {
  /** A facility's staff pages. */
  facility: (facilityId: string): Topic<'facility'> => ({
    kind: 'facility',
    name: `facility:${facilityId}`,
  }),
  /** One waiting-room entry's visitor page. */
  lobby: (entryId: string): Topic<'lobby'> => ({ kind: 'lobby', name: `lobby:${entryId}` }),
  /** Rollout settings. */
  rollout: (): Topic<'rollout'> => ({ kind: 'rollout', name: 'rollout' }),
} as const;
