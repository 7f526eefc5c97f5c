// The consent tables as Kysely sees them (migration 0017), added to the shared database type here
// rather than in storage/tables.ts: only the consent modules read or write them. Type aliases,
// not interfaces: `withTables` needs their implicit index signature.
import type { ColumnType, Kysely } from 'kysely';
import type { Database } from '../storage/tables.ts';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export type RecordingConsentsTable = {
  id: string;
  room_id: string;
  /** Null: the advance answer, for this visit's recordings not started yet. */
  recording_id: string | null;
  identity: string;
  display_name: string;
  role: 'host' | 'visitor';
  answer: 'pending' | 'understood' | 'declined';
  asked_at: CreatedAt;
  answered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
};

export type FacilityRecordingSettingsTable = {
  facility_id: string;
  requires_consent: boolean;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type ConsentTables = {
  recording_consents: RecordingConsentsTable;
  facility_recording_settings: FacilityRecordingSettingsTable;
};

export type ConsentDb = Kysely<Database & ConsentTables>;

/** The shared database handle, seeing the consent tables too. */
export function consentDb(db: Kysely<Database>): ConsentDb {
  return db.withTables<ConsentTables>();
}
