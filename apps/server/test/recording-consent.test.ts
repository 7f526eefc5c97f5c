// Consent to recording, per person, over the API on PGlite and on PostgreSQL with a LiveKit
// development server recording: everyone present is asked when a recording starts, a late joiner
// when their call screen asks, each answer is stored with its time, audited and pushed to staff;
// a facility that needs everyone's consent refuses Start (CONSENT_REQUIRED) until all agreed;
// only the facility's staff read a consent record, and only its administrators change the setting.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLiveKitDevServer, type LiveKitDevServer } from '@openconnect/livekit-dev';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  topics,
  type AuditEvent,
  type JoinCredentials,
  type LobbyTicket,
  type MyConsent,
  type Recording,
  type RecordingConsent,
  type StaffEvent,
  type VisitConsent,
} from '@openconnect/contracts';
import { markLeft } from '../src/participants/participants.ts';
import { createApiHarness, type ApiHarness } from './support/api.ts';
import { backends } from './support/databases.ts';

for (const backend of await backends()) {
  describe(`consent to recording, per person (${backend.name})`, () => {
    let livekit: LiveKitDevServer;
    let recordingsDir: string;
    let h: ApiHarness;
    let admin: string;
    let nurse: string;
    let outsider: string;
    const events: StaffEvent[] = [];

    beforeAll(async () => {
      recordingsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'openconnect-consent-'));
      livekit = await startLiveKitDevServer({
        port: 0,
        apiKey: 'consent-key',
        apiSecret: 'consent-secret-0123456789abcdef',
        recordingsDir,
      });
      h = await createApiHarness(backend, {
        RECORDINGS_DIR: recordingsDir,
        FEATURE_LIVEKIT: 'true',
        PROVIDER_TYPE: 'livekit',
        LIVEKIT_URL: livekit.url,
        LIVEKIT_API_KEY: livekit.apiKey,
        LIVEKIT_SECRET: livekit.apiSecret,
      });
      admin = await h.signIn();
      h.ctx.bus.subscribe(topics.facility(h.demoFacilityId), (e) => events.push(e));
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
      const other = await h.request({
        method: 'POST',
        url: '/api/v1/facilities',
        cookie: admin,
        payload: { name: 'Elsewhere', timezone: 'UTC' },
      });
      nurse = await staff('nurse@example.test', 'staff', h.demoFacilityId);
      outsider = await staff('outsider@example.test', 'admin', other.json<{ id: string }>().id);
    });
    afterAll(async () => {
      await h.close();
      await livekit.close();
      await fs.rm(recordingsDir, { recursive: true, force: true });
    });

    const json = async <T>(
      method: 'GET' | 'POST' | 'PUT',
      url: string,
      options: { cookie?: string; token?: string; payload?: unknown } = {},
    ) => {
      const res = await h.request({
        method,
        url: `/api/v1${url}`,
        ...(options.cookie ? { cookie: options.cookie } : {}),
        ...(options.token ? { headers: { authorization: `Bearer ${options.token}` } } : {}),
        ...(options.payload !== undefined ? { payload: options.payload as object } : {}),
      });
      return { status: res.statusCode, body: res.json<T>(), raw: res.body };
    };

    /** A live visit with the admin in its call. */
    async function liveVisit(title: string) {
      const { visitId, code } = await h.visitWithInvite(admin, title);
      const host = await json<JoinCredentials>('POST', `/visits/${visitId}/join`, {
        cookie: admin,
        payload: {},
      });
      expect(host.status, host.raw).toBe(200);
      return { visitId, code };
    }

    /** A visitor let in who fetched their credentials (present in the visit). */
    async function visitorIn(code: string, name: string): Promise<LobbyTicket> {
      const ticket = await h.knock(code, name);
      const admitted = await json('POST', `/lobby/${ticket.entryId}/admit`, {
        cookie: admin,
        payload: {},
      });
      expect(admitted.status, admitted.raw).toBe(200);
      const joined = await json('POST', `/lobby/${ticket.entryId}/join`, {
        token: ticket.visitorToken,
        payload: {},
      });
      expect(joined.status, joined.raw).toBe(200);
      return ticket;
    }

    const startRecording = (visitId: string) =>
      json<Recording>('POST', `/visits/${visitId}/recordings`, {
        cookie: admin,
        payload: { everyoneInformed: true },
      });
    const stateOf = (consent: { entries: VisitConsent['entries'] }, name: string) =>
      consent.entries.find((e) => e.displayName === name);
    const audits = async (action: string) =>
      (
        await json<AuditEvent[]>('GET', `/audit?facilityId=${h.demoFacilityId}&limit=500`, {
          cookie: admin,
        })
      ).body.filter((e) => e.action === action);

    it('asks everyone present when a recording starts and keeps each answer with its time', async () => {
      const { visitId, code } = await liveVisit('Recorded with consent');
      const daughter = await visitorIn(code, 'Daughter');
      const started = await startRecording(visitId);
      expect(started.status, started.raw).toBe(201);

      const before = await json<VisitConsent>('GET', `/visits/${visitId}/recording-consent`, {
        cookie: nurse,
      });
      expect(before.status).toBe(200);
      expect(before.body.recordingId).toBe(started.body.id);
      expect(before.body.everyoneAgreed).toBe(false);
      expect(stateOf(before.body, 'Daughter')).toMatchObject({
        state: 'pending',
        askedAt: expect.any(String),
      });

      const mine = await json<MyConsent>('GET', `/lobby/${daughter.entryId}/recording-consent`, {
        token: daughter.visitorToken,
      });
      expect(mine.body).toMatchObject({
        recordingId: started.body.id,
        state: 'pending',
        ask: true,
      });

      events.length = 0;
      const answered = await json<MyConsent>(
        'POST',
        `/lobby/${daughter.entryId}/recording-consent`,
        {
          token: daughter.visitorToken,
          payload: { answer: 'understood', recordingId: started.body.id },
        },
      );
      expect(answered.status, answered.raw).toBe(200);
      expect(answered.body).toMatchObject({ state: 'understood', ask: false });
      // Staff pages hear of it without reloading.
      expect(events).toContainEqual({ type: 'consent', visitId });

      // The host in the call answers for themself.
      const host = await json<MyConsent>('POST', `/visits/${visitId}/my-recording-consent`, {
        cookie: admin,
        payload: { answer: 'understood', recordingId: started.body.id },
      });
      expect(host.status, host.raw).toBe(200);

      const after = await json<VisitConsent>('GET', `/visits/${visitId}/recording-consent`, {
        cookie: nurse,
      });
      expect(stateOf(after.body, 'Daughter')).toMatchObject({
        state: 'understood',
        answeredAt: expect.any(String),
      });
      expect(after.body.everyoneAgreed).toBe(true);
      const audited = (await audits('recording.consent')).filter(
        (e) => e.targetId === started.body.id,
      );
      expect(audited.map((e) => e.details.displayName).sort()).toEqual(
        [after.body.entries.find((e) => e.role === 'host')!.displayName, 'Daughter'].sort(),
      );
      expect(audited.find((e) => e.details.displayName === 'Daughter')?.details.answer).toBe(
        'understood',
      );
    });

    it('keeps "Leave the visit" as a declined answer with its time', async () => {
      const { visitId, code } = await liveVisit('Declined');
      const son = await visitorIn(code, 'Son');
      const started = await startRecording(visitId);
      const declined = await json<MyConsent>('POST', `/lobby/${son.entryId}/recording-consent`, {
        token: son.visitorToken,
        payload: { answer: 'declined', recordingId: started.body.id },
      });
      expect(declined.body).toMatchObject({ state: 'declined', ask: true });
      const record = await json<RecordingConsent>('GET', `/recordings/${started.body.id}/consent`, {
        cookie: admin,
      });
      expect(stateOf(record.body, 'Son')).toMatchObject({
        state: 'declined',
        answeredAt: expect.any(String),
      });
      const audited = (await audits('recording.consent')).find(
        (e) => e.targetId === started.body.id && e.details.displayName === 'Son',
      );
      expect(audited?.details.answer).toBe('declined');
    });

    it('asks a late joiner when their call screen asks, and records leaving without an answer', async () => {
      const { visitId, code } = await liveVisit('Late joiner');
      const started = await startRecording(visitId);
      expect(started.status, started.raw).toBe(201);
      const late = await visitorIn(code, 'Grandson');

      // Present, not asked yet: their call screen has not read the notice.
      const unasked = await json<VisitConsent>('GET', `/visits/${visitId}/recording-consent`, {
        cookie: admin,
      });
      expect(stateOf(unasked.body, 'Grandson')).toMatchObject({ state: 'pending', askedAt: null });

      events.length = 0;
      const mine = await json<MyConsent>('GET', `/lobby/${late.entryId}/recording-consent`, {
        token: late.visitorToken,
      });
      expect(mine.body).toMatchObject({ ask: true, recordingId: started.body.id });
      expect(events).toContainEqual({ type: 'consent', visitId });
      const asked = await json<VisitConsent>('GET', `/visits/${visitId}/recording-consent`, {
        cookie: admin,
      });
      expect(stateOf(asked.body, 'Grandson')?.askedAt).not.toBeNull();

      // An answer to a recording that is not the one running is refused.
      const stale = await json('POST', `/lobby/${late.entryId}/recording-consent`, {
        token: late.visitorToken,
        payload: { answer: 'understood', recordingId: visitId },
      });
      expect(stale.status).toBe(409);

      // They go without answering: the record says they left, and when.
      const identity = (await h.participants(admin, visitId)).find(
        (p) => p.displayName === 'Grandson',
      )!.identity;
      await markLeft(h.ctx, visitId, identity, 'left');
      const record = await json<RecordingConsent>('GET', `/recordings/${started.body.id}/consent`, {
        cookie: nurse,
      });
      expect(record.status).toBe(200);
      expect(stateOf(record.body, 'Grandson')).toMatchObject({
        state: 'left',
        answeredAt: expect.any(String),
      });
    });

    it('shows a consent record only to staff of the facility, and answers only to its people', async () => {
      const { visitId, code } = await liveVisit('Private record');
      const visitor = await visitorIn(code, 'Neighbour');
      const started = await startRecording(visitId);
      expect(
        (await json('GET', `/recordings/${started.body.id}/consent`, { cookie: outsider })).status,
      ).toBe(404);
      expect(
        (await json('GET', `/visits/${visitId}/recording-consent`, { cookie: outsider })).status,
      ).toBe(404);
      expect((await json('GET', `/recordings/${started.body.id}/consent`)).status).toBe(401);
      // Someone else's bearer token does not answer for this entry.
      const other = await h.knock(code, 'Stranger');
      const forged = await json('POST', `/lobby/${visitor.entryId}/recording-consent`, {
        token: other.visitorToken,
        payload: { answer: 'understood', recordingId: started.body.id },
      });
      expect(forged.status).toBe(403);
      // Still waiting in the lobby: not in the visit, so not theirs to answer.
      const waiting = await json('POST', `/lobby/${other.entryId}/recording-consent`, {
        token: other.visitorToken,
        payload: { answer: 'understood', recordingId: started.body.id },
      });
      expect(waiting.status).toBe(403);
    });

    it('keeps Start refused until everyone present agreed, where the facility asks for that', async () => {
      const setting = (cookie: string, requiresConsent: boolean) =>
        json('PUT', `/facilities/${h.demoFacilityId}/recording-settings`, {
          cookie,
          payload: { requiresConsent },
        });
      const { visitId: liveId } = await liveVisit('Live when the setting changes');
      expect((await setting(nurse, true)).status).toBe(403);
      expect((await setting(outsider, true)).status).toBe(404);
      events.length = 0;
      const on = await setting(admin, true);
      expect(on.status, on.raw).toBe(200);
      // Staff pages showing a live visit's consent hear that it changed.
      expect(events).toContainEqual({ type: 'consent', visitId: liveId });
      expect((await audits('recording.settings'))[0]?.details).toEqual({ requiresConsent: true });

      try {
        const { visitId, code } = await liveVisit('Needs everyone');
        const mother = await visitorIn(code, 'Mother');
        const refused = await startRecording(visitId);
        expect(refused.status).toBe(409);
        const error = (refused.body as unknown as { error: { code: string; message: string } })
          .error;
        expect(error.code).toBe('CONSENT_REQUIRED');
        expect(error.message).toMatch(/Mother/);

        // Before any recording, the call screen shows the advance notice.
        const advance = await json<MyConsent>('GET', `/lobby/${mother.entryId}/recording-consent`, {
          token: mother.visitorToken,
        });
        expect(advance.body).toMatchObject({ requiresConsent: true, recordingId: null, ask: true });
        await json('POST', `/lobby/${mother.entryId}/recording-consent`, {
          token: mother.visitorToken,
          payload: { answer: 'understood', recordingId: null },
        });
        const halfway = await json<VisitConsent>('GET', `/visits/${visitId}/recording-consent`, {
          cookie: admin,
        });
        expect(halfway.body.everyoneAgreed).toBe(false);
        const stillRefused = await startRecording(visitId);
        expect(stillRefused.status).toBe(409);
        expect(stillRefused.raw).not.toMatch(/Mother/);

        await json('POST', `/visits/${visitId}/my-recording-consent`, {
          cookie: admin,
          payload: { answer: 'understood', recordingId: null },
        });
        const ready = await json<VisitConsent>('GET', `/visits/${visitId}/recording-consent`, {
          cookie: admin,
        });
        expect(ready.body.everyoneAgreed).toBe(true);
        const started = await startRecording(visitId);
        expect(started.status, started.raw).toBe(201);
        // The advance answers are the recording's record, with the time they were given.
        const record = await json<RecordingConsent>(
          'GET',
          `/recordings/${started.body.id}/consent`,
          { cookie: admin },
        );
        expect(record.body.entries).toHaveLength(2);
        expect(record.body.entries.every((e) => e.state === 'understood')).toBe(true);
        expect(new Date(stateOf(record.body, 'Mother')!.answeredAt!).getTime()).toBeLessThan(
          new Date(started.body.startedAt).getTime(),
        );
      } finally {
        await setting(admin, false);
      }
    });
  });
}
