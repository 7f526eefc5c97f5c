// The pre-call check and audio only, through the product's pages in Debian's Chromium with fake
// media. A waiting visitor checks their setup and staff see the result beside Let in, live; a
// visitor whose connection test fails is offered audio only and joins so (p2p); in a call on
// either provider the audio-only side shows as "Audio only" to the other and stops receiving
// video, measured by the page's own RTCPeerConnection stats, not by the UI alone.
// (Browser-side code is passed to evaluate() as strings: this project compiles without DOM types.)
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { en, t } from './support/strings.ts';
import { expectHeading, expectVideoPlaying, staffSignIn } from './support/visit-flow.ts';

const SHOTS = process.env.PRECALL_SHOTS_DIR ?? 'e2e/artifacts/precall-and-audio-only';
const REMOTE_CAMERA = '.tile[data-kind="camera"]:not([data-local]) video';
/** A remote camera shown as a picture (a hidden element may still play the voice). */
const REMOTE_PICTURE = `${REMOTE_CAMERA}:not(.visually-hidden)`;
const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

let p2p: TestServer;
let livekit: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  [p2p, livekit, browser] = await Promise.all([
    startTestServer(),
    startTestServer({ FEATURE_LIVEKIT: 'true', PROVIDER_TYPE: 'livekit' }),
    launchChromium({ args: ['--autoplay-policy=no-user-gesture-required'] }),
  ]);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await Promise.all([p2p?.close(), livekit?.close()]);
});

/** Keeps every RTCPeerConnection the page makes, so a spec can read what really arrives. */
const capturePeerConnections = `(() => {
  const Original = window.RTCPeerConnection;
  window.__pcs = [];
  window.RTCPeerConnection = class extends Original {
    constructor(...args) { super(...args); window.__pcs.push(this); }
  };
})()`;

/** Bytes of video received so far over the page's open peer connections. */
const videoBytesReceived = `(async () => {
  let total = 0;
  for (const pc of window.__pcs) {
    if (pc.connectionState === 'closed') continue;
    const report = await pc.getStats();
    report.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') total += s.bytesReceived || 0;
    });
  }
  return total;
})()`;

/** Whether video bytes arrive at the page over ~1.5 s. */
async function receivingVideo(page: Page): Promise<boolean> {
  const before = (await page.evaluate(videoBytesReceived)) as number;
  await page.waitForTimeout(1500);
  const after = (await page.evaluate(videoBytesReceived)) as number;
  return after > before;
}

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  await context.addInitScript(capturePeerConnections);
  return context.newPage();
}

/** Staff sign in, create a visit, open the console; returns the console, invite link and visit. */
async function staffWithVisit(server: TestServer, title: string) {
  const consolePage = await newPage({ width: 1280, height: 900 });
  const facilityId = await staffSignIn(consolePage, server);
  await consolePage.getByLabel(en['visits.form.name']).fill(title);
  await consolePage.getByLabel(en['visits.form.name']).press('Enter');
  const inviteUrl = await consolePage.getByLabel(t('invite.label', { title })).inputValue();
  const visitId = await consolePage
    .getByRole('article', { name: title })
    .getAttribute('data-visit-id');
  await consolePage.goto(`${server.url}/facilities/${facilityId}/console`);
  await consolePage.getByRole('heading', { name: en['console.queue.title'] }).waitFor();
  return { consolePage, inviteUrl, visitId: visitId ?? '' };
}

/** A visitor opens the invite and asks to join as `name`; returns once they wait. */
async function visitorWaiting(inviteUrl: string, name: string, viewport = desktop) {
  const visitor = await newPage(viewport);
  await visitor.goto(inviteUrl);
  await visitor.getByRole('button', { name: en['landing.getReady'] }).click();
  await expectHeading(visitor, en['lobby.title']);
  await visitor.getByLabel(en['lobby.name']).fill(name);
  await visitor.getByRole('button', { name: en['lobby.ask'] }).click();
  await expectHeading(visitor, en['lobby.waiting.title']);
  return visitor;
}

/** Staff join the visit as host from the console, through the device check. */
async function hostJoins(
  consolePage: Page,
  server: TestServer,
  visitId: string,
  audioOnly = false,
) {
  const host = await consolePage.context().newPage();
  await host.goto(`${server.url}/visits/${visitId}/room`);
  if (audioOnly) await host.getByLabel(en['call.preview.audioOnly']).check();
  await host.getByRole('button', { name: en['call.preview.join'] }).click();
  return host;
}

