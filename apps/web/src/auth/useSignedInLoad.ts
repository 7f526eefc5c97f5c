// Loads a staff page's data once the session is known, and sends staff back to sign in when it is
// gone (no session at first, or a later request answered 401).
import { useEffect } from 'react';
import { currentLocation, navigate } from '../router/history.ts';
import { paths } from '../router/paths.ts';
import { session } from './session.ts';

/** What a staff page loads: its first load, and a way to hear that the session was lost. */
export interface SignedInLoader {
  load(): Promise<void>;
  /** Calls `listener` when a request finds the session gone; returns the unsubscribe. */
  onUnauthenticated(listener: () => void): () => void;
}

function toSignIn() {
  navigate(paths.signIn(currentLocation()), { replace: true });
}

/** Loads `loader` for a signed-in staff member; anyone else (or a later 401) goes to sign in. */
export function useSignedInLoad(loader: SignedInLoader): void {
  useEffect(() => {
    const stop = loader.onUnauthenticated(() => {
      session.expire();
      toSignIn();
    });
    session.load().then(
      (s) => (s.status === 'signedIn' ? loader.load() : toSignIn()),
      () => loader.load(), // The page's own requests will say what is wrong.
    );
    return stop;
  }, [loader]);
}
