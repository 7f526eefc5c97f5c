// Table shapes as Kysely sees them. Column names are snake_case in SQL and here.
import type { InviteKind, InviteRole, PrecallReport, ProviderName } from '@openconnect/contracts';
import type { ColumnType, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
// Set by the database on insert; never updated.
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<
  Record<string, unknown>,
  string | Record<string, unknown>,
  string | Record<string, unknown>
>;

export interface FacilitiesTable {
  id: string;
  name: string;
  timezone: string;
  created_at: CreatedAt;
  /** Minutes before a scheduled start that its waiting room opens. */
  waiting_room_opens_minutes: ColumnType<number, number | undefined, number>;
  /** `hard`: visits end at their end; `extendable`: staff may add 5 or 15 minutes. */
  end_policy: ColumnType<
    'hard' | 'extendable',
    'hard' | 'extendable' | undefined,
    'hard' | 'extendable'
  >;
}

export interface StaffTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  role: 'admin' | 'staff';
  created_at: CreatedAt;
  disabled_at: Timestamp | null;
  is_operator: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface StaffFacilitiesTable {
  staff_id: string;
  facility_id: string;
}

export interface SessionsTable {
  id: string;
  staff_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface RoomsTable {
  id: string;
  facility_id: string;
  title: string;
  status: 'scheduled' | 'live' | 'ended';
  provider: ProviderName | null;
  scheduled_start: Timestamp | null;
  /** The end in force: the booked end plus any extensions. */
  scheduled_end: Timestamp | null;
  /** Minutes staff added to the booked end. */
  extended_minutes: ColumnType<number, number | undefined, number>;
  created_by: string;
  created_at: CreatedAt;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
}

export interface InvitesTable {
  id: string;
  room_id: string;
  code: string;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  created_by: string;
  created_at: CreatedAt;
  kind: ColumnType<InviteKind, InviteKind | undefined, InviteKind>;
  /** Why it was withdrawn: by staff, or with the removal of someone who came through it. */
  revoked_reason: ColumnType<
    InviteRevokedReason | null,
    InviteRevokedReason | null | undefined,
    InviteRevokedReason | null
  >;
  /** A person added to a call: their role, shown as a label (null for an ordinary visitor's link). */
  role: ColumnType<InviteRole | null, InviteRole | null | undefined, InviteRole | null>;
  /** Whoever comes through this link is let in on arrival, while the call has room. */
  admit_on_arrival: ColumnType<boolean, boolean | undefined, boolean>;
}

export type InviteRevokedReason = 'staff' | 'holder_removed' | 'withdrawn_on_removal';

export interface AuditEventsTable {
  id: string;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  facility_id: string | null;
  details: Json;
  created_at: CreatedAt;
}

export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: CreatedAt;
}

export interface ParticipantsTable {
  id: string;
  room_id: string;
  identity: string;
  display_name: string;
  role: 'host' | 'visitor';
  provider: ProviderName;
  staff_id: string | null;
  issued_at: CreatedAt;
  joined_at: Timestamp | null;
  left_at: Timestamp | null;
  left_reason: string | null;
}

export interface LobbyEntriesTable {
  id: string;
  room_id: string;
  /** The facility of its visit (a move stays within it), so its admissions are read by facility. */
  facility_id: string;
  invite_id: string;
  display_name: string;
  token_hash: string;
  identity: string;
  status: 'waiting' | 'admitted' | 'denied' | 'cancelled' | 'expired' | 'removed';
  reason: string | null;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  decided_at: Timestamp | null;
  decided_by: string | null;
  /** When staff last moved this waiting entry to another visit, and from which one. */
  moved_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  moved_from_room_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The latest pre-call check (a contracts PrecallReport), or null. */
  precall: ColumnType<PrecallReport | null, string | null | undefined, string | null>;
}

/** A server instance holding `/ws/lobby` sockets; `seen_at` is its heartbeat. */
export interface LobbyInstancesTable {
  id: string;
  seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** An entry with at least one open `/ws/lobby` socket on an instance. */
export interface LobbyPresenceTable {
  instance_id: string;
  entry_id: string;
}

export interface RecordingsTable {
  id: string;
  room_id: string;
  provider: ProviderName;
  provider_recording_id: string | null;
  status: 'starting' | 'active' | 'ended' | 'failed';
  started_by: string;
  consent_notice: string;
  error: string | null;
  location: string | null;
  started_at: CreatedAt;
  ended_at: Timestamp | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  deleted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  deleted_by: ColumnType<string | null, string | null | undefined, string | null>;
  deleted_reason: ColumnType<
    'staff' | 'retention' | null,
    'staff' | 'retention' | null | undefined,
    'staff' | 'retention' | null
  >;
}

export interface WebhookEventsTable {
  id: string;
  provider: ProviderName;
  event: string;
  created_at: Timestamp | null;
  received_at: CreatedAt;
}

export interface RolloutSettingsTable {
  id: number;
  livekit_enabled: boolean | null;
  livekit_percentage: number;
  /** The default switch: set by an operator; null follows PROVIDER_TYPE. */
  default_provider: ColumnType<
    ProviderName | null,
    ProviderName | null | undefined,
    ProviderName | null
  >;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface FacilityProviderSettingsTable {
  facility_id: string;
  override: ProviderName | null;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface Database {
  rollout_settings: RolloutSettingsTable;
  facility_provider_settings: FacilityProviderSettingsTable;
  lobby_entries: LobbyEntriesTable;
  lobby_instances: LobbyInstancesTable;
  lobby_presence: LobbyPresenceTable;
  recordings: RecordingsTable;
  webhook_events: WebhookEventsTable;
  server_secrets: ServerSecretsTable;
  participants: ParticipantsTable;
  facilities: FacilitiesTable;
  staff: StaffTable;
  staff_facilities: StaffFacilitiesTable;
  sessions: SessionsTable;
  rooms: RoomsTable;
  invites: InvitesTable;
  audit_events: AuditEventsTable;
}

export type RoomRow = Selectable<RoomsTable>;
/** The columns of a visit a join reads: who it belongs to, its state, its provider, its end. */
export const JOIN_ROOM_COLUMNS = [
  'id',
  'facility_id',
  'status',
  'provider',
  'scheduled_end',
] as const;
export type JoinRoom = Pick<RoomRow, (typeof JOIN_ROOM_COLUMNS)[number]>;
/** The same columns, named for a query that joins `rooms` with other tables. */
export const JOIN_ROOM_SELECTION = JOIN_ROOM_COLUMNS.map((column) => `rooms.${column}` as const);
export type InviteRow = Selectable<InvitesTable>;
export type FacilityRow = Selectable<FacilitiesTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type LobbyEntryRow = Selectable<LobbyEntriesTable>;
export type RecordingRow = Selectable<RecordingsTable>;
