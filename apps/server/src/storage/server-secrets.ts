// Secrets the server generates once and keeps in the database, so every instance on the same
// database signs and verifies alike and a restart invalidates nothing.
import { randomBytes } from 'node:crypto';
import type { Services } from '../services.ts';

/** Returns the named secret, creating it (32 random bytes, base64url) on first use. */
export async function serverSecret({ db }: Pick<Services, 'db'>, name: string): Promise<string> {
  await db
    .insertInto('server_secrets')
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('server_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.value;
}
