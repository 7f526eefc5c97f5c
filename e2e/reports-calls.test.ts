// (Browser-side code is passed to evaluate() as strings: this project compiles without DOM types.)
// Reports fed by real calls, on both providers: a visitor and a host have a call through the
// product's pages; the visitor leaves and rates it on the end screen, the host leaves and rates it
// too; the administrator's reports then show both ratings and the comment, every session as
// joined, the call's timings, and the media path the browsers read from their connection's stats
// (on loopback: host candidates over UDP). The page fits 1280x800 and 390x844 without scrolling
// sideways (wide tables scroll inside their own region).
import type { FullReport, ProviderName } from '@openconnect/contracts';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/artifacts.ts';
import {
  createVisit,
  joinAsHost,
  knock,
  REMOTE_CAMERA,
  startCallWorld,
  type CallWorld,
} from './support/call-steps.ts';
import { en, t } from './support/strings.ts';
import { expectHeading, expectVideoPlaying } from './support/visit-flow.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** Presses Leave and confirms it; waits for "You left". */
async function leave(page: Page): Promise<void> {
  await page
    .getByRole('toolbar', { name: en['room.controls'] })
    .getByRole('button', { name: en['room.leave'] })
    .click();
  await page
    .getByRole('group', { name: en['room.leave.confirm'] })
    .getByRole('button', { name: en['room.leave.yes'] })
    .click();
  await expectHeading(page, en['room.left.title']);
}

/** Rates the call on the end screen's feedback form and sends it. */
async function rate(page: Page, rating: number, tag?: string, comment?: string): Promise<void> {
  const form = page.getByRole('region', { name: en['feedback.title'] });
  await form
    .getByRole('radio', { name: t(`feedback.rating.${rating}` as 'feedback.rating.1') })
    .check();
  if (tag) await form.getByRole('checkbox', { name: tag }).check();
  if (comment) await form.getByLabel(en['feedback.comment']).fill(comment);
  await form.getByRole('button', { name: en['feedback.send'] }).click();
  await page.getByRole('status').filter({ hasText: en['feedback.thanks'] }).waitFor();
}

/** The calls-per-provider table's cell for a measure (its row) and a provider (its column). */
async function qualityCell(quality: Locator, measure: string, provider: string): Promise<string> {
  const columns = await quality.getByRole('columnheader').allTextContents();
  const row = quality
    .getByRole('row')
    .filter({ has: quality.page().getByRole('rowheader', { name: measure, exact: true }) });
  // The first column is the measure's header cell; the providers' cells follow.
  return (await row.getByRole('cell').allTextContents())[columns.indexOf(provider) - 1] ?? '';
}

/** The page scrolls sideways by this many pixels (0: it fits). */
const overflow = (page: Page) =>
  page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');