const audioOnlyTile = (page: Page) =>
  page.locator('.tile[data-kind="camera"]:not([data-local])[data-audio-only]');

describe('the pre-call check', () => {
  it('runs in the waiting room and staff see the result beside Let in, live', async () => {
    const title = 'Check before the visit';
    const { consolePage, inviteUrl } = await staffWithVisit(p2p, title);
    const name = 'Rose Checker';
    const visitor = await visitorWaiting(inviteUrl, name);
    const entry = consolePage.getByRole('article', { name });
    await entry.waitFor();
    await entry.getByText(en['console.precall.none']).waitFor();

    await visitor.getByRole('button', { name: en['precall.run'] }).click();
    await visitor.getByText(en['precall.shared']).waitFor({ timeout: 30_000 });
    const results = visitor.locator('.precall__results');
    // Polled on the whole text so a failure shows what the visitor was told instead.
    await expect
      .poll(() => results.textContent(), { timeout: 30_000 })
      .toMatch(/Working \(\d+×\d+\)/);
    const network = results.getByText(/^(Good|Fair|Poor): [\d,]+ kbit\/s, \d+ ms$/);
    await network.waitFor();
    // The grade depends on how busy this machine is; staff must see the one the visitor saw.
    const grade = ((await network.textContent()) ?? '').split(':')[0]!.toLowerCase();
    await visitor.getByRole('button', { name: en['precall.speaker.yes'] }).click();

    // Staff see it beside Let in without reloading: camera and microphone from the fake devices,
    // the test tone confirmed, and the network figures the loopback test measured.
    const summary = entry.locator('.queue-entry__precall');
    await expect
      .poll(() => summary.textContent(), { timeout: 15_000 })
      .toMatch(
        new RegExp(
          `^Setup check: camera ok, mic ok, speaker ok, network ${grade}: [\\d,]+ kbit/s, \\d+ ms$`,
        ),
      );
    await entry.getByRole('button', { name: t('console.admit.label', { name }) }).waitFor();
    await visitor.screenshot({ path: `${SHOTS}/visitor-check-1280x800.png`, fullPage: true });
    await consolePage.setViewportSize(desktop);
    await consolePage.screenshot({ path: `${SHOTS}/console-result-1280x800.png` });
    await consolePage.setViewportSize(phone);
    await entry.scrollIntoViewIfNeeded();
    await consolePage.screenshot({ path: `${SHOTS}/console-result-390x844.png` });
  });
});

describe('audio only on p2p', () => {
  it('is offered after a failed connection test, and the call then carries no video to or from the visitor', async () => {
    const title = 'Audio only on p2p';
    const { consolePage, inviteUrl, visitId } = await staffWithVisit(p2p, title);
    const name = 'Sam Weaklink';
    const visitor = await visitorWaiting(inviteUrl, name, phone);
    // A relay that does not exist: the test cannot connect, as on a network that blocks it.
    await visitor.route('**/precall-ice', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          iceServers: [{ urls: 'turn:127.0.0.1:9', username: 'x', credential: 'y' }],
          iceTransportPolicy: 'relay',
          expiresAt: new Date(Date.now() + 300_000).toISOString(),
        }),
      }),
    );
    await visitor.getByRole('button', { name: en['precall.run'] }).click();
    await visitor.getByText(en['precall.network.failed']).waitFor({ timeout: 30_000 });
    await visitor.getByText(en['precall.audioOnly.offer']).waitFor();
    await visitor.getByLabel(en['precall.audioOnly.choose']).check();
    await visitor.getByText(en['precall.audioOnly.chosen']).waitFor();
    await visitor.screenshot({ path: `${SHOTS}/visitor-poor-390x844.png`, fullPage: true });

    const entry = consolePage.getByRole('article', { name });
    await entry.getByText(t('console.precall.network.failed'), { exact: false }).waitFor();
    await entry.getByRole('button', { name: t('console.admit.label', { name }) }).click();
    await visitor.locator('.room[data-provider="p2p"]').waitFor({ timeout: 20_000 });
    const host = await hostJoins(consolePage, p2p, visitId);
    await host.locator('.room[data-provider="p2p"]').waitFor({ timeout: 20_000 });

    // The host sees "Audio only" on the visitor's tile, not a picture; the visitor's own toggle
    // says so, and no video reaches the visitor.
    await audioOnlyTile(host).getByText(en['room.audioOnly']).waitFor({ timeout: 20_000 });
    expect(await host.locator(REMOTE_PICTURE).count()).toBe(0);
    const toggleOn = visitor.getByRole('button', { name: en['room.audioOnly.on'], exact: true });
    await toggleOn.waitFor();
    expect(await toggleOn.textContent()).toBe(en['room.audioOnly.on']);
    await expect.poll(() => receivingVideo(visitor), { timeout: 15_000 }).toBe(false);
    await visitor.screenshot({ path: `${SHOTS}/visitor-audio-only-390x844.png` });
    await host.screenshot({ path: `${SHOTS}/host-sees-audio-only-1280x800.png` });

    // Audio only off mid-call: video flows both ways again.
    await toggleOn.click();
    await visitor.getByRole('button', { name: en['room.audioOnly.off'], exact: true }).waitFor();
    await expectVideoPlaying(host, REMOTE_CAMERA);
    await expect.poll(() => receivingVideo(visitor), { timeout: 15_000 }).toBe(true);
    expect(await audioOnlyTile(host).count()).toBe(0);

    // And on again mid-call: the host's camera stops arriving at the visitor.
    await visitor.getByRole('button', { name: en['room.audioOnly.off'], exact: true }).click();
    await audioOnlyTile(host).waitFor({ timeout: 10_000 });
    await expect.poll(() => receivingVideo(visitor), { timeout: 15_000 }).toBe(false);
  });
});

