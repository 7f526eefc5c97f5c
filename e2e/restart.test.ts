// A server restart while people wait, in Chromium: the visitor's waiting room and the staff
// console say they are reconnecting while the server is away, and carry on by themselves when it
// is back on the same database and port: the visitor keeps their place and is let in, and the
// console hears a new knock live. A part of a page that cannot be downloaded for a while (an
// instance restarting behind the proxy) is fetched again, and a page says so when it never comes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startOpenConnect, type RunningServer } from '@openconnect/server';
import { en, t } from './support/strings.ts';
import { screenshot } from './support/artifacts.ts';
import { launchChromium } from './support/browser.ts';
import { testAdmin } from './support/server.ts';
import { expectHeading, staffSignIn } from './support/visit-flow.ts';

let browser: Browser;
let dataDir: string;
let server: RunningServer | undefined;
const contexts: BrowserContext[] = [];

function start(port = 0): Promise<RunningServer> {
  return startOpenConnect({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    FEATURE_LIVEKIT: 'false',
    OPENCONNECT_BOOTSTRAP_EMAIL: testAdmin.email,
    OPENCONNECT_BOOTSTRAP_PASSWORD: testAdmin.password,
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'openconnect-e2e-restart-'));
  [server, browser] = await Promise.all([
    start(),
    launchChromium({ args: ['--autoplay-policy=no-user-gesture-required'] }),
  ]);
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a server restart', () => {
  it('shows "Reconnecting…" on both pages and resumes by itself; the visitor keeps their place', async () => {
    const url = server!.url;
    const port = Number(new URL(url).port);
    const staff = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(staff);
    const consolePage = await staff.newPage();
    const facilityId = await staffSignIn(consolePage, { url, ...testAdmin, close: async () => {} });
    const title = 'Visit across a restart';
    await consolePage.getByLabel(en['visits.form.name']).fill(title);
    await consolePage.getByLabel(en['visits.form.name']).press('Enter');
    const inviteUrl = await consolePage.getByLabel(t('invite.label', { title })).inputValue();
    await consolePage.goto(`${url}/facilities/${facilityId}/console`);
    await consolePage.getByText(en['console.queue.empty']).waitFor();

    const visitorContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    contexts.push(visitorContext);
    const visitor = await visitorContext.newPage();
    await visitor.goto(inviteUrl);
    await visitor.getByRole('button', { name: en['landing.getReady'] }).click();
    const name = 'Patient Pat';
    await visitor.getByLabel(en['lobby.name']).fill(name);
    await visitor.getByRole('button', { name: en['lobby.ask'] }).click();
    await expectHeading(visitor, en['lobby.waiting.title']);
    const entry = consolePage.getByRole('article', { name });
    await entry.waitFor({ timeout: 10_000 });

    // The operator restarts the server: both pages say so while it is away.
    await server!.close();
    server = undefined;
    const visitorNotice = visitor.getByText(en['lobby.waiting.reconnecting']);
    const consoleNotice = consolePage.getByText(en['console.connection.reconnecting']);
    await visitorNotice.waitFor({ timeout: 10_000 });
    await consoleNotice.waitFor({ timeout: 10_000 });
    await expectHeading(visitor, en['lobby.waiting.title']);
    await screenshot(visitor, 'restart/1-visitor-reconnecting');
    await screenshot(consolePage, 'restart/2-console-reconnecting');

    // Back on the same database and port: both pages resume without anyone touching them.
    server = await start(port);
    await visitorNotice.waitFor({ state: 'detached', timeout: 30_000 });
    await consoleNotice.waitFor({ state: 'detached', timeout: 30_000 });
    await expectHeading(visitor, en['lobby.waiting.title']);
    await visitor.getByText(en['lobby.waiting.next']).waitFor();
    await entry.waitFor();

    // The console hears a new knock live again…
    const code = new URL(inviteUrl).pathname.split('/').pop()!;
    const knock = await fetch(`${url}/api/v1/invites/${code}/lobby`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Second Visitor' }),
    });
    if (knock.status !== 201) throw new Error(`knock after restart: ${knock.status}`);
    await consolePage.getByRole('article', { name: 'Second Visitor' }).waitFor({ timeout: 10_000 });

    // …and staff let the first visitor in, who is taken into the call.
    await entry.getByRole('button', { name: t('console.admit.label', { name }) }).click();
    await visitor.locator('.room').waitFor({ timeout: 20_000 });
  });

  it('downloads a part of the page again when it failed, and says so when it never comes', async () => {
    const url = server!.url;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    contexts.push(context);
    const visitor = await context.newPage();
    // The waiting room's code fails twice, as while the instance serving it restarts.
    let failures = 0;
    await visitor.route('**/assets/waiting-room-*.js', (route) =>
      failures++ < 2 ? route.abort('connectionreset') : route.continue(),
    );
    const staff = await context.newPage();
    await staffSignIn(staff, { url, ...testAdmin, close: async () => {} });
    const title = 'Visit on a flaky line';
    await staff.getByLabel(en['visits.form.name']).fill(title);
    await staff.getByLabel(en['visits.form.name']).press('Enter');
    const inviteUrl = await staff.getByLabel(t('invite.label', { title })).inputValue();
    await visitor.goto(inviteUrl);
    await visitor.getByRole('button', { name: en['landing.getReady'] }).click();
    await visitor.getByLabel(en['lobby.name']).fill('Flaky Fran');
    await visitor.getByRole('button', { name: en['lobby.ask'] }).click();
    await expectHeading(visitor, en['lobby.waiting.title']);
    expect(failures).toBe(3);

    // Staff pages whose code never arrives: after half a minute of trying, the page says so.
    const page = await (
      await browser.newContext({ viewport: { width: 390, height: 844 } })
    ).newPage();
    contexts.push(page.context());
    await page.route('**/assets/StaffPages-*.js', (route) => route.abort('connectionreset'));
    await page.goto(`${url}/sign-in`);
    await expectHeading(page, en['error.page.title'], 45_000);
    await page.getByRole('alert').getByText(en['error.network']).waitFor();
    await screenshot(page, 'restart/3-part-never-came-390x844');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'restart/3-part-never-came-1280x800');
    // Try again, once the network is back, opens the page.
    await page.unroute('**/assets/StaffPages-*.js');
    await page.getByRole('button', { name: en['common.tryAgain'] }).click();
    await page.getByRole('button', { name: en['signIn.submit'] }).waitFor({ timeout: 15_000 });
  }, 90_000);
});
