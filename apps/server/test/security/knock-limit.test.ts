// The per-invite knock limit holds when knocks arrive at once: counting and inserting happen under
// a lock on the invite's row, on the embedded database and on PostgreSQL alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOCKS_PER_INVITE } from '../../src/lobby/lobby.ts';
import { createApiHarness, type ApiHarness } from '../support/api.ts';
import { backends } from '../support/databases.ts';

for (const backend of await backends()) {
  describe(`the knock limit on ${backend.name}`, () => {
    let h: ApiHarness;
    let admin: string;

    beforeAll(async () => {
      h = await createApiHarness(backend);
      admin = await h.signIn();
    });
    afterAll(() => h.close());

    it('accepts exactly the limit of 40 concurrent knocks on one invite', async () => {
      const { visitId, code } = await h.visitWithInvite(admin, 'Crowd');
      const responses = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          h.request({
            method: 'POST',
            url: `/api/v1/invites/${code}/lobby`,
            payload: { displayName: `Knock ${i}` },
          }),
        ),
      );
      const statuses = responses.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 201)).toHaveLength(KNOCKS_PER_INVITE);
      expect(statuses.filter((s) => s === 429)).toHaveLength(40 - KNOCKS_PER_INVITE);
      const stored = await h.ctx.db
        .selectFrom('lobby_entries')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('room_id', '=', visitId)
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(KNOCKS_PER_INVITE);
    });
  });
}