describe.each<ProviderName>(['p2p', 'livekit'])('reports of a real call on %s', (provider) => {
  let world: CallWorld;
  let host: Page;
  let facilityId: string;
  const title = `Reported call (${provider})`;
  const comment = `Clear picture on ${provider}`;
  const room = `.room[data-provider="${provider}"]`;

  beforeAll(async () => {
    world = await startCallWorld(provider);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('asks both sides how the call went when they leave, and keeps their answers', async () => {
    host = await world.newPerson();
    const visit = await createVisit(host, world.server, title);
    facilityId = visit.facilityId;
    const ann = await world.newPerson();
    await knock(ann, visit.inviteUrl, 'Ann Visitor');
    await joinAsHost(host, world.server, facilityId, title, provider);
    await host.getByRole('button', { name: t('call.queue.count', { count: 1 }) }).click();
    await host
      .getByRole('button', { name: t('console.admit.label', { name: 'Ann Visitor' }) })
      .click();
    await ann.locator(room).waitFor({ timeout: 20_000 });
    await expectVideoPlaying(host, REMOTE_CAMERA);
    await expectVideoPlaying(ann, REMOTE_CAMERA);
    // The media path is read from the connection’s stats once a second until found.
    await ann.waitForTimeout(2_000);

    await leave(ann);
    await rate(ann, 4, en['feedback.tag.could_not_hear'], comment);
    await host.locator(REMOTE_CAMERA).waitFor({ state: 'detached', timeout: 20_000 });
    await leave(host);
    await rate(host, 5);
  });

  it('shows the administrator the ratings, the sessions as joined and the media path', async () => {
    const range = `from=${today()}&to=${today()}&facilityId=${facilityId}`;
    const answer = await host.request.get(`${world.server.url}/api/v1/reports?${range}`);
    expect(answer.status()).toBe(200);
    const report = (await answer.json()) as FullReport;

    const calls = report.providers.find((p) => p.provider === provider);
    // Host and visitor both connected: two sessions joined, none failed, timings from both.
    expect(calls).toMatchObject({ sessions: 2, joinFailures: 0 });
    expect(calls?.connectMs.count).toBe(2);
    expect(calls?.firstFrameMs.count).toBe(2);
    const paths = report.mediaPaths.filter((p) => p.provider === provider);
    expect(paths.reduce((n, p) => n + p.sessions, 0)).toBe(2);
    // Loopback: both browsers reach the other side (p2p) or the SFU over host candidates, UDP.
    expect(paths.map((p) => [p.candidateType, p.transport])).toEqual([['host', 'udp']]);
    const said = report.feedback.filter((f) => f.provider === provider);
    expect(said.map((f) => [f.role, f.responses, f.averageRating])).toEqual([
      ['host', 1, 5],
      ['visitor', 1, 4],
    ]);
    expect(said.find((f) => f.role === 'visitor')?.tags.could_not_hear).toBe(1);

    // The page shows the same: the comment, and the visitor's rating in the feedback table.
    await host.goto(`${world.server.url}/facilities/${facilityId}/reports`);
    await host.getByRole('heading', { level: 1, name: en['reports.title'] }).waitFor();
    const feedback = host.getByRole('region', { name: en['reports.feedback.title'], exact: true });
    await feedback.getByText(comment, { exact: false }).waitFor();
    await feedback.getByRole('button', { name: en['reports.view.table'] }).click();
    const visitorRow = feedback
      .getByRole('row')
      .filter({ hasText: en[`reports.provider.${provider}`] })
      .filter({ hasText: 'Visitors' });
    await visitorRow.getByRole('cell', { name: '4.00', exact: true }).waitFor();

    // The calls per provider: the joined column counts both sessions (it once said 0).
    const quality = host.getByRole('region', { name: en['reports.quality.title'], exact: true });
    await quality.getByRole('button', { name: en['reports.view.table'] }).click();
    const name = en[`reports.provider.${provider}`];
    await quality.getByRole('columnheader', { name }).waitFor();
    expect(await qualityCell(quality, en['reports.quality.sessions'], name)).toBe('2');
    expect(await qualityCell(quality, en['reports.quality.failures'], name)).toBe('0');
    const pathTable = host.getByRole('region', { name: en['reports.paths.title'], exact: true });
    await pathTable
      .getByRole('row')
      .filter({ hasText: 'host' })
      .filter({ hasText: 'udp' })
      .waitFor();

    // Fits both sizes: nothing scrolls the page sideways, and at 1280 px the calls per provider
    // (a row per measure) fit without scrolling their own region either.
    expect(await overflow(host)).toBe(0);
    const table = quality.getByRole('region', { name: /Table$/ });
    const sideways = (e: { scrollWidth: number; clientWidth: number }) =>
      e.scrollWidth - e.clientWidth;
    expect(await table.evaluate(sideways)).toBe(0);
    await screenshot(host, `reports-calls/${provider}-1280x800`);
    await host.setViewportSize({ width: 390, height: 844 });
    await host.getByRole('heading', { level: 1, name: en['reports.title'] }).waitFor();
    expect(await overflow(host)).toBe(0);
    await screenshot(host, `reports-calls/${provider}-390x844`);
    expect(world.problems.flatMap((p) => p.errors)).toEqual([]);
  });
});
