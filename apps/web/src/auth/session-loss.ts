// Tells a staff page when the staff member's session is gone (a 401 from any call), so the page
// can send them back to sign in. The console and the rollout admin report errors here; pages listen.
import { ApiError } from '../api/ApiError.ts';

export interface SessionLoss {
  /** Tells the listeners that the session is gone. */
  lost(): void;
  /** Tells the listeners when `error` says the session is gone. */
  notice(error: unknown): void;
  /** `notice`, then throws `error` on: for calls whose caller handles the failure. */
  rethrow(error: unknown): never;
  /** Calls `listener` on every loss; returns the unsubscribe. */
  onLost(listener: () => void): () => void;
}

/** Whether `error` is the server saying "not signed in". */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'UNAUTHENTICATED';
}

/** A place to report lost sessions and to listen for them. */
export function createSessionLoss(): SessionLoss {
  const listeners = new Set<() => void>();
  const lost = () => {
    for (const listener of [...listeners]) listener();
  };
  const notice = (error: unknown) => {
    if (isUnauthenticated(error)) lost();
  };
  return {
    lost,
    notice,
    rethrow(error) {
      notice(error);
      throw error;
    },
    onLost(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
