// The rollout admin page's state and actions: the LiveKit switch (with a confirmation before the
// rollback), the percentage being edited, and each facility's override. Every change answers with
// the whole rollout, which replaces what the page shows. React components render this and call it.
import type { RolloutState } from '@openconnect/contracts';
import type { ProviderName } from '@openconnect/contracts/provider-types';
import { errorMessage } from '../api/errorMessage.ts';
import { createSessionLoss } from '../auth/session-loss.ts';
import { t } from '../i18n/t.ts';
import { createStore, type Store } from '../store/store.ts';
import { createRolloutApi, type RolloutApi } from './rollout-api.ts';

/** The LiveKit switch: on, off (the rollback), or null to follow the configuration. */
export type LiveKitSwitch = boolean | null;

export interface RolloutAdminState {
  status: 'loading' | 'ready' | 'failed';
  rollout: RolloutState | undefined;
  /** Why loading failed. */
  error: unknown;
  /** The last change that failed, until the next change or dismissal. */
  actionError: unknown;
  /** The global change in flight, if any. */
  busy: 'switch' | 'percentage' | null;
  /** Facilities whose override is being saved. */
  savingFacilities: readonly string[];
  /** True while the rollback waits for the operator to confirm it. */
  confirmingRollback: boolean;
  /** The percentage as typed or slid, until saved. */
  percentageDraft: string;
  percentageError: string | undefined;
  /** What the last successful change did, for a polite live region. */
  announcement: string;
}

export interface RolloutAdmin {
  store: Store<RolloutAdminState>;
  load(): Promise<void>;
  /** Asks to switch LiveKit; switching it off waits for confirmRollback(). */
  requestSwitch(value: LiveKitSwitch): Promise<void>;
  confirmRollback(): Promise<void>;
  cancelRollback(): void;
  setPercentageDraft(value: string): void;
  /** Saves the percentage being edited; a value that is not a whole number 0–100 stays unsent. */
  savePercentage(): Promise<void>;
  setOverride(facilityId: string, override: ProviderName | null): Promise<void>;
  dismissError(): void;
  /** Called with any 401, so the page can send staff back to sign in. */
  onUnauthenticated(listener: () => void): () => void;
}

/** A whole number from 0 to 100, or undefined. */
export function parsePercentage(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value <= 100 ? value : undefined;
}

/** A sentence for a failed rollout request, in the words of this page. */
export function rolloutErrorMessage(error: unknown): string {
  return errorMessage(error, {
    CONFLICT: 'rollout.error.notConfigured',
    FORBIDDEN: 'rollout.error.forbidden',
  });
}

/** The page before its first load. */
const initialState: RolloutAdminState = {
  status: 'loading',
  rollout: undefined,
  error: undefined,
  actionError: undefined,
  busy: null,
  savingFacilities: [],
  confirmingRollback: false,
  percentageDraft: '',
  percentageError: undefined,
  announcement: '',
};

/** What the page's actions share: its state, the API, and one way to run a change. */
interface RolloutChanges {
  store: Store<RolloutAdminState>;
  api: RolloutApi;
  patch(next: Partial<RolloutAdminState>): void;
  /** Runs one change; the answer replaces the rollout, a failure is kept for the alert. */
  change(
    request: () => Promise<RolloutState>,
    announce: (rollout: RolloutState) => string,
  ): Promise<boolean>;
}

/** The LiveKit switch, with its confirmation before a rollback. */
function switchActions({ store, api, patch, change }: RolloutChanges) {
  async function applySwitch(value: LiveKitSwitch): Promise<void> {
    patch({ busy: 'switch', confirmingRollback: false });
    await change(
      () => api.update({ livekitEnabled: value }),
      (rollout) => t(rollout.livekitEnabled ? 'rollout.saved.on' : 'rollout.saved.off'),
    );
    patch({ busy: null });
  }
  return {
    async requestSwitch(value: LiveKitSwitch) {
      if (store.get().busy) return;
      if (value === false) {
        patch({ confirmingRollback: true, actionError: undefined });
        return;
      }
      await applySwitch(value);
    },
    async confirmRollback() {
      if (!store.get().confirmingRollback || store.get().busy) return;
      await applySwitch(false);
    },
    cancelRollback() {
      patch({ confirmingRollback: false });
    },
  };
}

/** The percentage as edited, and saving it once it is a whole number from 0 to 100. */
function percentageActions({ store, api, patch, change }: RolloutChanges) {
  return {
    setPercentageDraft(value: string) {
      patch({ percentageDraft: value, percentageError: undefined });
    },
    async savePercentage() {
      if (store.get().busy) return;
      const percentage = parsePercentage(store.get().percentageDraft);
      if (percentage === undefined) {
        patch({ percentageError: t('rollout.percentage.error') });
        return;
      }
      patch({ busy: 'percentage', percentageError: undefined });
      const saved = await change(
        () => api.update({ percentage }),
        (rollout) => t('rollout.saved.percentage', { percentage: rollout.percentage }),
      );
      const rollout = store.get().rollout;
      if (saved && rollout) patch({ percentageDraft: String(rollout.percentage) });
      patch({ busy: null });
    },
  };
}

/** What a facility's new visits get after its override was saved, for the live region. */
export function overrideAnnouncement(rollout: RolloutState, facilityId: string): string {
  const facility = rollout.facilities.find((f) => f.facilityId === facilityId);
  if (!facility) return '';
  return t('rollout.saved.facility', {
    name: facility.name,
    provider: t(`rollout.provider.${facility.effectiveProvider}`),
  });
}

/** Pins a facility to a provider (or back to the rollout), one save per facility at a time. */
async function saveOverride(
  { store, api, change }: RolloutChanges,
  facilityId: string,
  override: ProviderName | null,
): Promise<void> {
  if (store.get().savingFacilities.includes(facilityId)) return;
  store.set((s) => ({ ...s, savingFacilities: [...s.savingFacilities, facilityId] }));
  await change(
    () => api.setOverride(facilityId, override),
    (rollout) => overrideAnnouncement(rollout, facilityId),
  );
  store.set((s) => ({
    ...s,
    savingFacilities: s.savingFacilities.filter((id) => id !== facilityId),
  }));
}

/** Creates the admin page's state over the rollout API. */
export function createRolloutAdmin(api: RolloutApi = createRolloutApi()): RolloutAdmin {
  const store = createStore<RolloutAdminState>(initialState);
  const session = createSessionLoss();
  const patch = (next: Partial<RolloutAdminState>) => store.set((s) => ({ ...s, ...next }));
  const watch = (error: unknown) => session.rethrow(error);

  async function change(
    request: () => Promise<RolloutState>,
    announce: (rollout: RolloutState) => string,
  ): Promise<boolean> {
    patch({ actionError: undefined, announcement: '' });
    try {
      const rollout = await request().catch(watch);
      patch({ rollout, announcement: announce(rollout) });
      return true;
    } catch (error) {
      patch({ actionError: error });
      return false;
    }
  }

  const changes: RolloutChanges = { store, api, patch, change };
  return {
    store,
    async load() {
      patch({ status: 'loading', error: undefined });
      try {
        const rollout = await api.get().catch(watch);
        patch({ status: 'ready', rollout, percentageDraft: String(rollout.percentage) });
      } catch (error) {
        patch({ status: 'failed', error });
      }
    },
    ...switchActions(changes),
    ...percentageActions(changes),
    setOverride: (facilityId, override) => saveOverride(changes, facilityId, override),
    dismissError() {
      patch({ actionError: undefined });
    },
    onUnauthenticated: (listener) => session.onLost(listener),
  };
}
