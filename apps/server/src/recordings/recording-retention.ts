// Deletes recordings older than RECORDING_RETENTION_DAYS, hourly, on a timer that stops with the
// server. Without the setting, recordings are kept until an administrator deletes them.
import type { FastifyBaseLogger } from 'fastify';
import { startIntervalJob } from '../jobs/interval-job.ts';
import type { Services } from '../services.ts';
import { expireRecordings } from './recording-library.ts';

/** Starts the retention sweep when a retention period is set; returns the function that stops it. */
export function startRecordingRetention(
  deps: Pick<Services, 'db' | 'config'>,
  log: FastifyBaseLogger,
  everyMs = 3_600_000,
): () => void {
  const days = deps.config.recordingRetentionDays;
  if (days === undefined) return () => {};
  return startIntervalJob({
    everyMs,
    run: async () => {
      const n = await expireRecordings(deps, days);
      if (n > 0) log.info({ deleted: n, retentionDays: days }, 'deleted expired recordings');
    },
    onError: (error) => log.error({ err: error }, 'recording retention failed'),
  });
}
