// The staff console's calls: the facility's waiting room, admissions, visits, participants and
// recordings. Staff are signed in; the session cookie goes with every request.
import type {
  JoinCredentials,
  LobbyEntry,
  LobbyMessage,
  Recording,
  Visit,
  VisitParticipant,
} from '@openconnect/contracts';
import { apiFetch } from '../api/client.ts';

const id = encodeURIComponent;

export const consoleApi = {
  listLobby: (facilityId: string) => apiFetch<LobbyEntry[]>(`/facilities/${id(facilityId)}/lobby`),
  admit: (entryId: string) =>
    apiFetch<LobbyEntry>(`/lobby/${id(entryId)}/admit`, { method: 'POST' }),
  deny: (entryId: string, reason?: string) =>
    apiFetch<LobbyEntry>(`/lobby/${id(entryId)}/deny`, {
      method: 'POST',
      body: reason ? { reason } : {},
    }),
  message: (entryId: string, text: string) =>
    apiFetch<LobbyMessage>(`/lobby/${id(entryId)}/message`, { method: 'POST', body: { text } }),
  listVisits: (facilityId: string) => apiFetch<Visit[]>('/visits', { query: { facilityId } }),
  getVisit: (visitId: string) => apiFetch<Visit>(`/visits/${id(visitId)}`),
  joinVisit: (visitId: string) =>
    apiFetch<JoinCredentials>(`/visits/${id(visitId)}/join`, { method: 'POST' }),
  endVisit: (visitId: string) => apiFetch<Visit>(`/visits/${id(visitId)}/end`, { method: 'POST' }),
  listParticipants: (visitId: string) =>
    apiFetch<VisitParticipant[]>(`/visits/${id(visitId)}/participants`),
  removeParticipant: (visitId: string, participantId: string, withdrawLink = false) =>
    apiFetch<void>(`/visits/${id(visitId)}/participants/${id(participantId)}/remove`, {
      method: 'POST',
      body: { withdrawLink },
    }),
  listRecordings: (visitId: string) => apiFetch<Recording[]>(`/visits/${id(visitId)}/recordings`),
  startRecording: (visitId: string) =>
    apiFetch<Recording>(`/visits/${id(visitId)}/recordings`, {
      method: 'POST',
      body: { everyoneInformed: true },
    }),
  stopRecording: (recordingId: string) =>
    apiFetch<Recording>(`/recordings/${id(recordingId)}/stop`, { method: 'POST' }),
};

export type ConsoleApi = typeof consoleApi;
