// A facility's recordings as the console lists them: what was recorded, by whom, how long, how
// big, and whether its file can be played here.
import { z } from 'zod';
import { Id } from './ids.ts';
import { Recording } from './lobby.ts';

/**
 * Where a recording's file stands: `available` (kept on this deployment, playable),
 * `elsewhere` (the video service stored it outside this deployment, e.g. object storage),
 * `missing` (it should be here and is not), `pending` (not written yet), `deleted`, or `none`
 * (the recording failed before writing anything).
 */
export const RecordingFileState = z.enum([
  'available',
  'elsewhere',
  'missing',
  'pending',
  'deleted',
  'none',
]);
export type RecordingFileState = z.infer<typeof RecordingFileState>;

export const RecordingSummary = Recording.extend({
  visitTitle: z.string(),
  startedByName: z.string().nullable(),
  durationSeconds: z.number().int().nonnegative().nullable(),
  sizeBytes: z.number().int().nonnegative().nullable(),
  file: RecordingFileState,
  /** The file's media type when it is available (`video/webm`, `video/mp4`…). */
  mediaType: z.string().nullable(),
});
export type RecordingSummary = z.infer<typeof RecordingSummary>;

export const ListRecordingsQuery = z.strictObject({
  facilityId: Id,
  /** Only this visit's recordings. */
  visitId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Recordings that started before this time (the next page). */
  before: z.iso.datetime().optional(),
});
export type ListRecordingsQuery = z.infer<typeof ListRecordingsQuery>;

export const RecordingFileQuery = z.strictObject({
  /** `1`: answer with `Content-Disposition: attachment` so the browser saves the file. */
  download: z.enum(['0', '1']).optional(),
});
export type RecordingFileQuery = z.infer<typeof RecordingFileQuery>;
