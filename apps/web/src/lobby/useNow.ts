// The current time, refreshed every `intervalMs`, for "waiting for 3 min" style labels.
import { useEffect, useState } from 'react';

/** Date.now(), re-rendering every `intervalMs`. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
