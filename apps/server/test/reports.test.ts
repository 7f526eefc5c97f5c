// The reports page's figures on seeded history with known answers: visits per day, waiting and
// visit times (p50/p95), per-provider sessions, join errors, timings, reconnects, drops,
// fallbacks, media paths and feedback; who may see which facilities; and the call record a
// browser sends from the end screen — on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FullReport as Report } from '@openconnect/contracts';
import { reportsDb } from '../src/reports/report-tables.ts';
import { syncCallRecords } from '../src/reports/call-records.ts';
import { createApiHarness, type ApiHarness } from './support/api.ts';
import { backends } from './support/databases.ts';

const at = (iso: string) => new Date(`2026-11-${iso}Z`);

for (const backend of await backends()) {
  describe(`reports (${backend.name})`, () => {
    let h: ApiHarness;
    let operator: string;
    let adminA: string;
    let nurseA: string;
    let adminB: string;
    let facilityB: string;
    let adminId: string;
    const visits: Record<string, string> = {};
    const sessions: Record<string, string> = {};

    async function room(key: string, facilityId: string, start: string, end: string | null) {
      const id = randomUUID();
      visits[key] = id;
      await h.ctx.db
        .insertInto('rooms')
        .values({
          id,
          facility_id: facilityId,
          title: key,
          status: end ? 'ended' : 'live',
          provider: 'p2p',
          created_by: adminId,
          created_at: at(start),
          started_at: at(start),
          ended_at: end ? at(end) : null,
        })
        .execute();
      return id;
    }

    async function waited(
      visit: string,
      knocked: string,
      decided: string,
      status: 'admitted' | 'denied',
    ) {
      const invite = randomUUID();
      await h.ctx.db
        .insertInto('invites')
        .values({
          id: invite,
          room_id: visit,
          code: randomUUID().replaceAll('-', ''),
          expires_at: at('30T00:00:00'),
          created_by: adminId,
        })
        .execute();
      const entry = randomUUID();
      await h.ctx.db
        .insertInto('lobby_entries')
        .values({
          id: entry,
          room_id: visit,
          facility_id: (eb) =>
            eb.selectFrom('rooms').select('rooms.facility_id').where('rooms.id', '=', visit),
          invite_id: invite,
          display_name: 'Guest',
          token_hash: 'x',
          identity: `visitor-${entry}`,
          status,
          reason: null,
          created_at: at(knocked),
          decided_at: at(decided),
          decided_by: adminId,
        })
        .execute();
    }

    async function session(
      key: string,
      visit: string,
      role: 'host' | 'visitor',
      provider: 'p2p' | 'livekit',
      issued: string,
      joined: string | null,
      left: string | null,
    ) {
      const id = randomUUID();
      sessions[key] = id;
      await h.ctx.db
        .insertInto('participants')
        .values({
          id,
          room_id: visit,
          identity: `${role}-${key}`,
          display_name: key,
          role,
          provider,
          staff_id: null,
          issued_at: at(issued),
          joined_at: joined ? at(joined) : null,
          left_at: left ? at(left) : null,
          left_reason: left ? 'left' : null,
        })
        .execute();
    }

    async function staff(email: string, role: 'admin' | 'staff', facilityId: string) {
      const res = await h.request({
        method: 'POST',
        url: '/api/v1/staff',
        cookie: operator,
        payload: {
          email,
          displayName: email.split('@')[0],
          password: 'a-long-staff-password',
          role,
          facilityIds: [facilityId],
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return h.signIn(email, 'a-long-staff-password');
    }

    beforeAll(async () => {
      h = await createApiHarness(backend);
      operator = await h.signIn();
      const other = await h.request({
        method: 'POST',
        url: '/api/v1/facilities',
        cookie: operator,
        payload: { name: 'Other Home' },
      });
      facilityB = other.json<{ id: string }>().id;
      adminA = await staff('admin-a@example.test', 'admin', h.demoFacilityId);
      nurseA = await staff('nurse-a@example.test', 'staff', h.demoFacilityId);
      adminB = await staff('admin-b@example.test', 'admin', facilityB);
      adminId = (
        await h.ctx.db
          .selectFrom('staff')
          .select('id')
          .where('is_operator', '=', true)
          .executeTakeFirstOrThrow()
      ).id;

      const A = h.demoFacilityId;
      const v1 = await room('v1', A, '01T10:00:00', '01T10:30:00');
      const v2 = await room('v2', A, '01T12:00:00', '01T12:10:00');
      const v3 = await room('v3', A, '02T09:00:00', '02T10:00:00');
      const v4 = await room('v4', facilityB, '01T11:00:00', '01T11:05:00');
      await waited(v1, '01T09:59:00', '01T10:00:00', 'admitted'); // 60 s
      await waited(v2, '01T11:58:00', '01T12:00:00', 'admitted'); // 120 s
      await waited(v3, '02T08:55:00', '02T09:00:00', 'admitted'); // 300 s
      await waited(v3, '02T08:00:00', '02T09:00:00', 'denied'); // not a wait that ended in a call
      await waited(v4, '01T10:00:00', '01T11:00:00', 'admitted'); // another facility's
      await session('p1', v1, 'host', 'p2p', '01T10:00:00', '01T10:00:02', '01T10:30:00');
      await session('p2', v1, 'visitor', 'p2p', '01T10:00:00', '01T10:00:05', '01T10:20:00');
      await session('p3', v2, 'visitor', 'livekit', '01T12:00:00', '01T12:00:03', '01T12:10:00');
      await session('p4', v2, 'host', 'livekit', '01T12:00:00', null, null); // never joined
      await session('p5', v3, 'host', 'livekit', '02T09:00:00', '02T09:00:01', '02T10:00:00');
      await session('p6', v4, 'visitor', 'p2p', '01T11:00:00', '01T11:00:01', '01T11:05:00');
      await syncCallRecords(h.ctx);
      const db = reportsDb(h.ctx.db);
      const figures = async (key: string, values: Record<string, unknown>) =>
        db
          .updateTable('call_records')
          .set(values)
          .where('participant_id', '=', sessions[key]!)
          .execute();
      await figures('p1', {
        connect_ms: 1000,
        first_frame_ms: 2000,
        candidate_type: 'host',
        transport: 'udp',
      });
      await figures('p2', {
        connect_ms: 3000,
        candidate_type: 'relay',
        transport: 'tls',
        reconnects: 2,
        drops: 1,
      });
      await figures('p3', { connect_ms: 500, candidate_type: 'srflx', transport: 'udp' });
      await h.ctx.db
        .insertInto('audit_events')
        .values({
          id: randomUUID(),
          action: 'visit.provider_fallback',
          target_type: 'visit',
          target_id: v1,
          facility_id: A,
          details: { from: 'livekit', to: 'p2p' },
          created_at: at('01T09:50:00'),
        })
        .execute();
      const said = async (
        visit: string,
        key: string,
        provider: string,
        role: string,
        rating: number,
        extra = {},
      ) =>
        db
          .insertInto('call_feedback')
          .values({
            id: randomUUID(),
            room_id: visit,
            facility_id: A,
            identity: `${role}-${key}`,
            provider: provider as 'p2p',
            role: role as 'host',
            rating,
            created_at: at('01T13:00:00'),
            ...extra,
          })
          .execute();
      await said(v1, 'p1', 'p2p', 'host', 5);
      await said(v1, 'p2', 'p2p', 'visitor', 2, { could_not_hear: true, comment: 'Echo' });
      await said(v2, 'p3', 'livekit', 'visitor', 4);
      // Four sign-ins hash passwords: slow on a busy machine with PGlite.
    }, 180_000);
    afterAll(() => h.close());

    async function report(cookie: string, query: string) {
      return h.request({ method: 'GET', url: `/api/v1/reports?${query}`, cookie });
    }

    it('answers a facility administrator with known figures for their facility', async () => {
      const res = await report(
        adminA,
        `facilityId=${h.demoFacilityId}&from=2026-11-01&to=2026-11-03`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json<Report>();
      expect(r.facilityIds).toEqual([h.demoFacilityId]);
      expect(r.visitsPerDay).toEqual([
        { day: '2026-11-01', visits: 2 },
        { day: '2026-11-02', visits: 1 },
        { day: '2026-11-03', visits: 0 },
      ]);
      // Waits 60, 120, 300 s: p95 = 120 + 0.9 × 180 (linear between the 2nd and 3rd).
      expect(r.waitSeconds).toEqual({ count: 3, p50: 120, p95: 282 });
      // Visits of 600, 1800, 3600 s.
      expect(r.visitSeconds).toEqual({ count: 3, p50: 1800, p95: 3420 });
      const p2p = r.providers.find((p) => p.provider === 'p2p');
      const livekit = r.providers.find((p) => p.provider === 'livekit');
      expect(p2p).toEqual({
        provider: 'p2p',
        sessions: 2,
        joinFailures: 0,
        joinErrorRate: 0,
        connectMs: { count: 2, p50: 2000, p95: 2900 },
        firstFrameMs: { count: 1, p50: 2000, p95: 2000 },
        reconnects: 2,
        drops: 1,
        fallbacks: 1,
      });
      expect(livekit).toMatchObject({
        sessions: 2,
        joinFailures: 1,
        joinErrorRate: 1 / 3,
        connectMs: { count: 1, p50: 500, p95: 500 },
        firstFrameMs: { count: 0, p50: null, p95: null },
        fallbacks: 0,
      });
      expect(r.mediaPaths).toEqual(
        [
          { provider: 'p2p', candidateType: 'host', transport: 'udp', sessions: 1 },
          { provider: 'p2p', candidateType: 'relay', transport: 'tls', sessions: 1 },
          { provider: 'livekit', candidateType: 'srflx', transport: 'udp', sessions: 1 },
        ].sort(
          (a, b) =>
            a.provider.localeCompare(b.provider) || a.candidateType.localeCompare(b.candidateType),
        ),
      );
      expect(r.feedback).toEqual([
        {
          provider: 'livekit',
          role: 'visitor',
          responses: 1,
          ratings: [0, 0, 0, 1, 0],
          averageRating: 4,
          tags: { could_not_hear: 0, could_not_see: 0, call_dropped: 0, hard_to_join: 0 },
        },
        {
          provider: 'p2p',
          role: 'host',
          responses: 1,
          ratings: [0, 0, 0, 0, 1],
          averageRating: 5,
          tags: { could_not_hear: 0, could_not_see: 0, call_dropped: 0, hard_to_join: 0 },
        },
        {
          provider: 'p2p',
          role: 'visitor',
          responses: 1,
          ratings: [0, 1, 0, 0, 0],
          averageRating: 2,
          tags: { could_not_hear: 1, could_not_see: 0, call_dropped: 0, hard_to_join: 0 },
        },
      ]);
      // Three LiveKit join attempts, one failed: far below the minimum for a verdict.
      expect(r.comparison.verdict).toBe('not_enough_data');
      expect(r.comparison.metrics.find((m) => m.id === 'join_error_rate')?.livekit).toMatchObject({
        events: 1,
        sample: 3,
      });
      expect(r.comments).toEqual([
        expect.objectContaining({
          visitId: visits.v1,
          role: 'visitor',
          rating: 2,
          comment: 'Echo',
        }),
      ]);
    });

    it('counts only the days asked for', async () => {
      const r = (await report(adminA, `from=2026-11-02&to=2026-11-02`)).json<Report>();
      expect(r.visitsPerDay).toEqual([{ day: '2026-11-02', visits: 1 }]);
      expect(r.waitSeconds).toEqual({ count: 1, p50: 300, p95: 300 });
      expect(r.providers.find((p) => p.provider === 'livekit')?.sessions).toBe(1);
      expect(r.feedback).toEqual([]);
    });

    it('shows operators every facility, and administrators only theirs', async () => {
      const all = (await report(operator, 'from=2026-11-01&to=2026-11-01')).json<Report>();
      expect(all.facilityIds).toBeNull();
      expect(all.visitsPerDay).toEqual([{ day: '2026-11-01', visits: 3 }]);
      expect(all.waitSeconds.count).toBe(3);
      const theirs = (await report(adminB, 'from=2026-11-01&to=2026-11-01')).json<Report>();
      expect(theirs.facilityIds).toEqual([facilityB]);
      expect(theirs.visitsPerDay).toEqual([{ day: '2026-11-01', visits: 1 }]);
      expect(theirs.providers.find((p) => p.provider === 'p2p')?.sessions).toBe(1);
      const elsewhere = await report(
        adminB,
        `facilityId=${h.demoFacilityId}&from=2026-11-01&to=2026-11-01`,
      );
      expect(elsewhere.statusCode).toBe(404);
      const nurse = await report(nurseA, 'from=2026-11-01&to=2026-11-01');
      expect(nurse.statusCode).toBe(403);
      const anonymous = await h.request({
        method: 'GET',
        url: '/api/v1/reports?from=2026-11-01&to=2026-11-01',
      });
      expect(anonymous.statusCode).toBe(401);
    });

    it('copies a session still open when first seen again once it has left', async () => {
      const visit = await room('open', h.demoFacilityId, '03T08:00:00', null);
      await session('p7', visit, 'visitor', 'p2p', '03T08:00:00', '03T08:00:01', null);
      await syncCallRecords(h.ctx, at('03T00:00:00'));
      const db = reportsDb(h.ctx.db);
      const record = () =>
        db
          .selectFrom('call_records')
          .select(['left_at', 'duration_ms'])
          .where('participant_id', '=', sessions.p7!)
          .executeTakeFirstOrThrow();
      expect(await record()).toEqual({ left_at: null, duration_ms: null });
      await h.ctx.db
        .updateTable('participants')
        .set({ left_at: at('03T08:10:01'), left_reason: 'left' })
        .where('id', '=', sessions.p7!)
        .execute();
      // Issued two days ago: past the day copied again, so only the refresh of open records
      // (the last week's) can see it leave.
      await db
        .updateTable('call_records')
        .set({ issued_at: new Date(Date.now() - 86_400_000 * 2) })
        .where('participant_id', '=', sessions.p7!)
        .execute();
      await syncCallRecords(h.ctx);
      expect((await record()).duration_ms).toBe(600_000);
    });

    it('refuses a range backwards or longer than a year', async () => {
      expect((await report(adminA, 'from=2026-11-03&to=2026-11-01')).statusCode).toBe(400);
      expect((await report(adminA, 'from=2024-01-01&to=2026-11-01')).statusCode).toBe(400);
      expect((await report(adminA, 'from=yesterday&to=2026-11-01')).statusCode).toBe(400);
    });

    it('adds what the browser knows from the end screen to the session on record', async () => {
      const invited = await h.visitWithInvite(adminA, 'Telemetry');
      const ticket = await h.knock(invited.code, 'Son');
      await h.request({
        method: 'POST',
        url: `/api/v1/lobby/${ticket.entryId}/admit`,
        cookie: adminA,
        payload: {},
      });
      const bearer = { authorization: `Bearer ${ticket.visitorToken}` };
      await h.request({
        method: 'POST',
        url: `/api/v1/lobby/${ticket.entryId}/join`,
        headers: bearer,
        payload: {},
      });
      const body = {
        connectMs: 850,
        firstFrameMs: 1400,
        reconnects: 1,
        dropped: true,
        candidateType: 'relay',
        transport: 'tcp',
      };
      const sent = await h.request({
        method: 'POST',
        url: `/api/v1/lobby/${ticket.entryId}/call-record`,
        headers: bearer,
        payload: body,
      });
      expect(sent.statusCode, sent.body).toBe(204);
      // A second end screen of the same session keeps the first timings.
      await h.request({
        method: 'POST',
        url: `/api/v1/lobby/${ticket.entryId}/call-record`,
        headers: bearer,
        payload: { connectMs: 10 },
      });
      const row = await reportsDb(h.ctx.db)
        .selectFrom('call_records')
        .selectAll()
        .where('room_id', '=', invited.visitId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        role: 'visitor',
        provider: 'p2p',
        facility_id: h.demoFacilityId,
        connect_ms: 850,
        first_frame_ms: 1400,
        reconnects: 1,
        drops: 1,
        candidate_type: 'relay',
        transport: 'tcp',
      });
      const forged = await h.request({
        method: 'POST',
        url: `/api/v1/lobby/${ticket.entryId}/call-record`,
        headers: { authorization: 'Bearer nope' },
        payload: body,
      });
      expect(forged.statusCode).toBe(403);
      const outsider = await h.request({
        method: 'POST',
        url: `/api/v1/visits/${invited.visitId}/call-record`,
        cookie: adminB,
        payload: body,
      });
      expect(outsider.statusCode).toBe(404);
    });
  });
}
