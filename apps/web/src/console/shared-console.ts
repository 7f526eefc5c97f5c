// One live console per facility, shared by the pages that show it: the console page and the
// host's call (its queue panel). Joining a call from the console keeps the console's state and
// its /ws/staff channel alive, so the queue is current in the call and the console is there,
// unchanged, when the host comes back. A console nobody shows for a while is closed.
import { useEffect, useMemo } from 'react';
import { createStaffConsole, type StaffConsole } from './staff-console.ts';

interface Held {
  staffConsole: StaffConsole;
  users: number;
  closeTimer?: ReturnType<typeof setTimeout>;
}

/** How long a console nobody shows stays open (the console → call → console round trip). */
export const KEEP_ALIVE_MS = 60_000;

const held = new Map<string, Held>();

/** The facility's live console, created (not yet loaded) if there is none. */
export function sharedConsole(
  facilityId: string,
  create: (facilityId: string) => StaffConsole = (id) => createStaffConsole({ facilityId: id }),
): StaffConsole {
  let entry = held.get(facilityId);
  if (!entry) {
    entry = { staffConsole: create(facilityId), users: 0 };
    held.set(facilityId, entry);
  }
  return entry.staffConsole;
}

/** A page shows the facility's console; call the returned function when it no longer does. */
export function retainConsole(facilityId: string, keepAliveMs = KEEP_ALIVE_MS): () => void {
  const entry = held.get(facilityId);
  if (!entry) return () => undefined;
  entry.users += 1;
  clearTimeout(entry.closeTimer);
  return () => {
    entry.users -= 1;
    if (entry.users > 0) return;
    entry.closeTimer = setTimeout(() => {
      if (entry.users > 0 || held.get(facilityId) !== entry) return;
      held.delete(facilityId);
      entry.staffConsole.dispose();
    }, keepAliveMs);
  };
}

/** The facility's shared console for a page, loaded and kept while the page is shown. */
export function useSharedConsole(facilityId: string): StaffConsole;
export function useSharedConsole(facilityId: string | undefined): StaffConsole | undefined;
export function useSharedConsole(facilityId: string | undefined): StaffConsole | undefined {
  const staffConsole = useMemo(
    () => (facilityId ? sharedConsole(facilityId) : undefined),
    [facilityId],
  );
  useEffect(() => {
    if (!facilityId || !staffConsole) return;
    const release = retainConsole(facilityId);
    // Fetch again on every visit to the page: anything may have changed while away.
    void staffConsole.load();
    return release;
  }, [facilityId, staffConsole]);
  return staffConsole;
}
