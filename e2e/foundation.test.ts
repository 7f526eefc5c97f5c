// (Browser-side code is passed to evaluate() as strings: this project compiles without DOM types.)
// The foundation flow in a real browser against a real server: staff sign in, create a visit,
// copy its invite link, and a visitor opens that link in a browser of their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import type { Facility, Invite, Visit } from '@openconnect/contracts';
import { en, t } from './support/strings.ts';
import { screenshot } from './support/artifacts.ts';
import { launchChromium, watchPage } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  return context.newPage();
}

/** Waits until the page's h1 reads `text` (pages show a loading heading first). */
async function expectHeading(page: Page, text: string): Promise<void> {
  const h1 = page.getByRole('heading', { level: 1 });
  await expect.poll(async () => h1.textContent(), { timeout: 10_000 }).toBe(text);
}

/** Calls the API as the browser context's signed-in staff member; fails on any error status. */
async function api<T>(
  request: APIRequestContext,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await request.fetch(`${server.url}/api/v1${path}`, {
    method,
    ...(method === 'POST'
      ? { data: body ?? {}, headers: { 'Content-Type': 'application/json' } }
      : {}),
  });
  if (!response.ok())
    throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return (response.status() === 204 ? undefined : await response.json()) as T;
}

/** A fresh API client signed in as the seeded admin. */
async function signedInRequest(): Promise<APIRequestContext> {
  const context = await browser.newContext();
  contexts.push(context);
  await api(context.request, 'POST', '/auth/sign-in', {
    email: server.email,
    password: server.password,
  });
  return context.request;
}

/** The network and 4xx responses Chromium logs as console errors, expected in error paths. */
const isHttpError = (text: string) => text.startsWith('Failed to load resource');

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await server?.close();
});

