// The default switch on the rollout page (operators only): the stability criteria, the default
// provider with the one change on offer (make LiveKit the default, or roll back to p2p) behind a
// confirmation, and the facilities still on p2p. Kept apart from rollout-admin.ts: its own API
// calls, its own state; after a change the page reloads the rollout table too (onChanged).
import type { DefaultProviderState, ProviderType, StabilityReport } from '@openconnect/contracts';
import { apiFetch as browserApiFetch, type createApiFetch } from '../api/client.ts';
import { createSessionLoss } from '../auth/session-loss.ts';
import { t } from '../i18n/t.ts';
import { createStore, type Store } from '../store/store.ts';

export interface DefaultSwitchApi {
  stability(): Promise<StabilityReport>;
  state(): Promise<DefaultProviderState>;
  setDefault(provider: ProviderType | null): Promise<DefaultProviderState>;
}

export function createDefaultSwitchApi(
  apiFetch: ReturnType<typeof createApiFetch> = browserApiFetch,
): DefaultSwitchApi {
  return {
    stability: () => apiFetch<StabilityReport>('/rollout/stability'),
    state: () => apiFetch<DefaultProviderState>('/rollout/default-provider'),
    setDefault: (provider) =>
      apiFetch<DefaultProviderState>('/rollout/default-provider', {
        method: 'PUT',
        body: { provider },
      }),
  };
}

export interface DefaultSwitchState {
  status: 'loading' | 'ready' | 'failed';
  stability: StabilityReport | undefined;
  defaults: DefaultProviderState | undefined;
  error: unknown;
  /** The last change that failed, until the next try or cancel. */
  actionError: unknown;
  confirming: boolean;
  busy: boolean;
  announcement: string;
}

export interface DefaultSwitch {
  store: Store<DefaultSwitchState>;
  load(): Promise<void>;
  /** Shows the confirmation of the change on offer. */
  request(): void;
  cancel(): void;
  /** Makes the change on offer; true when it was saved. */
  confirm(): Promise<boolean>;
  onUnauthenticated(listener: () => void): () => void;
}

export function createDefaultSwitch(
  api: DefaultSwitchApi = createDefaultSwitchApi(),
): DefaultSwitch {
  const store = createStore<DefaultSwitchState>({
    status: 'loading',
    stability: undefined,
    defaults: undefined,
    error: undefined,
    actionError: undefined,
    confirming: false,
    busy: false,
    announcement: '',
  });
  const session = createSessionLoss();
  const patch = (next: Partial<DefaultSwitchState>) => store.set((s) => ({ ...s, ...next }));
  const watch = (error: unknown) => session.rethrow(error);

  return {
    store,
    async load() {
      patch({ status: store.get().defaults ? 'ready' : 'loading', error: undefined });
      try {
        const [stability, defaults] = await Promise.all([api.stability(), api.state()]).catch(
          watch,
        );
        patch({ status: 'ready', stability, defaults });
      } catch (error) {
        patch({ status: 'failed', error });
      }
    },
    request() {
      if (store.get().defaults)
        patch({ confirming: true, actionError: undefined, announcement: '' });
    },
    cancel() {
      patch({ confirming: false, actionError: undefined });
    },
    async confirm() {
      const { defaults, busy, confirming } = store.get();
      if (!defaults || busy || !confirming) return false;
      patch({ busy: true, actionError: undefined });
      try {
        const next = await api.setDefault(defaults.change.to).catch(watch);
        patch({
          defaults: next,
          confirming: false,
          busy: false,
          announcement: t(
            next.provider === 'livekit'
              ? 'rollout.default.saved.livekit'
              : 'rollout.default.saved.p2p',
          ),
        });
        return true;
      } catch (error) {
        patch({ busy: false, actionError: error });
        return false;
      }
    },
    onUnauthenticated: (listener) => session.onLost(listener),
  };
}
