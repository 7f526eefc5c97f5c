import { describe, expect, it } from 'vitest';
import type { AnswerConsentBody, MyConsent } from '@openconnect/contracts';
import { createRecordingConsent, type ConsentApi } from './recording-consent.ts';

const REC = '22222222-2222-4222-8222-222222222222';

/** A server that answers what it is told to; records what was sent. */
function fakeServer(first: MyConsent) {
  let current = first;
  const sent: AnswerConsentBody[] = [];
  let failNext = false;
  const api: ConsentApi = {
    read: () => Promise.resolve(current),
    answer(body) {
      sent.push(body);
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error('offline'));
      }
      current = { ...current, state: body.answer, ask: false };
      return Promise.resolve(current);
    },
  };
  return {
    api,
    sent,
    set: (next: Partial<MyConsent>) => (current = { ...current, ...next }),
    failNextAnswer: () => (failNext = true),
  };
}

const recording: MyConsent = {
  requiresConsent: false,
  recordingId: REC,
  state: 'pending',
  ask: true,
};
const none: MyConsent = { requiresConsent: false, recordingId: null, state: null, ask: false };
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the recording notice', () => {
  it('lets the call publish at once when nothing is being recorded', async () => {
    const consent = createRecordingConsent(fakeServer(none).api);
    await expect(consent.check(false)).resolves.toBe('continue');
    expect(consent.store.get().notice).toBeNull();
  });

  it('holds publishing until "I understand", and sends that answer for the running recording', async () => {
    const server = fakeServer(recording);
    const consent = createRecordingConsent(server.api);
    let outcome: string | undefined;
    void consent.check(true).then((o) => (outcome = o));
    await flush();
    expect(consent.store.get().notice).toEqual({ kind: 'recording', recordingId: REC });
    expect(outcome).toBeUndefined();
    await consent.understand();
    await flush();
    expect(outcome).toBe('continue');
    expect(server.sent).toEqual([{ answer: 'understood', recordingId: REC }]);
    expect(consent.store.get().notice).toBeNull();
  });

  it('leaves on "Leave the visit", telling the call once', async () => {
    const server = fakeServer(recording);
    const consent = createRecordingConsent(server.api);
    let left = 0;
    consent.onLeave(() => left++);
    const outcome = consent.check(true);
    await flush();
    await consent.leave();
    await expect(outcome).resolves.toBe('leave');
    expect(left).toBe(1);
    expect(server.sent).toEqual([{ answer: 'declined', recordingId: REC }]);
  });

  it('closes a recording’s notice when that recording stops, and the call goes on', async () => {
    const server = fakeServer(recording);
    const consent = createRecordingConsent(server.api);
    const outcome = consent.check(true);
    await flush();
    server.set(none);
    consent.recordingChanged(false);
    await expect(outcome).resolves.toBe('continue');
    await flush();
    expect(consent.store.get().notice).toBeNull();
    expect(server.sent).toEqual([]);
  });

  it('keeps a recording’s notice while the server says it runs, though the provider says not yet', async () => {
    const server = fakeServer(recording);
    const consent = createRecordingConsent(server.api);
    void consent.check(false);
    await flush();
    consent.recordingChanged(false);
    await flush();
    expect(consent.store.get().notice).toEqual({ kind: 'recording', recordingId: REC });
  });

  it('asks in advance where the facility needs everyone’s consent, then asks nothing more once agreed', async () => {
    const server = fakeServer({
      requiresConsent: true,
      recordingId: null,
      state: 'pending',
      ask: true,
    });
    const consent = createRecordingConsent(server.api);
    const outcome = consent.check(false);
    await flush();
    expect(consent.store.get().notice).toEqual({ kind: 'advance', recordingId: null });
    await consent.understand();
    await expect(outcome).resolves.toBe('continue');
    expect(server.sent).toEqual([{ answer: 'understood', recordingId: null }]);
    // The recording starts with the advance answer on its record: no second notice.
    server.set({ recordingId: REC, state: 'understood', ask: false });
    consent.recordingChanged(true);
    await flush();
    expect(consent.store.get().notice).toBeNull();
  });

  it('turns an open advance notice into the recording’s own when recording starts', async () => {
    const server = fakeServer({
      requiresConsent: true,
      recordingId: null,
      state: 'pending',
      ask: true,
    });
    const consent = createRecordingConsent(server.api);
    void consent.check(false);
    await flush();
    server.set({ recordingId: REC });
    consent.recordingChanged(true);
    await flush();
    expect(consent.store.get().notice).toEqual({ kind: 'recording', recordingId: REC });
  });

  it('keeps the notice open when "I understand" was not saved, and saves it on the next try', async () => {
    const server = fakeServer(recording);
    const consent = createRecordingConsent(server.api);
    const outcome = consent.check(true);
    await flush();
    server.failNextAnswer();
    await consent.understand();
    await flush();
    expect(consent.store.get()).toMatchObject({ failed: true, notice: { kind: 'recording' } });
    await consent.understand();
    await expect(outcome).resolves.toBe('continue');
    expect(server.sent).toHaveLength(2);
  });

  it('still announces a running recording when the server cannot be asked', async () => {
    const consent = createRecordingConsent({
      read: () => Promise.reject(new Error('offline')),
      answer: () => Promise.reject(new Error('offline')),
    });
    const outcome = consent.check(true);
    await flush();
    expect(consent.store.get().notice).toEqual({ kind: 'recording', recordingId: null });
    await consent.leave();
    await expect(outcome).resolves.toBe('leave');
  });

  it('never opens without a server to answer to (a call that cannot record)', async () => {
    const consent = createRecordingConsent(undefined);
    await expect(consent.check(true)).resolves.toBe('continue');
    consent.recordingChanged(true);
    expect(consent.store.get().notice).toBeNull();
  });
});
