// Seeds the database of a benchmark server directly through Kysely (in the server's process):
// admitted and waiting visitors, and history (ended visits of many facilities). Knocking through
// the API cannot make thousands of entries: it is limited to 10 knocks per invite and 60 per
// address in 10 minutes, by design. Rows are shaped as lobby.ts and visits.ts write them.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Services } from '../../apps/server/src/services.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../apps/server/src/storage/tables.ts';

type Db = Kysely<Database>;

/** A visitor's entry id and bearer secret, as the knock call returns them. */
export interface SeededEntry {
  entryId: string;
  token: string;
  visitId: string;
}

const BATCH = 500;
const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

async function insertBatched<T extends keyof Database>(db: Db, table: T, rows: object[]) {
  for (let i = 0; i < rows.length; i += BATCH) {
    // Rows are shaped per table by the callers; Kysely cannot check a table chosen at run time.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + BATCH) as never)
      .execute();
  }
}

/** The bootstrap administrator, who creates the seeded visits. */
export async function adminId(db: Db): Promise<string> {
  const row = await db.selectFrom('staff').select('id').orderBy('created_at').executeTakeFirst();
  if (!row) throw new Error('no staff member: the server was not bootstrapped');
  return row.id;
}

/**
 * `count` entries in `status`, `perVisit` to a visit: scheduled p2p visits of `facilityId`, one
 * invite each. Admitted entries carry the decision as `decide` writes it.
 */
export async function seedEntries(
  { db }: Pick<Services, 'db'>,
  options: {
    facilityId: string;
    count: number;
    perVisit: number;
    status: 'admitted' | 'waiting';
  },
): Promise<SeededEntry[]> {
  const staffId = await adminId(db);
  const rooms: object[] = [];
  const invites: object[] = [];
  const entries: object[] = [];
  const seeded: SeededEntry[] = [];
  const now = Date.now();
  let roomId = '';
  let inviteId = '';
  for (let i = 0; i < options.count; i++) {
    if (i % options.perVisit === 0) {
      roomId = randomUUID();
      inviteId = randomUUID();
      rooms.push({
        id: roomId,
        facility_id: options.facilityId,
        title: `Bench visit ${rooms.length + 1}`,
        status: 'scheduled',
        provider: 'p2p',
        scheduled_start: null,
        scheduled_end: null,
        created_by: staffId,
        started_at: null,
        ended_at: null,
      });
      invites.push({
        id: inviteId,
        room_id: roomId,
        code: randomBytes(12).toString('base64url'),
        expires_at: new Date(now + 86_400_000),
        revoked_at: null,
        created_by: staffId,
      });
    }
    const id = randomUUID();
    const token = randomBytes(32).toString('base64url');
    const admitted = options.status === 'admitted';
    entries.push({
      id,
      room_id: roomId,
      facility_id: options.facilityId,
      invite_id: inviteId,
      display_name: `Visitor ${i + 1}`,
      token_hash: hashToken(token),
      identity: `visitor-${id}`,
      status: options.status,
      reason: null,
      // Strictly increasing, so places in line are well defined.
      created_at: new Date(now - options.count + i),
      // A page connects right after its knock; the benchmark connects thousands over a minute or
      // more, so a waiting entry counts as seen for the next 10 minutes, or the expiry job (60 s
      // without a page) would end the last ones before their sockets arrive.
      last_seen_at: new Date(admitted ? now : now + 10 * 60_000),
      decided_at: admitted ? new Date(now) : null,
      decided_by: admitted ? staffId : null,
    });
    seeded.push({ entryId: id, token, visitId: roomId });
  }
  await insertBatched(db, 'rooms', rooms);
  await insertBatched(db, 'invites', invites);
  await insertBatched(db, 'lobby_entries', entries);
  return seeded;
}

/** History per unit of scale: facilities × ended visits, each with its entries, participants, audit. */
export const HISTORY_UNIT = { facilities: 10, visitsPerFacility: 20 } as const;

/**
 * `scale` units of history: facilities with their own staff member and ended visits, each with
 * an invite, two decided entries, three participants who left, and four audit events, all
 * `ageDays` ago (a month by default).
 */
export async function seedHistory(
  { db }: Pick<Services, 'db'>,
  scale: number,
  ageDays = 30,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const add = async (table: keyof Database, rows: object[]) => {
    await insertBatched(db, table, rows);
    counts[table] = (counts[table] ?? 0) + rows.length;
  };
  const long = new Date(Date.now() - ageDays * 86_400_000);
  for (let u = 0; u < scale; u++) {
    const facilities: object[] = [];
    const staff: object[] = [];
    const links: object[] = [];
    const rooms: object[] = [];
    const invites: object[] = [];
    const entries: object[] = [];
    const participants: object[] = [];
    const audit: object[] = [];
    for (let f = 0; f < HISTORY_UNIT.facilities; f++) {
      const facilityId = randomUUID();
      const staffId = randomUUID();
      facilities.push({ id: facilityId, name: `History ${u}-${f}`, timezone: 'UTC' });
      staff.push({
        id: staffId,
        email: `staff-${facilityId}@bench.test`,
        display_name: 'Bench staff',
        password_hash: 'unusable',
        role: 'staff',
        disabled_at: null,
      });
      links.push({ staff_id: staffId, facility_id: facilityId });
      for (let v = 0; v < HISTORY_UNIT.visitsPerFacility; v++) {
        const roomId = randomUUID();
        const inviteId = randomUUID();
        rooms.push({
          id: roomId,
          facility_id: facilityId,
          title: 'Past visit',
          status: 'ended',
          created_at: long,
          provider: 'p2p',
          scheduled_start: null,
          scheduled_end: null,
          created_by: staffId,
          started_at: long,
          ended_at: long,
        });
        invites.push({
          id: inviteId,
          room_id: roomId,
          code: randomBytes(12).toString('base64url'),
          expires_at: long,
          revoked_at: null,
          created_by: staffId,
        });
        for (const role of ['host', 'visitor', 'visitor'] as const) {
          const entryId = randomUUID();
          const identity = role === 'host' ? `staff-${staffId}` : `visitor-${entryId}`;
          if (role === 'visitor') {
            entries.push({
              id: entryId,
              room_id: roomId,
              facility_id: facilityId,
              invite_id: inviteId,
              display_name: 'Past visitor',
              token_hash: hashToken(entryId),
              identity,
              status: 'admitted',
              reason: null,
              created_at: long,
              last_seen_at: long,
              decided_at: long,
              decided_by: staffId,
            });
          }
          participants.push({
            id: randomUUID(),
            room_id: roomId,
            identity,
            display_name: 'Past participant',
            // Issued when the visit happened, as a real session would be (the default is now).
            issued_at: long,
            role,
            provider: 'p2p',
            staff_id: role === 'host' ? staffId : null,
            joined_at: long,
            left_at: long,
            left_reason: 'left',
          });
        }
        for (const action of ['visit.create', 'lobby.admit', 'lobby.admit', 'visit.end']) {
          audit.push({
            id: randomUUID(),
            actor_id: staffId,
            actor_email: 'staff@bench.test',
            action,
            target_type: 'visit',
            target_id: roomId,
            facility_id: facilityId,
            details: '{}',
            created_at: long,
          });
        }
      }
    }
    await add('facilities', facilities);
    await add('staff', staff);
    await add('staff_facilities', links);
    await add('rooms', rooms);
    await add('invites', invites);
    await add('lobby_entries', entries);
    await add('participants', participants);
    await add('audit_events', audit);
  }
  return counts;
}
