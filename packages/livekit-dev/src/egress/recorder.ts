// The seam between egress bookkeeping and media: whoever has the room's media (the SFU) provides a
// recorder factory. Without one, egress jobs fail with a clear error instead of writing a fake file.
import type { EncodedFileType } from '@livekit/protocol';

/** One recording to make. */
export interface RecordingJob {
  egressId: string;
  roomName: string;
  roomId: string;
  /** Absolute path of the file to write (inside the server's recordings directory). */
  filepath: string;
  /** What the request asked for; the development recorder may write WebM whatever this says. */
  fileType: EncodedFileType;
  audioOnly: boolean;
  videoOnly: boolean;
  /** The output's size: the request's advanced options or preset (LiveKit's default 1280x720). */
  width: number;
  height: number;
  /** Report a failure after the recording started; the job ends FAILED with this error. */
  fail(error: string): void;
}

/** A running recording. */
export interface RoomRecorder {
  /** Stops recording and finishes the file; resolves once it is complete on disk. */
  stop(): Promise<void>;
}

/** Starts a recording; resolves once media is being written (the job then turns ACTIVE). */
export type RecorderFactory = (job: RecordingJob) => Promise<RoomRecorder>;
