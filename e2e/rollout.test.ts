// The rollout admin page end to end, on the development seed (FEATURE_LIVEKIT on, "Demo Clinic
// (LiveKit)" pinned to LiveKit): an operator opens /admin/rollout from the dashboard, switches
// LiveKit off after confirming, and the clinic's next visit is created on the built-in video;
// back to following the configuration, its next visit is on LiveKit again. Then the default
// switch: the criteria shown as met or not (here: not enough data), LiveKit made the default after
// a confirmation that names the facilities it moves, and rolled back the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { artifactPath, screenshot } from './support/artifacts.ts';
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

  it('shows the switch criteria, makes LiveKit the default after a confirmation, and rolls it back', async () => {
    const own = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await own.newPage();
    const problems = watchPage(page, (text) => text.startsWith('Failed to load resource'));
    await staffSignIn(page, server);
    await page.goto(`${server.url}/admin/rollout`);

    // The criteria, each with its state in words; a fresh server has too few visits to judge.
    const criteria = page.getByRole('region', { name: en['rollout.criteria.title'] });
    await criteria.getByText(t('rollout.criteria.verdict.not_enough_data', { days: 14 })).waitFor();
    for (const id of [
      'join_failure_rate',
      'fallback_rate',
      'first_frame_p95',
      'feedback',
    ] as const) {
      const item = criteria.locator(`[data-criterion="${id}"]`);
      await item.getByText(en[`rollout.criteria.name.${id}`]).waitFor();
      await item.getByText(en['rollout.criteria.status.no_data']).waitFor();
    }

    // The built-in video is the default (configuration); the care home uses it, and says why.
    const defaults = page.getByRole('region', { name: en['rollout.default.title'] });
    await defaults
      .getByText(t('rollout.default.fromConfig', { provider: en['rollout.default.name.p2p'] }))
      .waitFor();
    const stillP2p = page.getByRole('region', { name: en['rollout.p2p.title'] });
    await stillP2p.getByText(en['rollout.p2p.reason.default']).waitFor();
    await screenshot(page, 'rollout/5-criteria-1280');

    // The switch asks first, names the facility it moves, and warns that not all criteria are met.
    await defaults.getByRole('button', { name: en['rollout.default.switch'] }).click();
    const confirm = page.getByRole('group', { name: en['rollout.default.question.switch'] });
    await confirm.getByText(/Demo Care Home/).waitFor();
    await confirm.getByText(en['rollout.default.notStable']).waitFor();
    await expect
      .poll(() => page.evaluate('document.activeElement?.textContent'))
      .toBe(en['rollout.default.question.switch']);
    await screenshot(page, 'rollout/6-confirm-switch-1280');
    await confirm.getByRole('button', { name: en['rollout.default.yes.switch'] }).click();
    await defaults.getByText(en['rollout.default.saved.livekit']).waitFor();
    await defaults.getByText(/^The default is LiveKit, set by /).waitFor();
    await stillP2p.getByText(en['rollout.p2p.none']).waitFor();

    const careHome = page.getByRole('row', { name: /Demo Care Home/ });
    const careHomeId = (await careHome.getAttribute('data-facility-id')) ?? '';
    await expect.poll(() => careHome.getAttribute('data-provider')).toBe('livekit');
    expect(await newVisitProvider(page, careHomeId, 'After the default switch')).toBe('livekit');

    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'rollout/7-switched-390');
    await criteria.screenshot({ path: await artifactPath('rollout/7a-criteria-390.png') });
    // Nothing is wider than the phone: the page does not scroll sideways.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    // The rollback: the same kind of step, asked first, audited.
    await defaults.getByRole('button', { name: en['rollout.default.rollback'] }).click();
    const rollback = page.getByRole('group', { name: en['rollout.default.question.rollback'] });
    await rollback.getByText(/Demo Care Home/).waitFor();
    await screenshot(page, 'rollout/8-confirm-rollback-390');
    await defaults.screenshot({ path: await artifactPath('rollout/8a-confirm-rollback-390.png') });
    await rollback.getByRole('button', { name: en['rollout.default.yes.rollback'] }).click();
    await defaults.getByText(en['rollout.default.saved.p2p']).waitFor();
    await expect.poll(() => careHome.getAttribute('data-provider')).toBe('p2p');
    expect(await newVisitProvider(page, careHomeId, 'After the rollback')).toBe('p2p');
    expect(problems.errors).toEqual([]);
    await own.close();
  });
});
