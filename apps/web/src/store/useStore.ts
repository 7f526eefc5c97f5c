// React binding of a Store: re-renders when the store's state changes.
import { useSyncExternalStore } from 'react';
import type { Store } from './store.ts';

/** The current state of a store. */
export function useStore<S>(store: Store<S>): S {
  return useSyncExternalStore(store.subscribe, store.get);
}
