// Where a recording's file is and what may be done with it. A video service writes recordings
// where it is told (LiveKit Egress: `RECORDINGS_DIR`, a volume this server shares); only files
// inside that directory are ever read or deleted, whatever location a row carries.
import { stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { RecordingFileState } from '@openconnect/contracts';
import type { RecordingRow } from '../storage/tables.ts';

const mediaTypes: Record<string, string> = {
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.m4a': 'audio/mp4',
  '.ogg': 'audio/ogg',
  '.mkv': 'video/x-matroska',
};

/** The media type a browser plays a recording file as. */
export function mediaTypeOf(file: string): string {
  return mediaTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The file of a recording inside `recordingsDir`, or null when its location is elsewhere. */
export function localFileOf(recordingsDir: string, location: string | null): string | null {
  if (!location || /^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return null;
  const root = path.resolve(recordingsDir);
  const file = path.resolve(root, location);
  return file.startsWith(root + path.sep) ? file : null;
}

export interface RecordingFile {
  state: RecordingFileState;
  /** Set when `state` is `available`. */
  file: string | null;
  sizeBytes: number | null;
  mediaType: string | null;
}

/** How a recording's file stands now (one `stat` for a local file). */
export async function recordingFile(
  recordingsDir: string,
  row: Pick<RecordingRow, 'status' | 'location' | 'deleted_at'>,
): Promise<RecordingFile> {
  const none = { file: null, sizeBytes: null, mediaType: null };
  if (row.deleted_at) return { state: 'deleted', ...none };
  if (!row.location) {
    return { state: row.status === 'failed' ? 'none' : 'pending', ...none };
  }
  const file = localFileOf(recordingsDir, row.location);
  if (!file) return { state: 'elsewhere', ...none };
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return { state: 'missing', ...none };
  return { state: 'available', file, sizeBytes: info.size, mediaType: mediaTypeOf(file) };
}

/** Deletes a recording's local file; a file already gone is not an error. */
export async function deleteRecordingFile(
  recordingsDir: string,
  location: string | null,
): Promise<void> {
  const file = localFileOf(recordingsDir, location);
  if (!file) return;
  await unlink(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

export type ByteRange = { start: number; end: number };

/**
 * The byte range a `Range` header asks of a file of `size` bytes: `null` for the whole file (no
 * header, another unit, or several ranges, which are answered whole), `'unsatisfiable'` for a
 * range outside the file.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
