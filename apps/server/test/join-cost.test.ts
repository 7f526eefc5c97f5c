// What a join costs the database, counted from the statements the server really sends (PGlite's
// and node-postgres's query calls): at most two per join (one that authenticates and reads, one
// write when a person enters the visit), and nothing written when the same person joins again.
// The p2p provider's own bookkeeping (its room, and the seat that lets its tokens be revoked) is
// counted apart: none while the instance's reservation of the person's seat lasts, a transaction
// of its own when they take one. Joins that arrive together share the one read (batched-query.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from './support/api.ts';
import { backends } from './support/databases.ts';
import { statementsSent, writes } from './support/statements.ts';

/** The statements `action` sent, and which of them write. */
async function statementsOf(action: () => Promise<void>) {
  const sent = await statementsSent(action);
  // The p2p provider's statements: its tables, and the transaction it reserves a seat in.
  const isProvider = (s: string) => /p2p_/.test(s) || /^(begin|commit|rollback)\b/i.test(s);
  const statements = sent.filter((s) => !isProvider(s));
  return {
    statements,
    writes: statements.filter(writes),
    provider: sent.filter(isProvider),
  };
}

for (const backend of await backends()) {
  describe(`the cost of a join on ${backend.name}`, () => {
    let h: ApiHarness;
    let admin: string;

    beforeAll(async () => {
      h = await createApiHarness(backend);
      admin = await h.signIn();
    });

    afterAll(async () => {
      await h.close();
    });

    const hostJoin = async (visitId: string) => {
      const res = await h.request({
        method: 'POST',
        url: `/api/v1/visits/${visitId}/join`,
        cookie: admin,
        payload: {},
      });
      expect(res.statusCode, res.body).toBe(200);
    };

    const joinWith = (entryId: string, token: string) =>
      h.request({
        method: 'POST',
        url: `/api/v1/lobby/${entryId}/join`,
        headers: { authorization: `Bearer ${token}` },
        payload: {},
      });

    const visitorJoin = async (ticket: { entryId: string; visitorToken: string }) => {
      const res = await joinWith(ticket.entryId, ticket.visitorToken);
      expect(res.statusCode, res.body).toBe(200);
    };

    const admit = async (entryId: string) => {
      const res = await h.request({
        method: 'POST',
        url: `/api/v1/lobby/${entryId}/admit`,
        cookie: admin,
        payload: {},
      });
      expect(res.statusCode, res.body).toBe(200);
    };

    const rowsOf = (visitId: string) =>
      h.ctx.db
        .selectFrom('participants')
        .select(['identity', 'role'])
        .where('room_id', '=', visitId)
        .execute();

    it('starts a visit with the host in two statements and writes nothing when the host joins again', async () => {
      const { visitId } = await h.visitWithInvite(admin, 'Counted host');

      const first = await statementsOf(() => hostJoin(visitId));
      expect(first.statements.length, first.statements.join('\n')).toBeLessThanOrEqual(2);
      expect(first.writes).toHaveLength(1);
      const visit = await h.ctx.db
        .selectFrom('rooms')
        .select('status')
        .where('id', '=', visitId)
        .executeTakeFirstOrThrow();
      expect(visit.status).toBe('live');

      const again = await statementsOf(() => hostJoin(visitId));
      expect(again.statements, again.statements.join('\n')).toHaveLength(1);
      expect(again.writes).toEqual([]);

      expect(await rowsOf(visitId)).toEqual([{ identity: expect.any(String), role: 'host' }]);
      // The host's entering is audited once, with the row that records it.
      const audits = await h.ctx.db
        .selectFrom('audit_events')
        .select('details')
        .where('action', '=', 'visit.join_as_host')
        .where('target_id', '=', visitId)
        .execute();
      expect(audits).toEqual([{ details: { provider: 'p2p' } }]);
    });

    it('lets an admitted visitor in with two statements and re-issues their credentials without a write', async () => {
      const { visitId, code } = await h.visitWithInvite(admin, 'Counted visitor');
      await hostJoin(visitId);
      const ticket = await h.knock(code, 'Niece');
      await admit(ticket.entryId);

      const first = await statementsOf(() => visitorJoin(ticket));
      expect(first.statements.length, first.statements.join('\n')).toBeLessThanOrEqual(2);
      expect(first.writes).toHaveLength(1);

      // The p2p provider's part on a first join: its room is known on this instance already (the
      // host's join made it), one read finds no seat, and the seat is counted and taken in one
      // transaction (begin, lock, members, reservations, upsert, commit).
      expect(first.provider, first.provider.join('\n')).toHaveLength(7);

      // Credentials again for the same person: the join's read only, and nothing written; the
      // instance knows the seat it reserved for them a moment ago.
      for (let reissue = 0; reissue < 3; reissue++) {
        const again = await statementsOf(() => visitorJoin(ticket));
        expect(again.statements, again.statements.join('\n')).toHaveLength(1);
        expect(again.writes).toEqual([]);
        expect(again.provider, again.provider.join('\n')).toEqual([]);
      }

      const rows = await rowsOf(visitId);
      expect(rows.map((r) => r.role).sort()).toEqual(['host', 'visitor']);
      const listed = await h.participants(admin, visitId);
      expect(listed.find((p) => p.role === 'visitor')?.displayName).toBe('Niece');
    });

    it('still refuses a wrong secret and a visitor not yet admitted, in the one statement', async () => {
      const { visitId, code } = await h.visitWithInvite(admin, 'Counted refusals');
      await hostJoin(visitId);
      const ticket = await h.knock(code, 'Cousin');
      const wrong = await joinWith(ticket.entryId, 'x'.repeat(43));
      expect(wrong.statusCode).toBe(403);
      const early = await statementsOf(async () => {
        const res = await joinWith(ticket.entryId, ticket.visitorToken);
        expect(res.json().error).toMatchObject({
          code: 'FORBIDDEN',
          message: 'Please wait until staff let you in.',
        });
      });
      expect(early.statements).toHaveLength(1);
      expect((await rowsOf(visitId)).map((r) => r.role)).toEqual(['host']);
    });

    it('reads the joins that arrive together with one statement, each answered for itself', async () => {
      const { visitId, code } = await h.visitWithInvite(admin, 'Counted burst');
      await hostJoin(visitId);
      const tickets: { entryId: string; visitorToken: string }[] = [];
      // A p2p visit seats four: the host and three visitors.
      for (const name of ['Ada', 'Bea', 'Cy']) {
        const ticket = await h.knock(code, name);
        await admit(ticket.entryId);
        await visitorJoin(ticket);
        tickets.push(ticket);
      }
      let answers: Awaited<ReturnType<typeof joinWith>>[] = [];
      const burst = await statementsOf(async () => {
        answers = await Promise.all([
          ...tickets.map((t) => joinWith(t.entryId, t.visitorToken)),
          // Another's secret for the first entry: refused, whatever the others got.
          joinWith(tickets[0]!.entryId, tickets[1]!.visitorToken),
        ]);
      });
      expect(burst.statements, burst.statements.join('\n')).toHaveLength(1);
      expect(burst.writes).toEqual([]);
      expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 403]);
      expect(answers.slice(0, 3).map((a) => a.json().displayName)).toEqual(['Ada', 'Bea', 'Cy']);
    });

    it('answers a host without a session and a visit they cannot see as before', async () => {
      const { visitId } = await h.visitWithInvite(admin, 'Counted access');
      const anonymous = await h.request({
        method: 'POST',
        url: `/api/v1/visits/${visitId}/join`,
        payload: {},
      });
      expect(anonymous.statusCode).toBe(401);
      // Before validation, as on every staff route: the route's shape stays unknown.
      const malformed = await h.request({
        method: 'POST',
        url: '/api/v1/visits/not-a-visit/join',
        payload: {},
      });
      expect(malformed.statusCode).toBe(401);
      const forged = await h.request({
        method: 'POST',
        url: `/api/v1/visits/${visitId}/join`,
        cookie: `oc_session=${'a'.repeat(43)}`,
        payload: {},
      });
      expect(forged.statusCode).toBe(401);
      const missing = await h.request({
        method: 'POST',
        url: `/api/v1/visits/00000000-0000-4000-8000-000000000000/join`,
        cookie: admin,
        payload: {},
      });
      expect(missing.statusCode).toBe(404);
      expect(await rowsOf(visitId)).toEqual([]);
    });
  });
}
