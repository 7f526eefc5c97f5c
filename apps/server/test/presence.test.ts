// On p2p the server itself sees who connects: participants are marked joined and left from the
// signaling hub, so staff see who is really in a visit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinCredentials } from '@openconnect/contracts';
import { eventually } from './support/eventually.ts';
import { createApiHarness, type ApiHarness } from './support/api.ts';
import { backends } from './support/databases.ts';
import { joinWith } from './providers/p2p-fixture.ts';

const [pglite] = await backends();

describe('presence on p2p', () => {
  let h: ApiHarness;
  let admin: string;
  let wsBase: string;

  beforeAll(async () => {
    h = await createApiHarness(pglite!);
    admin = await h.signIn();
    wsBase = (await h.app.listen({ host: '127.0.0.1', port: 0 })).replace(/^http/, 'ws');
  });
  afterAll(() => h.close());

  const participants = (visitId: string) => h.participants(admin, visitId);

  it('marks a participant joined when their signaling session is seated, and left when it ends', async () => {
    const visit = await h.createVisit(admin, 'Presence');
    const credentials = (
      await h.request({
        method: 'POST',
        url: `/api/v1/visits/${visit.id}/join`,
        cookie: admin,
        payload: {},
      })
    ).json<JoinCredentials>();
    expect(credentials.provider).toBe('p2p');
    expect((await participants(visit.id))[0]?.joinedAt).toBeNull();

    const client = await joinWith({
      ...credentials,
      ...(credentials.provider === 'p2p' ? { signalingUrl: `${wsBase}/ws/p2p` } : {}),
    } as JoinCredentials);
    await eventually(
      () => participants(visit.id),
      (list) => list[0]?.joinedAt !== null,
      'the join to be recorded',
    );

    await client.close();
    await eventually(
      () => participants(visit.id),
      (list) => list.length === 0,
      'the departure to be recorded',
    );
  });
});
