// Consent to recording as staff follow it, framework-free: a visit's consent now (who is present
// and what each answered, and whether Start may be pressed), read from the server and read again
// whenever the facility's push channel says the visit's consent or people changed; and one
// recording's consent record for the library. Push events arrive through `consentChanged`.
import type { RecordingConsent, VisitConsent } from '@openconnect/contracts';
import { apiFetch } from '../api/client.ts';
import { createStore, type Store } from '../store/store.ts';

const id = encodeURIComponent;

export interface ConsentReads {
  visit(visitId: string): Promise<VisitConsent>;
  recording(recordingId: string): Promise<RecordingConsent>;
}

export const consentReads: ConsentReads = {
  visit: (visitId) => apiFetch<VisitConsent>(`/visits/${id(visitId)}/recording-consent`),
  recording: (recordingId) => apiFetch<RecordingConsent>(`/recordings/${id(recordingId)}/consent`),
};

type Listener = (visitId: string) => void;
const listeners = new Set<Listener>();

/** The push channel said a visit's consent (or its people) changed. */
export function consentChanged(visitId: string): void {
  listeners.forEach((listener) => listener(visitId));
}

/** Whether Start recording may be pressed: not while the facility waits for someone's consent. */
export function mayStartRecording(consent: VisitConsent | undefined): boolean {
  return !consent?.requiresConsent || consent.everyoneAgreed;
}

export interface VisitConsentFollower {
  readonly store: Store<VisitConsent | undefined>;
  /** Reads it now (and on every change pushed); returns the function that stops following. */
  follow(): () => void;
}

/** Follows one visit's consent. */
export function followVisitConsent(
  visitId: string,
  reads: Pick<ConsentReads, 'visit'> = consentReads,
  subscribe: (listener: Listener) => () => void = (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
): VisitConsentFollower {
  const store = createStore<VisitConsent | undefined>(undefined);
  let generation = 0;
  function read() {
    const mine = ++generation;
    reads.visit(visitId).then(
      // Only the newest read is shown: an older answer arriving late never overwrites it.
      (consent) => mine === generation && store.set(() => consent),
      () => undefined, // Kept as it was; the next push reads again.
    );
  }
  return {
    store,
    follow() {
      read();
      const stop = subscribe((changed) => changed === visitId && read());
      return () => {
        generation++;
        stop();
      };
    },
  };
}
