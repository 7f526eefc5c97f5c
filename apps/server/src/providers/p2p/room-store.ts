// The shared state of p2p signaling, in the database so every server instance sees the same
// rooms: each room's capacity, a seat per person given credentials (its reservation until they
// connect, and its generation: a removal raises it, which revokes every token issued before, in a
// way that outlives a restart) and who is connected on which instance. Decisions that count seats
// (reserve, admit) and kicks lock the room's row, so two instances never both give the last seat
// and a kick cannot slip between a token check and the seat it grants. Credentials issued again
// to someone who holds a seat cost one read and write nothing. Members are refreshed by their
// instance's heartbeat (`touch`); a crashed instance's members lapse after `staleAfterMs`.
import type { ParticipantRole, P2PPeer } from '@openconnect/contracts';
import type { Kysely, Transaction } from 'kysely';
import { compiledQuery } from '../../storage/compiled-query.ts';
import type { Db } from '../../storage/db.ts';
import type { Database } from '../../storage/tables.ts';
import type { TokenClaims } from './tokens.ts';

/** The provider's own tables (migrations 0007_p2p_signaling_state and 0024_p2p_seats). */
export type P2PTables = {
  p2p_rooms: { room_id: string; max_participants: number; created_at: Date };
  p2p_seats: {
    room_id: string;
    identity: string;
    /** Tokens carry the generation they were issued at; a removal raises it. */
    generation: number;
    reserved_until: Date | null;
  };
  p2p_members: {
    room_id: string;
    identity: string;
    session_id: string;
    instance_id: string;
    name: string;
    role: ParticipantRole;
    joined_at: Date;
    seen_at: Date;
  };
};

type StoreDb = Kysely<Database & P2PTables>;
type Tx = Transaction<Database & P2PTables>;

/** A connected member as the database knows it. */
export interface StoredMember extends P2PPeer {
  roomId: string;
  session: string;
  instance: string;
  joinedAt: Date;
}

/** A held seat and the generation its tokens carry, or why there is none. */
export type ReserveResult =
  | {
      ok: true;
      seat: number;
      /** Until when the seat is reserved; undefined when it is held by a connection instead. */
      reservedUntil?: Date;
    }
  | { ok: false; reason: 'room-not-found' | 'room-full' };

export type AdmitResult =
  | { ok: false; reason: 'room-not-found' | 'room-full' | 'revoked' }
  | {
      ok: true;
      maxParticipants: number;
      /** Everyone else connected, on any instance. */
      peers: StoredMember[];
      /** The same identity's previous connection, when it was connected elsewhere. */
      previous: StoredMember | undefined;
    };

/** A seat `identity` holds in the room, and whether it is connected (seen since `seenSince`). */
const heldSeat = compiledQuery((db: StoreDb, roomId: string, identity: string, seenSince: Date) =>
  db
    .selectFrom('p2p_rooms')
    .leftJoin('p2p_seats', (join) =>
      join
        .onRef('p2p_seats.room_id', '=', 'p2p_rooms.room_id')
        .on('p2p_seats.identity', '=', identity),
    )
    .select((eb) => [
      'p2p_seats.generation',
      'p2p_seats.reserved_until',
      eb
        .exists(
          eb
            .selectFrom('p2p_members')
            .select('p2p_members.identity')
            .whereRef('p2p_members.room_id', '=', 'p2p_rooms.room_id')
            .where('p2p_members.identity', '=', identity)
            .where('p2p_members.seen_at', '>=', seenSince),
        )
        .as('connected'),
    ])
    .where('p2p_rooms.room_id', '=', roomId),
);

export class P2PRoomStore {
  private readonly db: StoreDb;

  constructor(
    db: Db,
    private readonly staleAfterMs: number,
  ) {
    this.db = db.withTables<P2PTables>();
  }

  /** Records a room (idempotent); returns its capacity. */
  async createRoom(roomId: string, maxParticipants: number): Promise<number> {
    // One statement: the new row's capacity, or the existing row's when it was there already.
    const row = await this.db
      .with('created', (db) =>
        db
          .insertInto('p2p_rooms')
          .values({ room_id: roomId, max_participants: maxParticipants, created_at: new Date() })
          .onConflict((oc) => oc.column('room_id').doNothing())
          .returning('max_participants'),
      )
      .selectFrom('created')
      .select('max_participants')
      .unionAll((db) =>
        db.selectFrom('p2p_rooms').select('max_participants').where('room_id', '=', roomId),
      )
      .executeTakeFirst();
    if (row) return row.max_participants;
    // Created by a concurrent join after this statement's snapshot: read it now.
    const created = await this.db
      .selectFrom('p2p_rooms')
      .select('max_participants')
      .where('room_id', '=', roomId)
      .executeTakeFirstOrThrow();
    return created.max_participants;
  }

