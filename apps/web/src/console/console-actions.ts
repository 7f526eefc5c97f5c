// What staff do from the console: admit, deny or message a waiting visitor, end a visit, remove
// someone from it, start and stop its recording. Each call is marked busy while it runs (for the
// buttons), and its result is applied at once; the server's push then tells every other staff page.
import type { LobbyMessage } from '@openconnect/contracts';
import { t } from '../i18n/t.ts';
import type { Store } from '../store/store.ts';
import type { ConsoleApi } from './console-api.ts';
import { withBusy, withoutBusy, type ConsoleState } from './console-state.ts';
import type { ConsoleSync } from './console-sync.ts';
import { withQueueEntry } from './queue-state.ts';
import type { SessionLoss } from '../auth/session-loss.ts';
import { withoutParticipant, withRecording } from './visit-state.ts';

export interface ConsoleActions {
  admit(entryId: string): Promise<void>;
  deny(entryId: string, reason?: string): Promise<void>;
  /** Sends a message to a waiting visitor; resolves with it as kept in the thread. */
  message(entryId: string, text: string): Promise<LobbyMessage>;
  endVisit(visitId: string): Promise<void>;
  /** `withdrawLink`: also withdraw the shared link they came through, for everyone. */
  removeParticipant(visitId: string, participantId: string, withdrawLink?: boolean): Promise<void>;
  startRecording(visitId: string): Promise<void>;
  stopRecording(visitId: string, recordingId: string): Promise<void>;
}

export interface ConsoleActionsOptions {
  store: Store<ConsoleState>;
  api: ConsoleApi;
  sync: Pick<ConsoleSync, 'visitChanged' | 'refreshParticipants'>;
  session: SessionLoss;
}

/** The console's actions over its store; each rejects with the server's error for the page. */
export function createConsoleActions(options: ConsoleActionsOptions): ConsoleActions {
  const { store, api, sync, session } = options;

  async function busy<T>(key: string, action: () => Promise<T>): Promise<T> {
    store.set((s) => withBusy(s, key));
    try {
      return await action().catch(session.rethrow);
    } finally {
      store.set((s) => withoutBusy(s, key));
    }
  }

  return {
    async admit(entryId) {
      const entry = await busy(`admit:${entryId}`, () => api.admit(entryId));
      store.set((s) => withQueueEntry(s, entry));
    },
    async deny(entryId, reason) {
      const entry = await busy(`deny:${entryId}`, () => api.deny(entryId, reason));
      store.set((s) => withQueueEntry(s, entry));
    },
    async message(entryId, text) {
      return busy(`message:${entryId}`, () => api.message(entryId, text));
    },
    async endVisit(visitId) {
      await busy(`end:${visitId}`, () => api.endVisit(visitId));
      await sync.visitChanged(visitId, 'ended');
    },
    async removeParticipant(visitId, participantId, withdrawLink = false) {
      const people = store.get().participants[visitId];
      const name = people?.find((p) => p.id === participantId)?.displayName;
      await busy(`remove:${participantId}`, () =>
        api.removeParticipant(visitId, participantId, withdrawLink),
      );
      store.set((s) => {
        const next = withoutParticipant(s, visitId, participantId);
        return name ? { ...next, announcement: t('console.participant.removed', { name }) } : next;
      });
      void sync.refreshParticipants(visitId);
    },
    async startRecording(visitId) {
      const recording = await busy(`record:${visitId}`, () => api.startRecording(visitId));
      store.set((s) => withRecording(s, recording));
    },
    async stopRecording(visitId, recordingId) {
      const recording = await busy(`record:${visitId}`, () => api.stopRecording(recordingId));
      store.set((s) => withRecording(s, recording));
    },
  };
}
