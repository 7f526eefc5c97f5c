// The server's event bus, typed: each topic kind fixes the shape of the events published on it,
// so a subscriber never casts. Topics are built by one function each. Events cross server
// instances as JSON (PostgreSQL NOTIFY), so they carry ids and states, never credentials.
import type { StaffEvent } from './lobby.ts';
import type { P2PLeaveReason, P2PPeer, P2PSignalPayload } from './p2p-signaling.ts';

/** Tells one visitor's socket to re-read its entry (and fetch credentials), or a staff message. */
export type LobbySignal =
  { type: 'changed' } | { type: 'message'; text: string; from: string; at: string };

/**
 * A visit's line of waiting visitors changed (someone was admitted, turned away, left, expired or
 * moved): the line as it now is, read once, so every waiting page works out its own place without
 * asking the database. `at` (microseconds on the database's clock) orders snapshots: a page
 * ignores one older than what it read itself.
 */
export interface LineChanged {
  type: 'line';
  visitId: string;
  /** When the line was read, in microseconds since the epoch (database clock). */
  at: number;
  /** When each waiting visitor knocked, in microseconds since the epoch, oldest first. */
  line: number[];
  /** How long the facility's latest admitted visitors waited, in ms (the estimate's input). */
  waitsMs: number[];
}

/**
 * A p2p room was closed on some instance (every instance forgets it existed), or someone was
 * removed from one (every instance forgets the seat it knew them to hold).
 */
export type P2PRoomsEvent =
  { type: 'closed'; roomId: string } | { type: 'kicked'; roomId: string; identity: string };

/** Rollout settings changed on some instance: drop the cached copy. */
export interface RolloutChanged {
  type: 'changed';
}

/**
 * This instance's bus was deaf for a while (its LISTEN connection was lost and is back): events
 * of that gap are gone, so every subscriber re-reads its state. Delivered by the bus itself, on
 * this instance only; nobody publishes it.
 */
export interface BusResync {
  type: 'resync';
  /** How long the instance heard nothing. */
  downForMs: number;
}

/**
 * Between the server instances holding the sockets of one p2p room: who is connected where,
 * kicks, the room's end, and signals relayed to a member whose socket is on another instance.
 * `instance` names the sender, so an instance skips its own events.
 */
export type P2PRoomEvent = { instance: string } & (
  | {
      type: 'joined';
      session: string;
      peer: P2PPeer;
    }
  | {
      type: 'left';
      session: string;
      identity: string;
      reason: P2PLeaveReason;
    }
  | { type: 'kick'; identity: string }
  | { type: 'closed' }
  | { type: 'signal'; from: string; to: string; data: P2PSignalPayload }
);

/** Topic kind → the event published on topics of that kind. */
export interface BusEvents {
  /** Every staff page of one facility (`/ws/staff`). */
  facility: StaffEvent;
  /** One visitor's waiting-room entry (`/ws/lobby`). */
  lobby: LobbySignal;
  /** Every visit's line of waiting visitors, for the instances holding their pages. */
  lines: LineChanged;
  /** Rollout settings, for every instance. */
  rollout: RolloutChanged;
  /** This instance's bus heard nothing for a while; delivered locally, never published. */
  resync: BusResync;
  /** One p2p room's signaling, across the instances holding its sockets. */
  p2p: P2PRoomEvent;
  /** p2p rooms closed and people removed, for every instance. */
  p2pRooms: P2PRoomsEvent;
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
  /** Changes to any visit's line of waiting visitors (one topic: every instance hears them). */
  lines: (): Topic<'lines'> => ({ kind: 'lines', name: 'lines' }),
  /** Rollout settings. */
  rollout: (): Topic<'rollout'> => ({ kind: 'rollout', name: 'rollout' }),
  /** The bus's own signal to re-read state after a gap (this instance only). */
  resync: (): Topic<'resync'> => ({ kind: 'resync', name: 'resync' }),
  /** One p2p room's signaling between instances. */
  p2p: (roomId: string): Topic<'p2p'> => ({ kind: 'p2p', name: `p2p:${roomId}` }),
  /** Closures of p2p rooms (one topic: every instance hears them). */
  p2pRooms: (): Topic<'p2pRooms'> => ({ kind: 'p2pRooms', name: 'p2p-rooms' }),
} as const;
