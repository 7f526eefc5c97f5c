// The ordered list of forward-only migrations. Append; never edit or remove a shipped one.
import type { Migration } from 'kysely';
import * as initial from './0001_initial.ts';
import * as participantsAndSecrets from './0002_participants_and_secrets.ts';
import * as lobbyRecordingsWebhooks from './0003_lobby_recordings_webhooks.ts';
import * as rollout from './0004_rollout.ts';
import * as providerNamesInCode from './0005_provider_names_in_code.ts';
import * as p2pSignalingState from './0007_p2p_signaling_state.ts';
import * as inviteKinds from './0008_invite_kinds.ts';
import * as lobbySockets from './0009_lobby_sockets.ts';
import * as defaultProvider from './0011_default_provider.ts';
import * as recordingFiles from './0014_recording_files.ts';
import * as callReports from './0015_call_reports.ts';
import * as callFeedbackByTime from './0016_call_feedback_by_time.ts';
import * as visitSchedule from './0018_visit_schedule.ts';
import * as inviteRolesAndTransfers from './0021_invite_roles_and_transfers.ts';
import * as lobbyMessages from './0019_lobby_messages.ts';
import * as recordingConsent from './0017_recording_consent.ts';
import * as lobbyPrecall from './0022_lobby_precall.ts';
import * as p2pSeats from './0024_p2p_seats.ts';
import * as lobbyPresence from './0023_lobby_presence.ts';
import * as lobbyEntryFacility from './0025_lobby_entry_facility.ts';

export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_participants_and_secrets': participantsAndSecrets,
  '0003_lobby_recordings_webhooks': lobbyRecordingsWebhooks,
  '0004_rollout': rollout,
  '0005_provider_names_in_code': providerNamesInCode,
  '0007_p2p_signaling_state': p2pSignalingState,
  '0008_invite_kinds': inviteKinds,
  '0009_lobby_sockets': lobbySockets,
  '0011_default_provider': defaultProvider,
  '0014_recording_files': recordingFiles,
  '0015_call_reports': callReports,
  '0016_call_feedback_by_time': callFeedbackByTime,
  '0018_visit_schedule': visitSchedule,
  '0021_invite_roles_and_transfers': inviteRolesAndTransfers,
  '0019_lobby_messages': lobbyMessages,
  '0017_recording_consent': recordingConsent,
  '0022_lobby_precall': lobbyPrecall,
  '0024_p2p_seats': p2pSeats,
  '0023_lobby_presence': lobbyPresence,
  '0025_lobby_entry_facility': lobbyEntryFacility,
};
