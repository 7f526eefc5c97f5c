// A whole visit on LiveKit, against the in-process development server the OpenConnect server
// starts when FEATURE_LIVEKIT is on and no LIVEKIT_URL is set: the unmodified livekit-client and
// @livekit/components-react in Debian's Chromium, with fake media, and a consented recording.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { runVisitFlow } from './support/visit-flow.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startTestServer({ FEATURE_LIVEKIT: 'true', PROVIDER_TYPE: 'livekit' }),
    launchChromium({ args: ['--autoplay-policy=no-user-gesture-required'] }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a visit on LiveKit', () => {
  it('takes a visitor from the invite link through the waiting room into a call with staff', async () => {
    await runVisitFlow({ browser, server, provider: 'livekit', artifacts: 'visit-livekit' });
  });
});
