// Loads a dashboard once the session is known, and sends staff back to sign in when it is gone.
import { useEffect } from 'react';
import { session } from '../auth/session.ts';
import { currentLocation, navigate } from '../router/history.ts';
import { paths } from '../router/paths.ts';
import type { Dashboard } from './dashboard.ts';

function toSignIn() {
  navigate(paths.signIn(currentLocation()), { replace: true });
}

/** Loads `dashboard` for a signed-in staff member; anyone else (or a later 401) goes to sign in. */
export function useDashboardLoad(dashboard: Dashboard): void {
  useEffect(() => {
    const stop = dashboard.onUnauthenticated(() => {
      session.expire();
      toSignIn();
    });
    session.load().then(
      (s) => (s.status === 'signedIn' ? dashboard.load() : toSignIn()),
      () => dashboard.load(), // The dashboard's own requests will say what is wrong.
    );
    return stop;
  }, [dashboard]);
}
