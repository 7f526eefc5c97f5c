// Parts of pages loaded on demand, fetched again when a download fails. A chunk requested while
// an instance restarts, or on a phone between two masts, fails once and then loads: `lazy`
// alone would keep the failure and leave the page blank. After the last try the error
// reaches PartFailed (the page says so and offers Try again).
import { lazy, type ComponentType } from 'react';

/**
 * `load()`, tried again while it fails: `tries` more times, after `delayMs` and then twice as long
 * each time (about half a minute in all by default, longer than an instance takes to restart);
 * the last failure is thrown.
 */
export const retrying = <T>(load: () => Promise<T>, tries = 6, delayMs = 500): Promise<T> =>
  load().catch((error: unknown) =>
    tries
      ? new Promise((wait) => setTimeout(wait, delayMs)).then(() =>
          retrying(load, tries - 1, delayMs * 2),
        )
      : Promise.reject(error),
  );

/** A part of a page: a lazy component, with its loader for prefetching. */
// `any` as in `lazy`'s own type: a component of any props may be loaded.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Part<M extends { default: ComponentType<any> }> = M['default'] & {
  /** Loads the part's module (once loaded, the part renders at once): prefetches use it. */
  load(): Promise<M>;
};

/**
 * `lazy`, with the download tried again while it fails. A part already loaded (with `load()`,
 * ahead of time) renders without suspending: a prefetched call never shows its fallback.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyPart<M extends { default: ComponentType<any> }>(load: () => Promise<M>) {
  let loaded: M | undefined;
  const part = lazy(() =>
    loaded
      ? // A thenable that settles as `lazy` subscribes: the part is there in the same render.
        ({ then: (resolve: (m: M) => void) => resolve(loaded!) } as Promise<M>)
      : part.load(),
  ) as Part<M>;
  part.load = () => retrying(load).then((module) => (loaded = module));
  return part;
}
