// The recording notice in a call, framework-free. The call asks `check()` before it publishes
// camera and microphone, and again whenever the provider says recording started or stopped; the
// server says whether this person must be asked (a recording runs, or the facility asks before
// any recording) and stores their answer. While a notice is open the check waits: "I understand"
// lets the call publish, "Leave the visit" makes it leave. A notice about a recording closes by
// itself when that recording stops (the text would no longer be true).
import type { AnswerConsentBody, MyConsent } from '@openconnect/contracts';
import { createStore, type Store } from '../../store/store.ts';

/** The server side of the notice, for this participant. */
export interface ConsentApi {
  read(): Promise<MyConsent>;
  answer(body: AnswerConsentBody): Promise<MyConsent>;
}

/** `recording`: a recording runs now. `advance`: the facility asks before any recording starts. */
export type NoticeKind = 'recording' | 'advance';

export interface ConsentView {
  /** The open notice, if any. */
  notice: { kind: NoticeKind; recordingId: string | null } | null;
  /** An answer is being saved. */
  saving: boolean;
  /** Saving the answer failed; the notice stays open to try again. */
  failed: boolean;
}

/** What the call does once the notice is settled. */
export type ConsentOutcome = 'continue' | 'leave';

export interface RecordingConsent {
  readonly store: Store<ConsentView>;
  /** Whether this call asks at all (it has a server to answer to). */
  readonly asks: boolean;
  /**
   * Asks the server whether a notice is due and, if so, opens it; resolves once it is settled
   * (at once when none is due). `recording`: what the provider says now.
   */
  check(recording: boolean): Promise<ConsentOutcome>;
  /** The provider says recording started or stopped. */
  recordingChanged(recording: boolean): void;
  understand(): Promise<void>;
  leave(): Promise<void>;
  /** Called when the person chose "Leave the visit". */
  onLeave(listener: () => void): () => void;
}

/** The recording notice for one participant of one call; without an API it never opens. */
export function createRecordingConsent(api: ConsentApi | undefined): RecordingConsent {
  const store = createStore<ConsentView>({ notice: null, saving: false, failed: false });
  let waiting: ((outcome: ConsentOutcome) => void)[] = [];
  let inFlight: Promise<ConsentOutcome> | undefined;
  const leaveListeners = new Set<() => void>();

  function settle(outcome: ConsentOutcome) {
    store.set(() => ({ notice: null, saving: false, failed: false }));
    const pending = waiting;
    waiting = [];
    pending.forEach((resolve) => resolve(outcome));
  }

  function open(mine: MyConsent | null, recording: boolean): Promise<ConsentOutcome> {
    const due = mine ? mine.ask : recording;
    if (!due) {
      if (store.get().notice) settle('continue');
      return Promise.resolve('continue');
    }
    const recordingId = mine ? mine.recordingId : null;
    // Once open, a notice stays open until answered; a new read only updates what it says.
    const kind: NoticeKind = recordingId !== null || (!mine && recording) ? 'recording' : 'advance';
    store.set((s) => ({ ...s, notice: { kind, recordingId } }));
    return new Promise((resolve) => waiting.push(resolve));
  }

  async function answer(choice: AnswerConsentBody['answer']): Promise<void> {
    const notice = store.get().notice;
    if (!notice || store.get().saving) return;
    store.set((s) => ({ ...s, saving: true, failed: false }));
    try {
      await api?.answer({ answer: choice, recordingId: notice.recordingId });
    } catch {
      // Leaving goes ahead even if the answer was not saved: nobody is kept in a recorded call.
      if (choice === 'understood') {
        store.set((s) => ({ ...s, saving: false, failed: true }));
        // The notice may be stale (that recording stopped, another started): read it again.
        void consent.check(notice.kind === 'recording');
        return;
      }
    }
    settle(choice === 'understood' ? 'continue' : 'leave');
    if (choice === 'declined') leaveListeners.forEach((listener) => listener());
  }

  const consent: RecordingConsent = {
    store,
    asks: api !== undefined,
    check(recording) {
      if (!api) return Promise.resolve('continue');
      // One read at a time; an open notice is read again (its recording may have started).
      inFlight ??= api.read().then(
        (mine) => {
          inFlight = undefined;
          return open(mine, recording);
        },
        () => {
          inFlight = undefined;
          // The server could not be asked: a running recording is still announced.
          return open(null, recording);
        },
      );
      return inFlight;
    },
    recordingChanged(recording) {
      if (!api) return;
      // Read again: a notice about a recording that stopped is no longer true and goes. The
      // server decides, not the provider's flag alone, which lags behind a recording starting.
      void consent.check(recording);
    },
    understand: () => answer('understood'),
    leave: () => answer('declined'),
    onLeave(listener) {
      leaveListeners.add(listener);
      return () => leaveListeners.delete(listener);
    },
  };
  return consent;
}
