// Egress: job lifecycle and file bookkeeping, and the recorder seam media plugs into.
export { EgressManager } from './manager.ts';
export type { EgressEvents, EgressFilter } from './manager.ts';
export type { RecorderFactory, RecordingJob, RoomRecorder } from './recorder.ts';
export { resolveRecordingPath } from './paths.ts';
