// The host's view of a scheduled visit's end in the call: the end in force as the shared console
// keeps it (re-read whenever a push says the visit changed, so an extension by anyone moves it),
// and "extend" where the facility allows it.
import type { Visit } from '@openconnect/contracts';
import { errorMessage } from '../../api/errorMessage.ts';
import type { ConsoleState } from '../../console/console-state.ts';
import { withVisit } from '../../console/visit-state.ts';
import type { Store } from '../../store/store.ts';
import { useStore } from '../../store/useStore.ts';
import { scheduleApi } from './schedule-api.ts';

export interface HostSchedule {
  endsAt: string | null;
  onExtend: ((minutes: 5 | 15) => Promise<Visit>) | undefined;
}

/** The end of `visit` and the extend action, from the console's store. */
export function useHostSchedule(store: Store<ConsoleState>, visit: Visit): HostSchedule {
  const state = useStore(store);
  // Once the console has loaded, a visit it no longer lists has ended: nothing to count down.
  const current = state.status === 'ready' ? state.visits.find((v) => v.id === visit.id) : visit;
  const extendable = state.facility?.endPolicy === 'extendable';
  return {
    endsAt: current?.scheduledEnd ?? null,
    onExtend: extendable
      ? async (minutes) => {
          const extended = await scheduleApi.extend(visit.id, minutes).catch((error: unknown) => {
            throw new Error(errorMessage(error), { cause: error });
          });
          // The push follows; the host who pressed sees the new end at once.
          store.set((s) => withVisit(s, extended));
          return extended;
        }
      : undefined,
  };
}
