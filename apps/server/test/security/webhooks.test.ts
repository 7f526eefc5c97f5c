// Signed webhooks are trusted for a short while only: a validly signed event from long ago is a
// replay, refused and counted; a fresh one still applies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../support/api.ts';
import { backends } from '../support/databases.ts';
import { LIVEKIT_ENV, postSigned, roomStarted } from './livekit-webhooks.ts';

const [backend] = await backends();

describe('webhook freshness', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await createApiHarness(backend!, { ...LIVEKIT_ENV, WEBHOOK_MAX_AGE_SECONDS: '60' });
  }, 180_000);
  afterAll(() => h.close(), 180_000);

  const refusedStale = async () =>
    (await h.ctx.metrics.webhooksRefused.get()).values.find(
      (v) => v.labels.reason === 'stale' && v.labels.provider === 'livekit',
    )?.value ?? 0;

  it('refuses a validly signed webhook from a year ago and counts it', async () => {
    const yearAgo = new Date(Date.now() - 365 * 24 * 3_600_000);
    const res = await postSigned(h, roomStarted('EV_year_old', yearAgo));
    expect(res.statusCode, res.body).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
    expect(await refusedStale()).toBe(1);
    const stored = await h.ctx.db
      .selectFrom('webhook_events')
      .select('id')
      .where('id', '=', 'EV_year_old')
      .executeTakeFirst();
    expect(stored).toBeUndefined();
  });

  it('uses the configured window: two minutes old is too old for a 60 s window', async () => {
    const res = await postSigned(h, roomStarted('EV_two_min', new Date(Date.now() - 120_000)));
    expect(res.statusCode).toBe(401);
    expect(await refusedStale()).toBe(2);
  });

  it('refuses an event far in the future as well, and one without a time', async () => {
    const future = await postSigned(h, roomStarted('EV_future', new Date(Date.now() + 3_600_000)));
    expect(future.statusCode).toBe(401);
    const timeless = JSON.stringify({ id: 'EV_timeless', event: 'room_started', room: {} });
    expect((await postSigned(h, timeless)).statusCode).toBe(401);
  });

  it('applies an event sent now', async () => {
    const res = await postSigned(h, roomStarted('EV_fresh'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ status: 'applied' });
  });
});
