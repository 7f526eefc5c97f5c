// Parts of pages loaded on demand, fetched again when a download fails. A chunk requested while
// an instance restarts, or on a phone between two masts, fails once and then loads: React's
// `lazy` alone would keep the failure and leave the page blank. After the last try the error
// reaches PartFailed (the page says so and offers Try again).
import { lazy, type ComponentType } from 'react';

/** Waits between tries: about half a minute in all, longer than an instance takes to restart. */
export const RETRY_DELAYS_MS: readonly number[] = [500, 1_000, 2_000, 4_000, 8_000, 15_000];

/** `load()`, tried again after each delay while it fails; the last failure is thrown. */
export const retrying = <T>(load: () => Promise<T>, delays = RETRY_DELAYS_MS): Promise<T> =>
  load().catch((error: unknown) =>
    delays.length
      ? new Promise((wait) => setTimeout(wait, delays[0])).then(() =>
          retrying(load, delays.slice(1)),
        )
      : Promise.reject(error),
  );

/** React's `lazy`, with the download tried again while it fails. */
// `any` as in React's own `lazy`: a component of any props may be loaded.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyPart<T extends ComponentType<any>>(load: () => Promise<{ default: T }>) {
  return lazy(() => retrying(load));
}
