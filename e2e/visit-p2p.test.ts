// A whole visit on the p2p provider (the default), through the product's pages in Debian's
// Chromium with fake media: waiting room, console, video room, reactions, chat, screen share,
// removal and ending. p2p cannot record, so the console must not offer it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { en, t } from './support/strings.ts';
import { screenshot } from './support/artifacts.ts';
import { launchChromium } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { expectHeading, runVisitFlow, staffSignIn } from './support/visit-flow.ts';

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

  it('tells a turned-away visitor kindly, with the reason staff gave', async () => {
    const staff = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const visitorContext = await browser.newContext();
    try {
      const consolePage = await staff.newPage();
      const facilityId = await staffSignIn(consolePage, server);
      const title = 'Evening call';
      await consolePage.getByLabel(en['visits.form.name']).fill(title);
      await consolePage.getByLabel(en['visits.form.name']).press('Enter');
      const inviteUrl = await consolePage.getByLabel(t('invite.label', { title })).inputValue();
      await consolePage.goto(`${server.url}/facilities/${facilityId}/console`);

      const visitor = await visitorContext.newPage();
      await visitor.goto(inviteUrl);
      await visitor.getByRole('button', { name: en['landing.getReady'] }).click();
      const name = 'Bo Visitor';
      await visitor.getByLabel(en['lobby.name']).fill(name);
      await visitor.getByRole('button', { name: en['lobby.ask'] }).click();
      await expectHeading(visitor, en['lobby.waiting.title']);

      const entry = consolePage.getByRole('article', { name });
      // Each form a button opens takes the keyboard: its field is focused, ready to type in.
      const focused = (label: string) =>
        entry.getByLabel(label).evaluate((field) => field === field.ownerDocument.activeElement);
      await entry.getByRole('button', { name: en['console.message'] }).click();
      expect(await focused(t('console.message.label', { name }))).toBe(true);
      await entry.getByLabel(t('console.message.label', { name })).fill('Two minutes, please');
      await entry.getByRole('button', { name: en['console.message.send'], exact: true }).click();
      await visitor.getByText('Two minutes, please').waitFor({ timeout: 10_000 });

      await entry.getByRole('button', { name: t('console.deny.label', { name }) }).click();
      expect(await focused(t('console.deny.reason', { name }))).toBe(true);
      const reason = 'Visiting hours are over today';
      await entry.getByLabel(t('console.deny.reason', { name })).fill(reason);
      await entry.getByRole('button', { name: en['console.deny.confirm'], exact: true }).click();
      await entry.waitFor({ state: 'detached' });
      await expectHeading(visitor, en['lobby.denied.title']);
      await visitor.getByText(t('lobby.denied.reason', { reason })).waitFor();
      await screenshot(visitor, 'visit-p2p/11-visitor-denied');
    } finally {
      await Promise.all([staff.close(), visitorContext.close()]);
    }
  });
});
