// The dashboard's "which video, and why": GET /facilities/:id names the provider new visits use
// and the rule that chose it, as the rollout decides it now.
import { afterEach, describe, expect, it } from 'vitest';
import type { FacilityDetail } from '@openconnect/contracts';
import { createApiHarness, type ApiHarness } from './support/api.ts';
import { backends } from './support/databases.ts';

describe.each(await backends())('a facility’s video provider on %s', (backend) => {
  let h: ApiHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function facility(harness: ApiHarness, cookie: string): Promise<FacilityDetail> {
    const response = await harness.request({
      method: 'GET',
      url: `/api/v1/facilities/${harness.demoFacilityId}`,
      cookie,
    });
    expect(response.statusCode).toBe(200);
    return response.json<FacilityDetail>();
  }

  it('says p2p because the LiveKit gate is closed', async () => {
    h = await createApiHarness(backend, { FEATURE_LIVEKIT: 'false' });
    const video = (await facility(h, await h.signIn())).video;
    expect(video).toEqual({ provider: 'p2p', reason: 'gate_closed' });
  });

  it('follows the rule: the default, then the facility’s own setting', async () => {
    h = await createApiHarness(backend, {
      FEATURE_LIVEKIT: 'true',
      PROVIDER_TYPE: 'p2p',
      // Configured, never called: the rule is read without contacting LiveKit.
      LIVEKIT_URL: 'ws://127.0.0.1:9',
      LIVEKIT_API_KEY: 'facility-video-key',
      LIVEKIT_SECRET: 'facility-video-secret-0123456789ab',
    });
    const cookie = await h.signIn();
    expect((await facility(h, cookie)).video).toEqual({ provider: 'p2p', reason: 'default' });
    const set = await h.request({
      method: 'PUT',
      url: `/api/v1/facilities/${h.demoFacilityId}/provider-override`,
      cookie,
      payload: { override: 'livekit' },
    });
    expect(set.statusCode).toBe(200);
    expect((await facility(h, cookie)).video).toEqual({ provider: 'livekit', reason: 'override' });
  });
});
