// The reports page end to end: a visit with a visitor and a host, each leaving feedback through
// the API the end screens use; the administrator opens Reports from the dashboard, sees the
// visit, the calls per provider and what was said, switches a chart to its table, downloads the
// CSV, and the page has no serious accessibility finding at desktop and phone sizes.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Invite, LobbyTicket, Visit } from '@openconnect/contracts';
import { screenshot } from './support/artifacts.ts';
import { seriousViolations } from './support/axe.ts';
import { launchChromium, watchPage } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { en, t } from './support/strings.ts';
import { staffSignIn } from './support/visit-flow.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** The calls-per-provider table's cell for a measure (its row) and a provider (its column). */
async function qualityCell(quality: Locator, measure: string, provider: string): Promise<string> {
  const columns = await quality.getByRole('columnheader').allTextContents();
  const row = quality
    .getByRole('row')
    .filter({ has: quality.page().getByRole('rowheader', { name: measure, exact: true }) });
  // The first column is the measure's header cell; the providers' cells follow.
  return (await row.getByRole('cell').allTextContents())[columns.indexOf(provider) - 1] ?? '';
}

/** A visit the visitor and the host joined and rated, ended; through the API. */
async function ratedVisit(page: Page, facilityId: string): Promise<void> {
  const json = { 'Content-Type': 'application/json' };
  const post = async <T>(url: string, data: unknown, headers: Record<string, string> = json) => {
    const response = await page.request.post(`${server.url}/api/v1${url}`, { data, headers });
    expect(response.status(), await response.text()).toBeLessThan(300);
    return (response.status() === 204 ? undefined : await response.json()) as T;
  };
  const visit = await post<Visit>('/visits', { facilityId, title: 'Sunday tea' });
  const invite = await post<Invite>(`/visits/${visit.id}/invites`, {});
  const knock = await fetch(`${server.url}/api/v1/invites/${invite.code}/lobby`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ displayName: 'Grandson' }),
  });
  const ticket = (await knock.json()) as LobbyTicket;
  await post(`/lobby/${ticket.entryId}/admit`, {});
  const visitor = async (action: string, data: unknown) => {
    const response = await fetch(`${server.url}/api/v1/lobby/${ticket.entryId}/${action}`, {
      method: 'POST',
      headers: { ...json, Authorization: `Bearer ${ticket.visitorToken}` },
      body: JSON.stringify(data),
    });
    expect(response.status, await response.text()).toBeLessThan(300);
  };
  await visitor('join', {});
  await post(`/visits/${visit.id}/join`, {});
  await visitor('call-record', { connectMs: 1200, firstFrameMs: 1900 });
  await visitor('feedback', {
    rating: 4,
    tags: ['could_not_hear'],
    comment: 'Lovely, a bit quiet.',
  });
  await post(`/visits/${visit.id}/feedback`, { rating: 5 });
  await post(`/visits/${visit.id}/end`, {});
}

describe('the reports page', () => {
  it('shows a facility’s visits, calls and feedback, as charts, tables and CSV', async () => {
    const page = await context.newPage();
    const problems = watchPage(page, (text) => text.startsWith('Failed to load resource'));
    const facilityId = await staffSignIn(page, server);
    await ratedVisit(page, facilityId);

    await page.getByRole('link', { name: en['reports.link'] }).click();
    await page.waitForURL(`**/facilities/${facilityId}/reports`);
    await page.getByRole('heading', { level: 1, name: en['reports.title'] }).waitFor();
    const visits = page.getByRole('region', { name: en['reports.visits.title'], exact: true });
    await visits.getByRole('img').waitFor();

    // The calls per provider as a table: the visitor's browser said 1.2 s to connect on p2p.
    const quality = page.getByRole('region', { name: en['reports.quality.title'], exact: true });
    await quality.getByRole('button', { name: en['reports.view.table'] }).click();
    await expect
      .poll(() =>
        quality
          .getByRole('button', { name: en['reports.view.table'] })
          .getAttribute('aria-pressed'),
      )
      .toBe('true');
    const p2p = en['reports.provider.p2p'];
    await quality.getByRole('columnheader', { name: p2p }).waitFor();
    expect(await qualityCell(quality, en['reports.quality.connectP50'], p2p)).toBe('1200 ms');
    // Joined counts sessions the server saw connect: here credentials were only issued through
    // the API, so none did (reports-calls.test.ts has real calls, where both sessions count).
    expect(await qualityCell(quality, en['reports.quality.sessions'], p2p)).toBe('0');

    // What people said: the comment, and the feedback table as CSV.
    const feedback = page.getByRole('region', { name: en['reports.feedback.title'], exact: true });
    await feedback.getByText('Lovely, a bit quiet.', { exact: false }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      feedback.getByRole('button', { name: en['reports.csv'] }).click(),
    ]);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    expect(csv.split('\r\n')[0]).toContain(en['reports.feedback.average']);
    expect(csv).toContain('Visitors');
    expect(csv).toContain('4.00');

    // The providers compared: too few calls to say anything, and the page says so.
    await page.getByText(t('reports.compare.verdict.not_enough_data', { min: 30 })).waitFor();

    await screenshot(page, 'reports/desktop-1280x800');
    expect(await seriousViolations(page, 'reports/a11y-desktop')).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await visits.getByRole('img').waitFor();
    await screenshot(page, 'reports/phone-390x844');
    expect(await seriousViolations(page, 'reports/a11y-phone')).toEqual([]);
    expect(problems.errors).toEqual([]);
  });
});
