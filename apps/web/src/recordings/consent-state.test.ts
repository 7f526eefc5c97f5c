import { describe, expect, it } from 'vitest';
import type { VisitConsent } from '@openconnect/contracts';
import { followVisitConsent, mayStartRecording } from './consent-state.ts';

const VISIT = '33333333-3333-4333-8333-333333333333';
const consent = (over: Partial<VisitConsent>): VisitConsent => ({
  visitId: VISIT,
  requiresConsent: false,
  recordingId: null,
  entries: [],
  everyoneAgreed: false,
  ...over,
});
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('consent as staff follow it', () => {
  it('lets Start be pressed unless the facility waits for someone’s agreement', () => {
    expect(mayStartRecording(undefined)).toBe(true);
    expect(mayStartRecording(consent({}))).toBe(true);
    expect(mayStartRecording(consent({ requiresConsent: true }))).toBe(false);
    expect(mayStartRecording(consent({ requiresConsent: true, everyoneAgreed: true }))).toBe(true);
  });

  it('reads again when the push channel names this visit, and only then', async () => {
    let reads = 0;
    let push: (visitId: string) => void = () => undefined;
    const follower = followVisitConsent(
      VISIT,
      { visit: () => Promise.resolve(consent({ everyoneAgreed: ++reads > 1 })) },
      (listener) => {
        push = listener;
        return () => (push = () => undefined);
      },
    );
    const stop = follower.follow();
    await flush();
    expect(follower.store.get()?.everyoneAgreed).toBe(false);
    push('44444444-4444-4444-8444-444444444444');
    await flush();
    expect(reads).toBe(1);
    push(VISIT);
    await flush();
    expect(follower.store.get()?.everyoneAgreed).toBe(true);
    stop();
    push(VISIT);
    expect(reads).toBe(2);
  });

  it('shows the newest read when an older answer arrives late', async () => {
    const answers: ((c: VisitConsent) => void)[] = [];
    let push: (visitId: string) => void = () => undefined;
    const follower = followVisitConsent(
      VISIT,
      { visit: () => new Promise((resolve) => answers.push(resolve)) },
      (listener) => {
        push = listener;
        return () => undefined;
      },
    );
    follower.follow();
    push(VISIT);
    answers[1]!(consent({ everyoneAgreed: true }));
    await flush();
    answers[0]!(consent({ everyoneAgreed: false }));
    await flush();
    expect(follower.store.get()?.everyoneAgreed).toBe(true);
  });
});
