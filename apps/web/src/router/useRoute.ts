// React binding of the router: the route of the current location, re-rendered on navigation.
import { useMemo, useSyncExternalStore } from 'react';
import { currentLocation, subscribe } from './history.ts';
import { matchRoute, type Route } from './routes.ts';

/** The route the browser is on. */
export function useRoute(): Route {
  const location = useSyncExternalStore(subscribe, currentLocation);
  return useMemo(() => {
    const url = new URL(location, 'http://app.invalid');
    return matchRoute(url.pathname, url.search);
  }, [location]);
}
