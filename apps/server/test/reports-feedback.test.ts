// Call feedback: a visitor (their entry's bearer token) and the host (their session) rate the call
// they were in; it is stored with the visit, the provider of their session and their role, and
// sending again replaces it. Nobody else can leave feedback on the visit — on PGlite and
// PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallFeedback, LobbyTicket } from '@openconnect/contracts';
import { reportsDb } from '../src/reports/report-tables.ts';
import { createApiHarness, type ApiHarness } from './support/api.ts';
import { backends } from './support/databases.ts';

for (const backend of await backends()) {
  describe(`call feedback (${backend.name})`, () => {
    let h: ApiHarness;
    let admin: string;
    let visitId: string;
    let ticket: LobbyTicket;
    const bearer = (t: LobbyTicket) => ({ authorization: `Bearer ${t.visitorToken}` });

    beforeAll(async () => {
      h = await createApiHarness(backend);
      admin = await h.signIn();
      const invited = await h.visitWithInvite(admin, 'Feedback');
      visitId = invited.visitId;
      ticket = await h.knock(invited.code, 'Daughter');
      await h.request({
        method: 'POST',
        url: `/api/v1/lobby/${ticket.entryId}/admit`,
        cookie: admin,
        payload: {},
      });
      const join = await h.request({
        method: 'POST',
        url: `/api/v1/lobby/${ticket.entryId}/join`,
        headers: bearer(ticket),
        payload: {},
      });
      expect(join.statusCode, join.body).toBe(200);
    });
    afterAll(() => h.close());

    it('keeps a visitor’s rating, tags and comment with the visit, provider and role', async () => {
      const res = await h.request({
        method: 'POST',
        url: `/api/v1/lobby/${ticket.entryId}/feedback`,
        headers: bearer(ticket),
        payload: { rating: 2, tags: ['could_not_hear', 'could_not_hear'], comment: '  Echo.  ' },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<CallFeedback>()).toMatchObject({
        visitId,
        provider: 'p2p',
        role: 'visitor',
        rating: 2,
        tags: ['could_not_hear'],
        comment: 'Echo.',
      });
      // Sending again replaces it: one answer per person and visit.
      const again = await h.request({
        method: 'POST',
        url: `/api/v1/lobby/${ticket.entryId}/feedback`,
        headers: bearer(ticket),
        payload: { rating: 4 },
      });
      expect(again.statusCode, again.body).toBe(201);
      const rows = await reportsDb(h.ctx.db)
        .selectFrom('call_feedback')
        .selectAll()
        .where('room_id', '=', visitId)
        .execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        role: 'visitor',
        provider: 'p2p',
        rating: 4,
        could_not_hear: false,
        comment: null,
        facility_id: h.demoFacilityId,
      });
    });

    it('refuses a visitor without their token, and text the API refuses everywhere', async () => {
      const anonymous = await h.request({
        method: 'POST',
        url: `/api/v1/lobby/${ticket.entryId}/feedback`,
        headers: { authorization: 'Bearer wrong' },
        payload: { rating: 5 },
      });
      expect(anonymous.statusCode).toBe(403);
      for (const payload of [
        { rating: 6 },
        { rating: 3, comment: 'x'.repeat(501) },
        { rating: 3, comment: 'bell\u0007' },
        { tags: ['bored'] },
        {},
      ]) {
        const res = await h.request({
          method: 'POST',
          url: `/api/v1/lobby/${ticket.entryId}/feedback`,
          headers: bearer(ticket),
          payload,
        });
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      }
    });

    it('takes the host’s feedback only from staff who were in the call', async () => {
      const notYet = await h.request({
        method: 'POST',
        url: `/api/v1/visits/${visitId}/feedback`,
        cookie: admin,
        payload: { rating: 5 },
      });
      expect(notYet.statusCode).toBe(409);
      await h.request({
        method: 'POST',
        url: `/api/v1/visits/${visitId}/join`,
        cookie: admin,
        payload: {},
      });
      const res = await h.request({
        method: 'POST',
        url: `/api/v1/visits/${visitId}/feedback`,
        cookie: admin,
        payload: { rating: 5, tags: ['hard_to_join'], comment: 'Fine\nafter a retry' },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<CallFeedback>()).toMatchObject({
        role: 'host',
        provider: 'p2p',
        tags: ['hard_to_join'],
        comment: 'Fine\nafter a retry',
      });
      const signedOut = await h.request({
        method: 'POST',
        url: `/api/v1/visits/${visitId}/feedback`,
        payload: { rating: 5 },
      });
      expect(signedOut.statusCode).toBe(401);
    });
  });
}
