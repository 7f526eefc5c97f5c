// Repairs state from the providers when webhooks were missed: who is really connected, whether a
// removed visitor slipped back in, and how recordings ended. Runs on a timer; each pass is
// idempotent, so every instance may run it.
import type { FastifyBaseLogger } from 'fastify';
import { startIntervalJob } from '../jobs/interval-job.ts';
import type { Services } from '../services.ts';
import { markJoined, markLeft } from '../participants/participants.ts';
import { ProviderError } from '../providers/provider-error.ts';
import { applyRecordingUpdate } from '../recordings/recordings.ts';

export interface ReconcileReport {
  joined: number;
  left: number;
  removedAgain: number;
  recordings: number;
}

/** One pass over live visits on providers that report participants and recordings. */
export async function reconcile(
  deps: Pick<Services, 'db' | 'bus' | 'providers' | 'health'>,
): Promise<ReconcileReport> {
  const report: ReconcileReport = { joined: 0, left: 0, removedAgain: 0, recordings: 0 };
  const rooms = await deps.db
    .selectFrom('rooms')
    .select(['id', 'provider'])
    .where('status', '=', 'live')
    .execute();
  for (const room of rooms) {
    const provider = room.provider ? deps.providers.get(room.provider) : undefined;
    // Only providers that tell us about joins by webhook can miss them.
    if (!provider?.receiveWebhook || !deps.health.isAvailable(provider.type)) continue;
    const present = await provider.listParticipants(room.id);
    const presentIds = new Set(present.map((p) => p.identity));
    const rows = await deps.db
      .selectFrom('participants')
      .select(['identity', 'joined_at'])
      .where('room_id', '=', room.id)
      .where('left_at', 'is', null)
      .execute();
    for (const row of rows) {
      if (presentIds.has(row.identity) && row.joined_at === null) {
        const since = present.find((p) => p.identity === row.identity)?.joinedAt ?? new Date();
        await markJoined(deps, room.id, row.identity, since);
        report.joined += 1;
      } else if (!presentIds.has(row.identity) && row.joined_at !== null) {
        await markLeft(deps, room.id, row.identity, 'left');
        report.left += 1;
      }
    }
    const revoked = await deps.db
      .selectFrom('lobby_entries')
      .select('identity')
      .where('room_id', '=', room.id)
      .where('status', '=', 'removed')
      .execute();
    for (const { identity } of revoked) {
      if (!presentIds.has(identity)) continue;
      await provider.leaveRoom(room.id, identity).catch((error: unknown) => {
        if (!(error instanceof ProviderError && error.code === 'PARTICIPANT_NOT_FOUND'))
          throw error;
      });
      report.removedAgain += 1;
    }
  }
  const recordings = await deps.db
    .selectFrom('recordings')
    .select(['provider', 'provider_recording_id'])
    .where('status', 'in', ['starting', 'active'])
    .where('provider_recording_id', 'is not', null)
    .execute();
  for (const recording of recordings) {
    const provider = deps.providers.get(recording.provider);
    if (!provider?.recordingStatus || !recording.provider_recording_id) continue;
    const state = await provider.recordingStatus(recording.provider_recording_id);
    if (state) {
      await applyRecordingUpdate(deps, provider.type, state);
      report.recordings += 1;
    }
  }
  return report;
}

/** Runs `reconcile` every `everyMs`; returns the function that stops it. */
export function startReconciler(
  deps: Pick<Services, 'db' | 'bus' | 'providers' | 'health'>,
  log: FastifyBaseLogger,
  everyMs = 30_000,
): () => void {
  return startIntervalJob({
    everyMs,
    run: async () => {
      const report = await reconcile(deps);
      if (report.joined + report.left + report.removedAgain > 0)
        log.info({ report }, 'reconciled visits with providers');
    },
    onError: (error) => log.warn({ err: error }, 'reconciliation failed; will retry'),
  });
}
