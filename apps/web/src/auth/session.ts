// The staff session: who is signed in, loaded once from /auth/me and changed by sign-in and
// sign-out. Shared by every staff page.
import type { SignInBody, StaffMember } from '@openconnect/contracts';
import { createStore, type Store } from '../store/store.ts';
import { createAuthApi, type AuthApi } from './authApi.ts';

export type SessionState =
  { status: 'unknown' } | { status: 'signedOut' } | { status: 'signedIn'; staff: StaffMember };

export interface Session {
  store: Store<SessionState>;
  /** Asks the server who is signed in (once; later calls reuse the answer). */
  load(): Promise<SessionState>;
  /** Signs in; rejects with the ApiError on failure and leaves the state signed out. */
  signIn(body: SignInBody): Promise<StaffMember>;
  signOut(): Promise<void>;
  /** Forgets the session after the server said it has ended (a 401 elsewhere). */
  expire(): void;
}

/** Creates a session over the given auth endpoints. */
export function createSession(api: AuthApi = createAuthApi()): Session {
  const store = createStore<SessionState>({ status: 'unknown' });
  let loading: Promise<SessionState> | undefined;
  return {
    store,
    load() {
      const current = store.get();
      if (current.status !== 'unknown') return Promise.resolve(current);
      loading ??= api
        .me()
        .then((staff): SessionState =>
          staff ? { status: 'signedIn', staff } : { status: 'signedOut' },
        )
        .then((state) => {
          // A sign-in that finished while we asked wins over the older answer.
          if (store.get().status === 'unknown') store.set(state);
          return store.get();
        })
        .finally(() => {
          loading = undefined;
        });
      return loading;
    },
    async signIn(body) {
      const staff = await api.signIn(body);
      store.set({ status: 'signedIn', staff });
      return staff;
    },
    async signOut() {
      await api.signOut();
      store.set({ status: 'signedOut' });
    },
    expire() {
      store.set({ status: 'signedOut' });
    },
  };
}

/** The app's one session. */
export const session = createSession();
