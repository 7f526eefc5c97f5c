// The ordered list of forward-only migrations. Append; never edit or remove a shipped one.
import type { Migration } from 'kysely';
import * as initial from './0001_initial.ts';

export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
};
