// Sending an invite link by email from the dashboard, through a real SMTP server (a local sink
// this spec starts): staff type an address, the page says where it went, and the person who
// receives the message opens the link and reaches the visit's page. At desktop and phone sizes.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { screenshot } from './support/artifacts.ts';
import { launchChromium } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { en, t } from './support/strings.ts';
import { staffSignIn } from './support/visit-flow.ts';

const inbox: { to: string[]; raw: string }[] = [];
const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      inbox.push({
        to: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks).toString('utf8'),
      });
      callback();
    });
  },
});

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  sink.listen(0, '127.0.0.1');
  await once(sink.server, 'listening');
  const { port } = sink.server.address() as AddressInfo;
  [server, browser] = await Promise.all([
    startTestServer({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Visits <v@care.test>' }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
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
        expect(await address.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
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

        const mail = inbox.find((m) => m.to.includes(`rose.${viewport.name}@family.example`));
        expect(mail, 'the sink received the invitation').toBeDefined();
        const body = mail!.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
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