describe('audio only on LiveKit', () => {
  it('joins so and switches mid-call: the other side sees "Audio only" and no camera reaches the switcher', async () => {
    const title = 'Audio only on LiveKit';
    const { consolePage, inviteUrl, visitId } = await staffWithVisit(livekit, title);
    const name = 'Lee Listener';
    const visitor = await visitorWaiting(inviteUrl, name);
    const entry = consolePage.getByRole('article', { name });
    await entry.getByRole('button', { name: t('console.admit.label', { name }) }).click();
    await visitor.locator('.room[data-provider="livekit"]').waitFor({ timeout: 20_000 });
    const host = await hostJoins(consolePage, livekit, visitId, true);
    await host.locator('.room[data-provider="livekit"]').waitFor({ timeout: 20_000 });
    // Staff joined with audio only: the visitor's page says so on their tile, and no camera
    // reaches the host; then staff turn it off from the bar and both cameras flow.
    await audioOnlyTile(visitor).getByText(en['room.audioOnly']).waitFor({ timeout: 15_000 });
    await expect.poll(() => receivingVideo(host), { timeout: 20_000 }).toBe(false);
    await host.getByRole('button', { name: en['room.audioOnly.on'], exact: true }).click();
    await expectVideoPlaying(visitor, REMOTE_CAMERA);
    await expectVideoPlaying(host, REMOTE_CAMERA);
    await expect.poll(() => receivingVideo(visitor), { timeout: 15_000 }).toBe(true);

    await visitor.getByRole('button', { name: en['room.audioOnly.off'], exact: true }).click();
    await visitor.getByRole('button', { name: en['room.audioOnly.on'], exact: true }).waitFor();
    await audioOnlyTile(host).getByText(en['room.audioOnly']).waitFor({ timeout: 15_000 });
    await expect.poll(() => host.locator(REMOTE_PICTURE).count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => receivingVideo(visitor), { timeout: 20_000 }).toBe(false);
    expect(await visitor.locator(REMOTE_PICTURE).count()).toBe(0);
    await visitor.screenshot({ path: `${SHOTS}/livekit-visitor-audio-only-1280x800.png` });
    await host.setViewportSize(phone);
    await host.screenshot({ path: `${SHOTS}/livekit-host-sees-audio-only-390x844.png` });
    await host.setViewportSize(desktop);

    // Off again: the host's camera arrives once more.
    await visitor.getByRole('button', { name: en['room.audioOnly.on'], exact: true }).click();
    await expectVideoPlaying(visitor, REMOTE_CAMERA);
    await expect.poll(() => audioOnlyTile(host).count(), { timeout: 10_000 }).toBe(0);
  });
});
