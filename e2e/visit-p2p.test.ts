// A whole visit on the p2p provider (the default), through the product's pages in Debian's
// Chromium with fake media: waiting room, console, video room, reactions, chat, screen share,
// removal and ending. p2p cannot record, so the console must not offer it.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { runVisitFlow } from './support/visit-flow.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startTestServer(),
    launchChromium({ args: ['--autoplay-policy=no-user-gesture-required'] }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a visit on p2p', () => {
  it('takes a visitor from the invite link through the waiting room into a call with staff', async () => {
    await runVisitFlow({ browser, server, provider: 'p2p', artifacts: 'visit-p2p' });
  });
});
