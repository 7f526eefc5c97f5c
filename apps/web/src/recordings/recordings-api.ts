// The recordings page's calls; the file itself is fetched by the browser's player and links.
import type { Recording, RecordingSummary } from '@openconnect/contracts';
import { API_BASE, apiFetch } from '../api/client.ts';

const id = encodeURIComponent;

export interface RecordingsApi {
  list(facilityId: string, before?: string): Promise<RecordingSummary[]>;
  remove(recordingId: string): Promise<Recording>;
}

export const recordingsApi: RecordingsApi = {
  list: (facilityId, before) =>
    apiFetch<RecordingSummary[]>('/recordings', {
      query: { facilityId, limit: String(PAGE), ...(before ? { before } : {}) },
    }),
  remove: (recordingId) =>
    apiFetch<Recording>(`/recordings/${id(recordingId)}`, { method: 'DELETE' }),
};

/** Recordings per page. */
export const PAGE = 50;

/** Where the browser plays or downloads a recording's file (same origin: the session cookie goes). */
export function recordingFileUrl(recordingId: string, download = false): string {
  return `${API_BASE}/recordings/${id(recordingId)}/file${download ? '?download=1' : ''}`;
}
