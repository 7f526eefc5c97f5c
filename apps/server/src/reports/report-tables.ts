// The reports' tables as Kysely sees them (migration 0015), added to the shared database type
// here rather than in storage/tables.ts: only this module reads or writes them. Type aliases, not
// interfaces: `withTables` needs their implicit index signature.
import type { ProviderName } from '@openconnect/contracts';
import type { ColumnType, Kysely } from 'kysely';
import type { Database } from '../storage/tables.ts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Role = 'host' | 'visitor';
/** A tag column: false unless set. */
type Flag = ColumnType<boolean, boolean | undefined, boolean>;

export type CallFeedbackTable = {
  id: string;
  room_id: string;
  facility_id: string;
  identity: string;
  provider: ProviderName;
  role: Role;
  rating: number | null;
  could_not_hear: Flag;
  could_not_see: Flag;
  call_dropped: Flag;
  hard_to_join: Flag;
  comment: string | null;
  created_at: CreatedAt;
};

export type CallRecordsTable = {
  participant_id: string;
  room_id: string;
  facility_id: string;
  provider: ProviderName;
  role: Role;
  issued_at: Timestamp;
  joined_at: Timestamp | null;
  left_at: Timestamp | null;
  left_reason: string | null;
  duration_ms: number | null;
  connect_ms: number | null;
  first_frame_ms: number | null;
  reconnects: ColumnType<number, number | undefined, number>;
  drops: ColumnType<number, number | undefined, number>;
  candidate_type: 'host' | 'srflx' | 'prflx' | 'relay' | null;
  transport: 'udp' | 'tcp' | 'tls' | null;
};

export type ReportTables = {
  call_feedback: CallFeedbackTable;
  call_records: CallRecordsTable;
};

export type ReportsDb = Kysely<Database & ReportTables>;

/** The shared database handle, seeing the reports' tables too. */
export function reportsDb(db: Kysely<Database>): ReportsDb {
  return db.withTables<ReportTables>();
}
