// Sends someone who is already signed in on from the sign-in page: they have nothing to do there.
import { useEffect } from 'react';
import { navigate } from '../router/history.ts';
import { paths } from '../router/paths.ts';
import { session } from './session.ts';

/** Once the session is known to be signed in, goes to `next` (or home) in place of this page. */
export function useLeaveIfSignedIn(next: string | undefined): void {
  useEffect(() => {
    let active = true;
    session.load().then(
      (state) => {
        if (active && state.status === 'signedIn')
          navigate(next ?? paths.home(), { replace: true });
      },
      () => undefined, // The form still works; signing in will report any problem.
    );
    return () => {
      active = false;
    };
  }, [next]);
}
