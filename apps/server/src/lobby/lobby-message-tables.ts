// The waiting-room conversation's tables as Kysely sees them (migration 0019), added to the shared
// database type here rather than in storage/tables.ts: only the lobby's message modules use them.
// Type aliases, not interfaces: `withTables` needs their implicit index signature.
import type { ColumnType, Kysely } from 'kysely';
import type { Database } from '../storage/tables.ts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type LobbyMessagesTable = {
  id: string;
  entry_id: string;
  sender: 'staff' | 'visitor';
  staff_id: string | null;
  author: string;
  body: string;
  created_at: CreatedAt;
};

export type FacilityCannedMessagesTable = {
  facility_id: string;
  /** The list as staff see it, in order. */
  messages: ColumnType<string[], string, string>;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type LobbyMessageTables = {
  lobby_messages: LobbyMessagesTable;
  facility_canned_messages: FacilityCannedMessagesTable;
};

/** The shared database handle, seeing the conversation's tables too. */
export function messagesDb(db: Kysely<Database>): Kysely<Database & LobbyMessageTables> {
  return db.withTables<LobbyMessageTables>();
}
