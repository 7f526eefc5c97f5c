// The time now, again every half minute: enough for "waiting 3 min" on staff pages.
import { useEffect, useState } from 'react';

/** Date.now(), re-rendering every 30 s. */
export function useClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(id);
  }, []);
  return now;
}
