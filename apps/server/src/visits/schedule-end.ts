// Ends scheduled visits at their end, on the server, whoever is still in the call. Runs on every
// instance on the shared interval-job timer; the end itself is one conditional update
// (closeVisit), so when several instances find the same visit due, exactly one ends it, audits it
// and tells the pages. Everything it needs is in the database, so a restart loses nothing: a
// visit whose end passed while no instance ran is ended at the first tick after start.
import type { FastifyBaseLogger } from 'fastify';
import { startIntervalJob } from '../jobs/interval-job.ts';
import type { Services } from '../services.ts';
import { closeVisit } from './visits.ts';

/** Ends every open visit whose end has come by `now`; returns the ids this call ended. */
export async function endDueVisits(
  deps: Pick<Services, 'db' | 'bus' | 'providers'>,
  now = new Date(),
): Promise<string[]> {
  const due = await deps.db
    .selectFrom('rooms')
    .selectAll()
    .where('status', '<>', 'ended')
    .where('scheduled_end', 'is not', null)
    .where('scheduled_end', '<=', now)
    .orderBy('scheduled_end')
    .limit(100)
    .execute();
  const ended: string[] = [];
  for (const room of due) {
    // An extension that landed since the read moves scheduled_end past `now`: the condition
    // inside closeVisit then leaves the visit open.
    const visit = await closeVisit(deps, room, null, 'visit.end_on_time', now);
    if (visit) ended.push(visit.id);
  }
  return ended;
}

/** Starts the end job; returns the function that stops it. */
export function startScheduleEnder(
  deps: Pick<Services, 'db' | 'bus' | 'providers' | 'config'>,
  log: FastifyBaseLogger,
): () => void {
  return startIntervalJob({
    everyMs: deps.config.schedule.endCheckMs,
    run: async () => {
      const ended = await endDueVisits(deps);
      if (ended.length > 0) log.info({ visits: ended }, 'ended scheduled visits at their end');
    },
    onError: (error) => log.warn({ err: error }, 'ending scheduled visits failed; will retry'),
  });
}
