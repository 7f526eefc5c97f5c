// The recordings page's state and actions: load a facility's recordings a page at a time, open
// one in the player, and delete one after a confirmation. The page renders this and dispatches.
import type { RecordingSummary } from '@openconnect/contracts';
import { ApiError } from '../api/ApiError.ts';
import { t } from '../i18n/t.ts';
import { createStore, type Store } from '../store/store.ts';
import { PAGE, recordingsApi, type RecordingsApi } from './recordings-api.ts';

export interface RecordingsState {
  status: 'loading' | 'ready' | 'failed';
  items: readonly RecordingSummary[];
  /** A full page came back: older recordings may follow. */
  hasMore: boolean;
  loadingMore: boolean;
  error?: unknown;
  /** The recording open in the player. */
  playing?: string;
  /** The recording whose deletion is being confirmed, and whether it is under way. */
  confirming?: string;
  deleting: boolean;
  actionError?: unknown;
  /** The last change, for the page's live region. */
  announcement: string;
}

export interface RecordingsLibrary {
  readonly store: Store<RecordingsState>;
  load(): Promise<void>;
  more(): Promise<void>;
  play(recordingId: string): void;
  closePlayer(): void;
  askDelete(recordingId: string): void;
  cancelDelete(): void;
  confirmDelete(): Promise<void>;
  dismissError(): void;
  /** Called when a request finds the session gone; returns the unsubscribe. */
  onUnauthenticated(listener: () => void): () => void;
}

export function createRecordingsLibrary(
  facilityId: string,
  api: RecordingsApi = recordingsApi,
): RecordingsLibrary {
  const store = createStore<RecordingsState>({
    status: 'loading',
    items: [],
    hasMore: false,
    loadingMore: false,
    deleting: false,
    announcement: '',
  });
  const lost = new Set<() => void>();
  const patch = (next: Partial<RecordingsState>) => store.set((s) => ({ ...s, ...next }));
  const failed = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') lost.forEach((l) => l());
  };

  return {
    store,
    async load() {
      patch({ status: 'loading', error: undefined });
      try {
        const items = await api.list(facilityId);
        patch({ status: 'ready', items, hasMore: items.length === PAGE });
      } catch (error) {
        failed(error);
        patch({ status: 'failed', error });
      }
    },
    async more() {
      const { items, loadingMore } = store.get();
      const last = items.at(-1);
      if (!last || loadingMore) return;
      patch({ loadingMore: true, actionError: undefined });
      try {
        const older = await api.list(facilityId, last.startedAt);
        patch({ items: [...items, ...older], hasMore: older.length === PAGE, loadingMore: false });
      } catch (error) {
        failed(error);
        patch({ loadingMore: false, actionError: error });
      }
    },
    play: (recordingId) => patch({ playing: recordingId }),
    closePlayer: () => patch({ playing: undefined }),
    askDelete: (recordingId) => patch({ confirming: recordingId, actionError: undefined }),
    cancelDelete: () => patch({ confirming: undefined }),
    async confirmDelete() {
      const { confirming, items } = store.get();
      const target = items.find((r) => r.id === confirming);
      if (!target) return;
      patch({ deleting: true, actionError: undefined });
      try {
        const deleted = await api.remove(target.id);
        store.set((s) => ({
          ...s,
          deleting: false,
          confirming: undefined,
          playing: s.playing === target.id ? undefined : s.playing,
          items: s.items.map((r) =>
            r.id === target.id
              ? { ...r, ...deleted, file: 'deleted', sizeBytes: null, mediaType: null }
              : r,
          ),
          announcement: t('recordings.deleted', { title: target.visitTitle }),
        }));
      } catch (error) {
        failed(error);
        patch({ deleting: false, actionError: error });
      }
    },
    dismissError: () => patch({ actionError: undefined }),
    onUnauthenticated(listener) {
      lost.add(listener);
      return () => lost.delete(listener);
    },
  };
}
