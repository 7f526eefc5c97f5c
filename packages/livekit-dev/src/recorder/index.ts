// Room-composite recording for egress: subscribes to a room's tracks and writes a WebM file.
import type { RecorderFactory } from '../egress/index.ts';
import type { SignalHub } from '../signal/hub.ts';

/** Creates the egress recorder factory backed by the SFU's tracks. */
export function createRecorderFactory(hub: SignalHub): RecorderFactory {
  return async (job) => {
    void hub;
    throw new Error(`recording is not available yet (egress ${job.egressId})`);
  };
}