  async hasRoom(roomId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('p2p_rooms')
      .select('room_id')
      .where('room_id', '=', roomId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Holds a seat for `identity` until `reservedUntil` (or until it connects). Someone connected or
   * holding a live reservation already is answered by one read that writes nothing; anyone else
   * is counted against the room's capacity under the room's lock.
   */
  async reserve(roomId: string, identity: string, reservedUntil: Date): Promise<ReserveResult> {
    const now = new Date();
    const [held] = (
      await heldSeat(this.db, roomId, identity, new Date(now.getTime() - this.staleAfterMs))
    ).rows;
    if (!held) return { ok: false, reason: 'room-not-found' };
    if (held.generation !== null && held.reserved_until !== null && held.reserved_until > now)
      return { ok: true, seat: held.generation, reservedUntil: held.reserved_until };
    if (held.generation !== null && held.connected) return { ok: true, seat: held.generation };
    return this.db.transaction().execute(async (tx): Promise<ReserveResult> => {
      const room = await lockRoom(tx, roomId);
      if (!room) return { ok: false, reason: 'room-not-found' };
      const { members, reserved } = await this.seats(tx, roomId, now);
      const isMember = members.some((m) => m.identity === identity);
      if (!isMember && !reserved.has(identity)) {
        if (taken(members, reserved, identity) >= room.max_participants)
          return { ok: false, reason: 'room-full' };
      }
      const until = isMember ? null : reservedUntil;
      const seat = await tx
        .insertInto('p2p_seats')
        .values({ room_id: roomId, identity, generation: 0, reserved_until: until })
        .onConflict((oc) =>
          oc.columns(['room_id', 'identity']).doUpdateSet({ reserved_until: until }),
        )
        .returning('generation')
        .executeTakeFirstOrThrow();
      return { ok: true, seat: seat.generation, ...(until ? { reservedUntil: until } : {}) };
    });
  }

  /**
   * Seats a connection with a valid token: refused if the token was revoked, the room is gone or
   * full; otherwise the member row points at this session and the identity's reservations end.
   */
  async admit(
    claims: TokenClaims,
    member: { session: string; instance: string; joinedAt: Date },
  ): Promise<AdmitResult> {
    return this.db.transaction().execute(async (tx): Promise<AdmitResult> => {
      const room = await lockRoom(tx, claims.room);
      if (!room) return { ok: false, reason: 'room-not-found' };
      const seat = await tx
        .selectFrom('p2p_seats')
        .select('generation')
        .where('room_id', '=', claims.room)
        .where('identity', '=', claims.identity)
        .executeTakeFirst();
      // No seat: never given credentials by a running provider (or the room was closed since).
      // A generation past the token's: removed after the token was issued.
      if (!seat || seat.generation !== (claims.seat ?? 0)) return { ok: false, reason: 'revoked' };
      const now = new Date();
      const { members, reserved } = await this.seats(tx, claims.room, now);
      if (taken(members, reserved, claims.identity) >= room.max_participants)
        return { ok: false, reason: 'room-full' };
      const previous = members.find((m) => m.identity === claims.identity);
      const row = {
        room_id: claims.room,
        identity: claims.identity,
        session_id: member.session,
        instance_id: member.instance,
        name: claims.name,
        role: claims.role,
        joined_at: member.joinedAt,
        seen_at: now,
      };
      await tx
        .insertInto('p2p_members')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['room_id', 'identity']).doUpdateSet({
            session_id: row.session_id,
            instance_id: row.instance_id,
            name: row.name,
            role: row.role,
            joined_at: row.joined_at,
            seen_at: row.seen_at,
          }),
        )
        .execute();
      await tx
        .updateTable('p2p_seats')
        .set({ reserved_until: null })
        .where('room_id', '=', claims.room)
        .where('identity', '=', claims.identity)
        .execute();
      return {
        ok: true,
        maxParticipants: room.max_participants,
        peers: members.filter((m) => m.identity !== claims.identity),
        previous,
      };
    });
  }

  /** Forgets one connection (only if the identity has not connected again since). */
  async leave(roomId: string, identity: string, session: string): Promise<void> {
    await this.db
      .deleteFrom('p2p_members')
      .where('room_id', '=', roomId)
      .where('identity', '=', identity)
      .where('session_id', '=', session)
      .execute();
  }

