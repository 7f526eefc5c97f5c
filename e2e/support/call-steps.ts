// Steps the call specs share: a server on either provider, pages watched for errors, a visit
// created from the dashboard, a visitor knocking, staff joining as host through the device check.
import type { ProviderName } from '@openconnect/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, watchPage, type PageProblems } from './browser.ts';
import { startTestServer, type TestServer } from './server.ts';
import { en, t } from './strings.ts';
import { expectHeading, expectVideoPlaying, staffSignIn } from './visit-flow.ts';

/** Console errors a healthy call may log (as in visit-flow.ts). */
export const expectedErrors = (text: string) =>
  text.startsWith('Failed to load resource') || /webrtc|ice|websocket|livekit/i.test(text);

export const REMOTE_CAMERA = '.tile[data-kind="camera"]:not([data-local]) video';

/** A server and a browser for one provider, and the pages a spec opens, closed together. */
export interface CallWorld {
  server: TestServer;
  browser: Browser;
  problems: PageProblems[];
  /** A page in a new browser context (a separate person). */
  newPerson(viewport?: { width: number; height: number }): Promise<Page>;
  /** Another tab of the same person. */
  newTab(of: Page): Promise<Page>;
  close(): Promise<void>;
}

/** Starts the server for `provider` (with `env` added, e.g. a DATABASE_URL) and Chromium. */
export async function startCallWorld(
  provider: ProviderName,
  env: Record<string, string> = {},
): Promise<CallWorld> {
  const [server, browser] = await Promise.all([
    startTestServer({
      ...(provider === 'livekit' ? { FEATURE_LIVEKIT: 'true', PROVIDER_TYPE: 'livekit' } : {}),
      ...env,
    }),
    launchChromium({ args: ['--autoplay-policy=no-user-gesture-required'] }),
  ]);
  const contexts: BrowserContext[] = [];
  const problems: PageProblems[] = [];
  const watch = (page: Page) => {
    problems.push(watchPage(page, expectedErrors));
    return page;
  };
  return {
    server,
    browser,
    problems,
    async newPerson(viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      return watch(await context.newPage());
    },
    async newTab(of) {
      return watch(await of.context().newPage());
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close()));
      await browser.close();
      await server.close();
    },
  };
}

/** Signs staff in and creates a visit on the dashboard; its invite link and id. */
export async function createVisit(
  page: Page,
  server: TestServer,
  title: string,
): Promise<{ facilityId: string; inviteUrl: string; visitId: string }> {
  if (!/\/facilities\/[0-9a-f-]{36}$/.test(page.url())) await staffSignIn(page, server);
  const facilityId = new URL(page.url()).pathname.split('/')[2] ?? '';
  await page.getByLabel(en['visits.form.name']).fill(title);
  await page.getByLabel(en['visits.form.name']).press('Enter');
  const inviteUrl = await page.getByLabel(t('invite.label', { title })).inputValue();
  const visitId = (await page.getByRole('article', { name: title }).getAttribute('data-visit-id'))!;
  return { facilityId, inviteUrl, visitId };
}

/** A visitor opens the invite, gives a name and asks to join; returns when they wait. */
export async function knock(page: Page, inviteUrl: string, name: string): Promise<void> {
  await page.goto(inviteUrl);
  await page.getByRole('button', { name: en['landing.getReady'] }).click();
  await expectHeading(page, en['lobby.title']);
  await page.getByLabel(en['lobby.name']).fill(name);
  await page.getByRole('button', { name: en['lobby.ask'] }).click();
  await expectHeading(page, en['lobby.waiting.title']);
}

/** Staff join a visit as host from the console: the device check, then Join now. */
export async function joinAsHost(
  page: Page,
  server: TestServer,
  facilityId: string,
  title: string,
  provider: ProviderName,
): Promise<void> {
  if (!page.url().endsWith(`/facilities/${facilityId}/console`))
    await page.goto(`${server.url}/facilities/${facilityId}/console`);
  await page.getByRole('link', { name: t('console.visit.join.label', { title }) }).click();
  await expectHeading(page, t('call.preview.title', { title }));
  await expectVideoPlaying(page, '.device-preview video');
  await page.getByRole('button', { name: en['call.preview.join'] }).click();
  await page.locator(`.room[data-provider="${provider}"]`).waitFor({ timeout: 20_000 });
}
