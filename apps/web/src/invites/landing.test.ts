import { describe, expect, it } from 'vitest';
import type { InviteLanding } from '@openconnect/contracts';
import { ApiError } from '../api/ApiError.ts';
import { loadLanding } from './landing.ts';

const code = 'AbCdEfGhIjKlMnOpQrStUv';
const landing: InviteLanding = {
  visitTitle: 'Tea with Mum',
  facilityName: 'Demo Care Home',
  visitStatus: 'scheduled',
  scheduledStart: null,
  expiresAt: '2026-03-02T12:00:00.000Z',
};

function failingWith(code: ApiError['code'], status: number) {
  return async (): Promise<InviteLanding> => {
    throw new ApiError(code, 'x', { status });
  };
}

describe('loadLanding', () => {
  it('shows the visit of a working link', async () => {
    expect(await loadLanding(code, async () => landing)).toEqual({ status: 'ready', landing });
  });

  it('says an unknown link is not found', async () => {
    expect(await loadLanding(code, failingWith('NOT_FOUND', 404))).toEqual({ status: 'notFound' });
  });

  it('says an expired, withdrawn or finished link no longer works', async () => {
    expect(await loadLanding(code, failingWith('GONE', 410))).toEqual({ status: 'gone' });
  });

  it('does not ask the server about text that cannot be an invite code', async () => {
    let asked = false;
    const result = await loadLanding('not a code', async () => {
      asked = true;
      return landing;
    });
    expect(result).toEqual({ status: 'notFound' });
    expect(asked).toBe(false);
  });

  it('tells an ended visit apart from one that is on', async () => {
    const ended = { ...landing, visitStatus: 'ended' as const };
    expect(await loadLanding(code, async () => ended)).toEqual({ status: 'ended', landing: ended });
  });

  it('lets connection problems through so the page can offer to try again', async () => {
    await expect(loadLanding(code, failingWith('NETWORK_ERROR', 0))).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
    });
  });
});
