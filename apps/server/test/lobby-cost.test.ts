// What waiting costs the database, counted from the statements the server really sends (PGlite's
// and node-postgres's query calls): a page's hello is one statement; an admit costs the same
// whether 10 or 200 wait behind in the visit (the line is read once and published, no page reads
// anything); and presence is one statement per heartbeat interval per instance, however many
// entries it holds.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import pino from 'pino';
import { PresenceTracker } from '../src/push/presence-tracker.ts';
import { createApiHarness, type ApiHarness } from './support/api.ts';
import { backends } from './support/databases.ts';
import { eventually } from './support/eventually.ts';
import { statementsSent } from './support/statements.ts';

/** Presence writes come on their own clock (a debounce, a heartbeat): counted apart. */
const isPresence = (s: string) => /^(with beat as|insert into "lobby_instances")/i.test(s);
/** The rollout cache refreshes on its own clock too, whenever a join asks after it expired. */
const isCacheRefresh = (s: string) =>
  /from "(rollout_settings|facility_provider_settings)"/.test(s);
/** So does the p2p signaling's heartbeat of its connected members (none of them waiting pages). */
const isSignalingHeartbeat = (s: string) =>
  /^(update "p2p_members" set "seen_at"|delete from "p2p_members" where "seen_at" <)/.test(s);

/** The statements `action` sent: its own, and presence writes apart. */
async function statementsOf(action: () => Promise<unknown>) {
  const sent = await statementsSent(action);
  return {
    statements: sent.filter(
      (s) => !isPresence(s) && !isCacheRefresh(s) && !isSignalingHeartbeat(s),
    ),
    presence: sent.filter(isPresence),
  };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

for (const backend of await backends()) {
  describe(`what waiting costs on ${backend.name}`, () => {
    let h: ApiHarness;
    let admin: string;
    let wsBase: string;
    const sockets: WebSocket[] = [];

    beforeAll(async () => {
      h = await createApiHarness(backend);
      admin = await h.signIn();
      wsBase = (await h.app.listen({ host: '127.0.0.1', port: 0 })).replace(/^http/, 'ws');
    });

    afterAll(async () => {
      for (const s of sockets) s.terminate();
      await h.close();
    });

    /** A visit with `n` waiting visitors, in knock order (written directly: knocks are limited). */
    async function line(n: number) {
      const { visitId, code } = await h.visitWithInvite(admin, `Line of ${n}`);
      const invite = await h.ctx.db
        .selectFrom('invites')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      const now = Date.now();
      const entries = Array.from({ length: n }, (_, i) => {
        const id = randomUUID();
        const token = randomBytes(32).toString('base64url');
        return {
          row: {
            id,
            room_id: visitId,
            facility_id: h.demoFacilityId,
            invite_id: invite.id,
            display_name: `Visitor ${i + 1}`,
            token_hash: hashToken(token),
            identity: `visitor-${id}`,
            status: 'waiting' as const,
            reason: null,
            created_at: new Date(now - n + i),
            decided_at: null,
            decided_by: null,
          },
          token,
        };
      });
      await h.ctx.db
        .insertInto('lobby_entries')
        .values(entries.map((e) => e.row))
        .execute();
      return entries.map((e) => ({ entryId: e.row.id, token: e.token }));
    }

    /** Opens a page per entry; resolves with what each heard, once each has its first state. */
    async function pages(entries: { entryId: string; token: string }[]) {
      return Promise.all(
        entries.map(
          (entry) =>
            new Promise<{ type: string; state?: { position: number | null } }[]>(
              (resolve, reject) => {
                const socket = new WebSocket(`${wsBase}/ws/lobby`);
                sockets.push(socket);
                const heard: { type: string; state?: { position: number | null } }[] = [];
                socket.on('error', reject);
                socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', ...entry })));
                socket.on('message', (data) => {
                  heard.push(JSON.parse(String(data)) as (typeof heard)[number]);
                  if (heard.length === 1) resolve(heard);
                });
              },
            ),
        ),
      );
    }

    it('answers a hello with one statement', async () => {
      const entries = await line(20);
      let heard: Awaited<ReturnType<typeof pages>> = [];
      const cost = await statementsOf(async () => {
        heard = await pages(entries);
      });
      expect(heard.map((h) => h[0]?.state?.position)).toEqual(entries.map((_, i) => i + 1));
      expect(cost.statements).toHaveLength(entries.length);
      expect(cost.statements.every((s) => /^select/i.test(s))).toBe(true);
    });

    it('costs the same statements per admit with 10 or 200 waiting behind', async () => {
      const admitFront = async (n: number) => {
        const entries = await line(n + 1);
        const heard = await pages(entries);
        const front = entries[0]!;
        return statementsOf(async () => {
          const res = await h.request({
            method: 'POST',
            url: `/api/v1/lobby/${front.entryId}/admit`,
            cookie: admin,
            payload: {},
          });
          expect(res.statusCode, res.body).toBe(200);
          // The admitted page gets its credentials; everyone behind moves up one.
          await eventually(
            async () => heard,
            (all) =>
              all[0]!.some((e) => e.type === 'admitted') &&
              all
                .slice(1)
                .every((h, i) => h.some((e) => e.type === 'state' && e.state?.position === i + 1)),
            `the ${n} behind to move up`,
          );
        });
      };
      const ten = await admitFront(10);
      const twoHundred = await admitFront(200);
      expect(twoHundred.statements, JSON.stringify(ten.statements, null, 1)).toEqual(
        ten.statements,
      );
      // The admit's own (its session, the entry, the seat check, the decision and its audit, the
      // line, the admitted page's read) and the admitted visitor's credentials (a join's cost).
      expect(ten.statements.length).toBeLessThan(30);
    });

    it('writes presence once per heartbeat interval, however many entries it holds', async () => {
      // The pages of the tests before close first: their goings are written on the server's clock.
      for (const s of sockets.splice(0)) s.terminate();
      await new Promise((r) => setTimeout(r, 500));
      const entries = await line(200);
      const tracker = new PresenceTracker(h.ctx, pino({ level: 'silent' }), {
        debounceMs: 10,
        heartbeatMs: 250,
      });
      try {
        for (const e of entries) tracker.opened(e.entryId);
        const first = await statementsOf(() => tracker.flush());
        // All 200 came online in one statement.
        expect(first.presence).toHaveLength(1);
        const quiet = await statementsOf(() => new Promise((r) => setTimeout(r, 1_100)));
        expect(quiet.statements, JSON.stringify(quiet.statements)).toHaveLength(0);
        // 1.1 s at one heartbeat per 250 ms: four (a fifth may land on the edge).
        expect(quiet.presence.length).toBeGreaterThanOrEqual(4);
        expect(quiet.presence.length).toBeLessThanOrEqual(5);
      } finally {
        await tracker.close();
      }
    });
  });
}
