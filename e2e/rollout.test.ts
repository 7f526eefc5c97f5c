// The rollout admin page end to end, on the development seed (FEATURE_LIVEKIT on, "Demo Clinic
// (LiveKit)" pinned to LiveKit): an operator opens /admin/rollout from the dashboard, switches
// LiveKit off after confirming, and the clinic's next visit is created on the built-in video;
// back to following the configuration, its next visit is on LiveKit again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { screenshot } from './support/artifacts.ts';
import { launchChromium, watchPage } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { en, t } from './support/strings.ts';
import { staffSignIn } from './support/visit-flow.ts';

const CLINIC = 'Demo Clinic (LiveKit)';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** Creates a visit through the API with the page's session; returns the provider it was pinned to. */
async function newVisitProvider(page: Page, facilityId: string, title: string): Promise<string> {
  const response = await page.request.post(`${server.url}/api/v1/visits`, {
    data: { facilityId, title },
    headers: { 'Content-Type': 'application/json' },
  });
  expect(response.status()).toBe(201);
  const visit = (await response.json()) as { provider: string | null };
  return visit.provider ?? 'none';
}

describe('the rollout admin page', () => {
  it('switches LiveKit off for new visits after a confirmation, and back to the configuration', async () => {
    const page = await context.newPage();
    const problems = watchPage(page, (text) => text.startsWith('Failed to load resource'));
    await staffSignIn(page, server);

    // Linked from the dashboard for admins.
    await page.getByRole('link', { name: en['dashboard.rolloutLink'] }).click();
    await page.waitForURL('**/admin/rollout');
    await page.getByRole('heading', { level: 1, name: en['rollout.title'] }).waitFor();
    await page.getByText(en['rollout.gate.on']).waitFor();
    await page
      .getByText(t('rollout.source.config', { configured: en['rollout.config.on'] }))
      .waitFor();
    await page.getByText(t('rollout.circuit.closed', { provider: 'LiveKit' })).waitFor();

    const clinicRow = page.getByRole('row', { name: new RegExp(CLINIC.replace(/[()]/g, '\\$&')) });
    const clinicId = (await clinicRow.getAttribute('data-facility-id')) ?? '';
    expect(clinicId).not.toBe('');
    expect(await clinicRow.getAttribute('data-provider')).toBe('livekit');
    await clinicRow.getByText(en['rollout.reason.override']).waitFor();
    await expect
      .poll(() => clinicRow.getByLabel(t('rollout.override.label', { name: CLINIC })).inputValue())
      .toBe('livekit');
    expect(await newVisitProvider(page, clinicId, 'Before the rollback')).toBe('livekit');
    await screenshot(page, 'rollout/1-livekit-on');

    // The rollback asks first, says what happens, and takes focus to its question.
    await page.getByRole('button', { name: en['rollout.rollback'] }).click();
    const confirm = page.getByRole('group', { name: en['rollout.rollback.question'] });
    await confirm.getByText(en['rollout.rollback.consequence']).waitFor();
    await expect
      .poll(() => page.evaluate('document.activeElement?.textContent'))
      .toBe(en['rollout.rollback.question']);
    await screenshot(page, 'rollout/2-confirm-rollback');
    await confirm.getByRole('button', { name: en['rollout.rollback.yes'] }).click();
    await page.getByText(en['rollout.saved.off']).waitFor();
    await page.getByText(en['rollout.gate.off']).waitFor();
    await page
      .getByText(t('rollout.source.switchOff', { configured: en['rollout.config.on'] }))
      .waitFor();
    await clinicRow.getByText(en['rollout.reason.gateClosed']).waitFor();
    expect(await clinicRow.getAttribute('data-provider')).toBe('p2p');
    await screenshot(page, 'rollout/3-livekit-off');

    // A visit created now, even at the facility pinned to LiveKit, uses the built-in video.
    expect(await newVisitProvider(page, clinicId, 'After the rollback')).toBe('p2p');

    // The percentage: typed, saved, announced (and set back).
    const percentage = page.getByLabel(en['rollout.percentage.label'], { exact: true });
    await percentage.fill('150');
    await page.getByRole('button', { name: en['rollout.percentage.save'] }).click();
    await page.getByText(en['rollout.percentage.error']).waitFor();
    await percentage.fill('25');
    await page.getByRole('button', { name: en['rollout.percentage.save'] }).click();
    await page.getByText(t('rollout.saved.percentage', { percentage: 25 })).waitFor();
    await percentage.fill('0');
    await page.getByRole('button', { name: en['rollout.percentage.save'] }).click();
    await page.getByText(t('rollout.saved.percentage', { percentage: 0 })).waitFor();

    // Back to following the configuration (FEATURE_LIVEKIT is on in development).
    await page.getByRole('button', { name: en['rollout.follow'] }).click();
    await page.getByText(en['rollout.saved.on']).waitFor();
    await page
      .getByText(t('rollout.source.config', { configured: en['rollout.config.on'] }))
      .waitFor();
    expect(await clinicRow.getAttribute('data-provider')).toBe('livekit');
    expect(await newVisitProvider(page, clinicId, 'Following the configuration')).toBe('livekit');
    await screenshot(page, 'rollout/4-follow-configuration');

    const state = (await (await page.request.get(`${server.url}/api/v1/rollout`)).json()) as {
      livekitSwitch: boolean | null;
    };
    expect(state.livekitSwitch).toBeNull();
    expect(problems.errors).toEqual([]);
  });
});