describe('foundation: sign in, create a visit, open its invite link', () => {
  it('tells staff clearly when the password is wrong', async () => {
    const page = await newPage();
    const problems = watchPage(page, isHttpError);
    await page.goto(`${server.url}/sign-in`);

    await page.getByLabel(en['signIn.email']).fill(server.email);
    await page.getByLabel(en['signIn.password']).fill('not-the-password');
    await page.getByRole('button', { name: en['signIn.submit'] }).click();

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(en['signIn.error.credentials']);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await screenshot(page, 'foundation/sign-in-wrong-password');
    expect(problems.errors).toEqual([]);
  });

  it('lets staff sign in, create a visit and hand its link to a visitor who can open it', async () => {
    const staffPage = await newPage({ viewport: { width: 1280, height: 900 } });
    await staffPage
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const problems = watchPage(staffPage, isHttpError);

    // The root sends a signed-out visitor to sign in.
    await staffPage.goto(server.url);
    await staffPage.waitForURL(/\/sign-in$/);
    await expectHeading(staffPage, en['signIn.title']);
    await screenshot(staffPage, 'foundation/sign-in');

    // Sign in with the keyboard only: type, then Enter submits.
    await staffPage.getByLabel(en['signIn.email']).fill(server.email);
    await staffPage.getByLabel(en['signIn.password']).fill(server.password);
    await staffPage.getByLabel(en['signIn.password']).press('Enter');

    await staffPage.waitForURL(/\/facilities\/[0-9a-f-]{36}$/);
    await expectHeading(staffPage, 'Demo Care Home');
    // After navigation the page's heading has focus, so screen readers start there.
    await expect.poll(() => staffPage.evaluate('document.activeElement?.tagName')).toBe('H1');
    await staffPage.getByText(en['dashboard.empty']).waitFor();

    const title = 'Tea with Mum';
    await staffPage.getByLabel(en['visits.form.name']).fill(title);
    await staffPage.getByLabel(en['visits.form.name']).press('Enter');

    await staffPage.getByText(t('dashboard.created', { title })).waitFor();
    const visitCard = staffPage.getByRole('article', { name: title });
    await visitCard.waitFor();
    const linkField = visitCard.getByLabel(t('invite.label', { title }));
    const inviteUrl = await linkField.inputValue();
    expect(inviteUrl).toMatch(/\/join\/[A-Za-z0-9_-]{22,64}$/);

    await visitCard.getByRole('button', { name: en['invite.copy'] }).click();
    await visitCard.getByText(en['invite.copied']).waitFor();
    expect(await staffPage.evaluate('navigator.clipboard.readText()')).toBe(inviteUrl);
    await screenshot(staffPage, 'foundation/dashboard-with-visit');

    // The visit is stored, not only shown: it is still listed after a reload.
    await staffPage.reload();
    await staffPage.getByRole('article', { name: title }).waitFor();
    expect(problems.errors).toEqual([]);

    // A visitor, with no session, opens the link on a small phone.
    const visitorPage = await newPage({ viewport: { width: 320, height: 640 } });
    const visitorProblems = watchPage(visitorPage);
    await visitorPage.goto(inviteUrl);
    await expectHeading(visitorPage, title);
    await visitorPage.getByText('Demo Care Home', { exact: true }).waitFor();
    await visitorPage.getByRole('heading', { name: en['landing.next.title'] }).waitFor();
    await visitorPage.getByText(en['landing.status.scheduled']).waitFor();
    // Nothing is cut off or needs sideways scrolling at 320 px.
    expect(await visitorPage.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      320,
    );
    await screenshot(visitorPage, 'foundation/invite-landing-320px');
    expect(visitorProblems.errors).toEqual([]);
  });

  it('tells a visitor kindly when an invite link is unknown', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/join/${'x'.repeat(22)}`);
    await expectHeading(page, en['landing.notFound.title']);
    await page.getByText(en['landing.notFound.body']).waitFor();
    await screenshot(page, 'foundation/invite-unknown');
  });

  it('says so at an address the app does not know, with a way to the start page', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/no-such-page`);
    await expectHeading(page, en['notFound.title']);
    await page.getByText(en['notFound.body']).waitFor();
    await screenshot(page, 'foundation/not-found-1280x800');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'foundation/not-found-390x844');
    await page.getByRole('link', { name: en['notFound.home'] }).click();
    await page.waitForURL(`${server.url}/`);
  });

  it('gives an existing visit a link on request, and tells a visitor kindly once it is withdrawn', async () => {
    const staffPage = await newPage();
    const request = staffPage.context().request;
    await api(request, 'POST', '/auth/sign-in', { email: server.email, password: server.password });
    const [facility] = await api<Facility[]>(request, 'GET', '/facilities');
    if (!facility) throw new Error('the demo facility is missing');
    const title = 'Sunday catch-up';
    await api<Visit>(request, 'POST', '/visits', { facilityId: facility.id, title });

    await staffPage.goto(`${server.url}/facilities/${facility.id}`);
    const visitCard = staffPage.getByRole('article', { name: title });
    await visitCard.getByRole('button', { name: en['visit.invite.show'] }).click();
    const inviteUrl = await visitCard.getByLabel(t('invite.label', { title })).inputValue();
    expect(inviteUrl).toMatch(/\/join\/[A-Za-z0-9_-]{22,64}$/);

    const [invite] = await api<Invite[]>(
      request,
      'GET',
      `/visits/${(await visitCard.getAttribute('data-visit-id')) ?? ''}/invites`,
    );
    expect(invite?.url).toBe(inviteUrl);
    await api<Invite>(request, 'POST', `/invites/${invite?.id ?? ''}/revoke`);

    const visitorPage = await newPage();
    await visitorPage.goto(inviteUrl);
    await expectHeading(visitorPage, en['landing.gone.title']);
    await visitorPage.getByText(en['landing.gone.body']).waitFor();
    await screenshot(visitorPage, 'foundation/invite-withdrawn');
  });

  it('sends signed-out staff to sign in and back to the page they asked for, and signs out', async () => {
    const page = await newPage();
    const problems = watchPage(page, isHttpError);
    const [facility] = await api<Facility[]>(await signedInRequest(), 'GET', '/facilities');
    const dashboardPath = `/facilities/${facility?.id ?? ''}`;

    await page.goto(`${server.url}${dashboardPath}`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe(dashboardPath);

    await page.getByLabel(en['signIn.email']).fill(server.email);
    await page.getByLabel(en['signIn.password']).fill(server.password);
    await page.getByRole('button', { name: en['signIn.submit'] }).click();
    await page.waitForURL((url) => url.pathname === dashboardPath);
    await expectHeading(page, 'Demo Care Home');

    await page.getByRole('button', { name: en['dashboard.signOut'] }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    // The session is gone on the server too: the dashboard asks to sign in again.
    await page.goto(`${server.url}${dashboardPath}`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(problems.errors).toEqual([]);
  });
});
