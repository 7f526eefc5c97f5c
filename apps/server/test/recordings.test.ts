// Recordings in the console: listed per facility with what staff need to find one, played and
// downloaded through an authenticated, audited route that answers Range requests, deleted by an
// administrator, and expired by the retention setting — on PGlite and on PostgreSQL.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, Recording, RecordingSummary } from '@openconnect/contracts';
import { expireRecordings } from '../src/recordings/recording-library.ts';
import { createApiHarness, type ApiHarness } from './support/api.ts';
import { backends } from './support/databases.ts';

const FILE_BYTES = Buffer.from(Array.from({ length: 10_000 }, (_, i) => i % 251));

for (const backend of await backends()) {
  describe(`recordings in the console (${backend.name})`, () => {
    let h: ApiHarness;
    let admin: string;
    let nurse: string;
    let outsider: string;

    beforeAll(async () => {
      h = await createApiHarness(backend);
      admin = await h.signIn();
      const other = await h.request({
        method: 'POST',
        url: '/api/v1/facilities',
        cookie: admin,
        payload: { name: 'Other Home' },
      });
      const staff = async (email: string, role: string, facilityId: string) => {
        const res = await h.request({
          method: 'POST',
          url: '/api/v1/staff',
          cookie: admin,
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
      };
      nurse = await staff('nurse@example.test', 'staff', h.demoFacilityId);
      outsider = await staff('outsider@example.test', 'admin', other.json<{ id: string }>().id);
    });
    afterAll(() => h.close());

    /** A finished recording of a new visit, its file written where the video service writes. */
    async function recorded(options: {
      endedDaysAgo?: number;
      location?: string | null;
      status?: Recording['status'];
      bytes?: Buffer;
    }) {
      const visit = await h.createVisit(admin, `Recorded ${randomUUID().slice(0, 6)}`);
      const id = randomUUID();
      const file = path.join(h.config.recordingsDir, `visit-${visit.id}-${id}.webm`);
      const location = options.location === undefined ? file : options.location;
      if (location === file) {
        await fs.mkdir(h.config.recordingsDir, { recursive: true });
        await fs.writeFile(file, options.bytes ?? FILE_BYTES);
      }
      const ended = new Date(Date.now() - (options.endedDaysAgo ?? 0) * 86_400_000);
      const adminId = (await h.ctx.db.selectFrom('staff').select('id').executeTakeFirstOrThrow())
        .id;
      const status = options.status ?? 'ended';
      await h.ctx.db
        .insertInto('recordings')
        .values({
          id,
          room_id: visit.id,
          provider: 'livekit',
          provider_recording_id: `EG_${id}`,
          status,
          started_by: adminId,
          consent_notice: 'told',
          error: null,
          location,
          started_at: new Date(ended.getTime() - 95_000),
          ended_at: status === 'ended' ? ended : null,
        })
        .execute();
      return { id, visitId: visit.id, file };
    }

    const list = async (cookie: string, query = '') => {
      const res = await h.request({
        method: 'GET',
        url: `/api/v1/recordings?facilityId=${h.demoFacilityId}${query}`,
        cookie,
      });
      return res;
    };
    const fileOf = (id: string, cookie: string, headers: Record<string, string> = {}, q = '') =>
      h.request({ method: 'GET', url: `/api/v1/recordings/${id}/file${q}`, cookie, headers });
    const audits = async (action: string, targetId: string) => {
      const res = await h.request({
        method: 'GET',
        url: `/api/v1/audit?facilityId=${h.demoFacilityId}&limit=500`,
        cookie: admin,
      });
      return res.json<AuditEvent[]>().filter((e) => e.action === action && e.targetId === targetId);
    };

    it('lists a facility’s recordings with visit, who started it, duration, size and file', async () => {
      const rec = await recorded({});
      const res = await list(nurse, `&visitId=${rec.visitId}`);
      expect(res.statusCode, res.body).toBe(200);
      const [summary] = res.json<RecordingSummary[]>();
      expect(summary).toMatchObject({
        id: rec.id,
        visitId: rec.visitId,
        startedByName: expect.any(String),
        durationSeconds: 95,
        sizeBytes: FILE_BYTES.length,
        file: 'available',
        mediaType: 'video/webm',
        deletedAt: null,
      });
      expect(summary!.visitTitle).toMatch(/^Recorded /);
      expect((await list(outsider)).statusCode).toBe(404);
      expect((await list('')).statusCode).toBe(401);
    });

    it('plays the file with Range requests and audits a playback once', async () => {
      const rec = await recorded({});
      const whole = await fileOf(rec.id, nurse);
      expect(whole.statusCode).toBe(200);
      expect(whole.headers['content-type']).toBe('video/webm');
      expect(whole.headers['accept-ranges']).toBe('bytes');
      expect(whole.headers['cache-control']).toContain('no-store');
      expect(whole.rawPayload.equals(FILE_BYTES)).toBe(true);

      const first = await fileOf(rec.id, nurse, { range: 'bytes=0-' });
      expect(first.statusCode).toBe(206);
      expect(first.headers['content-range']).toBe(`bytes 0-9999/${FILE_BYTES.length}`);
      const middle = await fileOf(rec.id, nurse, { range: 'bytes=100-199' });
      expect(middle.statusCode).toBe(206);
      expect(middle.headers['content-length']).toBe('100');
      expect(middle.rawPayload.equals(FILE_BYTES.subarray(100, 200))).toBe(true);
      const tail = await fileOf(rec.id, nurse, { range: 'bytes=-50' });
      expect(tail.rawPayload.equals(FILE_BYTES.subarray(-50))).toBe(true);
      const beyond = await fileOf(rec.id, nurse, { range: 'bytes=20000-' });
      expect(beyond.statusCode).toBe(416);
      expect(beyond.headers['content-range']).toBe(`bytes */${FILE_BYTES.length}`);

      // The whole read and the read from byte 0 are two playbacks; the seeks are not.
      expect(await audits('recording.play', rec.id)).toHaveLength(2);
    });

    it('downloads as an attachment, audited as a download', async () => {
      const rec = await recorded({});
      const res = await fileOf(rec.id, nurse, {}, '?download=1');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="recording-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}\.webm"$/,
      );
      const [entry] = await audits('recording.download', rec.id);
      expect(entry?.actorEmail).toBe('nurse@example.test');
    });

    it('hides other facilities’ recordings and reads nothing outside the recordings folder', async () => {
      const rec = await recorded({});
      expect((await fileOf(rec.id, outsider)).statusCode).toBe(404);
      expect((await fileOf(rec.id, '')).statusCode).toBe(401);
      for (const location of ['/etc/passwd', '../../etc/passwd', 's3://bucket/visit.mp4']) {
        const elsewhere = await recorded({ location });
        const res = await fileOf(elsewhere.id, admin);
        expect(res.statusCode, location).toBe(409);
        expect(res.json<{ error: { details: unknown } }>().error.details).toEqual({
          file: 'elsewhere',
        });
      }
      const pending = await recorded({ location: null, status: 'active' });
      expect(
        (await list(admin, `&visitId=${pending.visitId}`)).json<RecordingSummary[]>()[0],
      ).toMatchObject({ file: 'pending', sizeBytes: null, durationSeconds: null });
    });

    it('lets administrators delete a finished recording: the file goes, the record stays', async () => {
      const rec = await recorded({});
      const del = (cookie: string) =>
        h.request({ method: 'DELETE', url: `/api/v1/recordings/${rec.id}`, cookie });
      expect((await del(nurse)).statusCode).toBe(403);
      expect((await del(outsider)).statusCode).toBe(404);
      const res = await del(admin);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Recording>()).toMatchObject({ deletedReason: 'staff', status: 'ended' });
      await expect(fs.stat(rec.file)).rejects.toMatchObject({ code: 'ENOENT' });
      const [summary] = (await list(admin, `&visitId=${rec.visitId}`)).json<RecordingSummary[]>();
      expect(summary).toMatchObject({ file: 'deleted', sizeBytes: null });
      expect((await fileOf(rec.id, admin)).statusCode).toBe(409);
      expect((await del(admin)).statusCode).toBe(200);
      expect(await audits('recording.delete', rec.id)).toHaveLength(1);

      const running = await recorded({ location: null, status: 'active' });
      const refused = await h.request({
        method: 'DELETE',
        url: `/api/v1/recordings/${running.id}`,
        cookie: admin,
      });
      expect(refused.statusCode).toBe(409);
    });

    it('expires recordings past the retention period once, even with two sweeps at once', async () => {
      const old = await recorded({ endedDaysAgo: 40 });
      const recent = await recorded({ endedDaysAgo: 2 });
      const counts = await Promise.all([expireRecordings(h.ctx, 30), expireRecordings(h.ctx, 30)]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
      await expect(fs.stat(old.file)).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(fs.stat(recent.file)).resolves.toBeTruthy();
      const [expired] = (await list(admin, `&visitId=${old.visitId}`)).json<RecordingSummary[]>();
      expect(expired).toMatchObject({ file: 'deleted', deletedReason: 'retention' });
      const entries = await audits('recording.expire', old.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]?.actorId).toBeNull();
      expect(await expireRecordings(h.ctx, 30)).toBe(0);
    });
  });
}