  /**
   * Revokes every token of `identity` in the room and drops its seat; says whether it was
   * connected or holding a seat (undefined when the room is unknown).
   */
  async kick(roomId: string, identity: string): Promise<boolean | undefined> {
    return this.db.transaction().execute(async (tx) => {
      if (!(await lockRoom(tx, roomId))) return undefined;
      const now = new Date();
      const { members, reserved } = await this.seats(tx, roomId, now);
      await tx
        .updateTable('p2p_seats')
        .set((eb) => ({ generation: eb('generation', '+', 1), reserved_until: null }))
        .where('room_id', '=', roomId)
        .where('identity', '=', identity)
        .execute();
      await tx
        .deleteFrom('p2p_members')
        .where('room_id', '=', roomId)
        .where('identity', '=', identity)
        .execute();
      return members.some((m) => m.identity === identity) || reserved.has(identity);
    });
  }

  /** Forgets a room, its members and its seats (which revokes its tokens). Idempotent. */
  async closeRoom(roomId: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('p2p_rooms').where('room_id', '=', roomId).execute();
      await tx.deleteFrom('p2p_members').where('room_id', '=', roomId).execute();
      await tx.deleteFrom('p2p_seats').where('room_id', '=', roomId).execute();
    });
  }

  /**
   * Which of the given members were removed from the room since their token was issued (their
   * seat's generation moved on, or the seat is gone). A hub that missed kick events (its bus was
   * down) asks this of its own members when it resyncs.
   */
  async revoked(
    roomId: string,
    members: readonly { identity: string; seat: number }[],
  ): Promise<Set<string>> {
    if (members.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('p2p_seats')
      .select(['identity', 'generation'])
      .where('room_id', '=', roomId)
      .where(
        'identity',
        'in',
        members.map((m) => m.identity),
      )
      .execute();
    const current = new Map(rows.map((r) => [r.identity, r.generation]));
    return new Set(
      members.filter((m) => current.get(m.identity) !== m.seat).map((m) => m.identity),
    );
  }

  /** Connected members of a room on every instance, or undefined when the room is unknown. */
  async members(roomId: string): Promise<StoredMember[] | undefined> {
    if (!(await this.hasRoom(roomId))) return undefined;
    return this.liveMembers(this.db, roomId, new Date());
  }

  /**
   * An instance's heartbeat: its members are still there. Also drops members whose instance
   * stopped refreshing them (returned, so their rooms hear they left).
   */
  async touch(instance: string): Promise<StoredMember[]> {
    const now = new Date();
    await this.db
      .updateTable('p2p_members')
      .set({ seen_at: now })
      .where('instance_id', '=', instance)
      .execute();
    const lapsed = await this.db
      .deleteFrom('p2p_members')
      .where('seen_at', '<', new Date(now.getTime() - this.staleAfterMs))
      .returningAll()
      .execute();
    return lapsed.map(toMember);
  }

  private async seats(tx: Tx, roomId: string, now: Date) {
    const members = await this.liveMembers(tx, roomId, now);
    const rows = await tx
      .selectFrom('p2p_seats')
      .select('identity')
      .where('room_id', '=', roomId)
      .where('reserved_until', '>', now)
      .execute();
    return { members, reserved: new Set(rows.map((r) => r.identity)) };
  }

  private async liveMembers(db: StoreDb | Tx, roomId: string, now: Date): Promise<StoredMember[]> {
    const rows = await db
      .selectFrom('p2p_members')
      .selectAll()
      .where('room_id', '=', roomId)
      .where('seen_at', '>=', new Date(now.getTime() - this.staleAfterMs))
      .orderBy('joined_at')
      .execute();
    return rows.map(toMember);
  }
}

function lockRoom(tx: Tx, roomId: string) {
  return tx
    .selectFrom('p2p_rooms')
    .select('max_participants')
    .where('room_id', '=', roomId)
    .forUpdate()
    .executeTakeFirst();
}

/** Seats held by anyone but `identity`: connected members plus live reservations. */
function taken(members: StoredMember[], reserved: Set<string>, identity: string): number {
  const holders = new Set([...members.map((m) => m.identity), ...reserved]);
  holders.delete(identity);
  return holders.size;
}

function toMember(row: P2PTables['p2p_members']): StoredMember {
  return {
    roomId: row.room_id,
    identity: row.identity,
    name: row.name,
    role: row.role,
    session: row.session_id,
    instance: row.instance_id,
    joinedAt: row.joined_at,
  };
}
