// The current location as a small store over the History API: navigate(), and subscribe() for
// the React binding. Counts client-side navigations so pages know when to move focus.

type Listener = () => void;

const listeners = new Set<Listener>();
let navigations = 0;
let started = false;

function notify(): void {
  navigations += 1;
  for (const listener of listeners) listener();
}

/** Goes to an app path without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
}

/** Calls `listener` after every navigation, including the browser's back and forward. */
export function subscribe(listener: Listener): () => void {
  if (!started) {
    started = true;
    window.addEventListener('popstate', notify);
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** How many client-side navigations happened since the page loaded (0 on the first page). */
export function navigationCount(): number {
  return navigations;
}

/** The current path and query, as one string (stable between navigations). */
export function currentLocation(): string {
  return `${window.location.pathname}${window.location.search}`;
}
