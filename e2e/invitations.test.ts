// Sending an invite link by email from the dashboard, through a real SMTP server (a local sink
// this spec starts): staff type an address, the page says where it went, and the person who
// receives the message opens the link and reaches the visit's page. At desktop and phone sizes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mailText, startMailSink, type MailSink } from '../apps/server/test/support/mail-sink.ts';
import { screenshot } from './support/artifacts.ts';
import { launchChromium } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { en, t } from './support/strings.ts';
import { staffSignIn } from './support/visit-flow.ts';

let sink: MailSink;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  sink = await startMailSink();
  [server, browser] = await Promise.all([
    startTestServer({ SMTP_URL: sink.url, MAIL_FROM: 'Visits <v@care.test>' }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await sink?.close();
});

describe('invitations by email', () => {
  for (const viewport of [
    { width: 1280, height: 800, name: 'desktop' },
    { width: 390, height: 844, name: 'phone' },
  ]) {
    it(`sends a visit's link from the dashboard and the link works (${viewport.name})`, async () => {
      const staff = await browser.newContext({ viewport });
      const family = await browser.newContext({ viewport });
      try {
        const page = await staff.newPage();
        await staffSignIn(page, server);
        const title = `Sunday call ${viewport.name}`;
        await page.getByLabel(en['visits.form.name']).fill(title);
        await page.getByLabel(en['visits.form.name']).press('Enter');
        const card = page.getByRole('article', { name: title });
        const link = await page.getByLabel(t('invite.label', { title })).inputValue();

        await card.getByRole('button', { name: en['invite.send.open'] }).click();
        const address = card.getByLabel(en['invite.send.label']);
        // Focus moves by an effect, after the form is painted.
        await expect
          .poll(() => address.evaluate((el) => el === el.ownerDocument.activeElement))
          .toBe(true);
        await address.fill('not-an-address');
        await card.getByRole('button', { name: en['invite.send.submit'] }).click();
        await card.getByText(en['invite.send.invalid']).waitFor();
        expect(await address.getAttribute('aria-invalid')).toBe('true');
        await address.fill(`rose.${viewport.name}@family.example`);
        // The message was about the old text: it goes once they type.
        expect(await card.getByText(en['invite.send.invalid']).count()).toBe(0);
        await screenshot(page, `invitations/${viewport.name}-form`);
        await card.getByRole('button', { name: en['invite.send.submit'] }).click();
        await card.getByText(t('invite.send.sent', { to: 'ro***@family.example' })).waitFor();
        await screenshot(page, `invitations/${viewport.name}-sent`);

        const mail = sink.received.find((m) =>
          m.to.includes(`rose.${viewport.name}@family.example`),
        );
        expect(mail, 'the sink received the invitation').toBeDefined();
        const body = mailText(mail!.raw);
        const sent = /https?:\/\/\S+\/join\/[A-Za-z0-9_-]+/.exec(body)?.[0];
        expect(sent).toBe(link);

        const visitor = await family.newPage();
        await visitor.goto(sent!);
        await visitor.getByRole('heading', { name: title }).first().waitFor();
        await visitor.getByRole('button', { name: en['landing.getReady'] }).waitFor();
      } finally {
        await staff.close();
        await family.close();
      }
    });
  }
});
