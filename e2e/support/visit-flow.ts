// (Browser-side code is passed to evaluate() as strings: this project compiles without DOM types.)
// A whole visit in two browser contexts, through the product's own pages: staff sign in and
// create a visit; a visitor opens the invite, previews devices and asks to join; the console
// shows them live; staff admit and join as host; both see each other; a reaction, a screen share
// and (where the provider records) a consented recording reach the other side; staff remove the
// visitor, who cannot come back, and end the visit. Used by visit-p2p and visit-livekit.
import { expect } from 'vitest';
import type { ProviderName } from '@openconnect/contracts';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { en, t } from './strings.ts';
import { screenshot } from './artifacts.ts';
import { watchPage, type PageProblems } from './browser.ts';
import type { TestServer } from './server.ts';

export interface VisitFlowOptions {
  browser: Browser;
  server: TestServer;
  provider: ProviderName;
  /** Artifact folder, e.g. `visit-p2p`. */
  artifacts: string;
}

/** Console errors a healthy page may log (a refused request the page handles, media warnings). */
const expected = (text: string) =>
  text.startsWith('Failed to load resource') || /webrtc|ice|websocket|livekit/i.test(text);

const REMOTE_CAMERA = '.tile[data-kind="camera"]:not([data-local]) video';
const REMOTE_SCREEN = '.tile[data-kind="screen"]:not([data-local]) video';

/** Waits until the page's h1 reads `text`. */
export async function expectHeading(page: Page, text: string, timeout = 15_000): Promise<void> {
  const h1 = page.getByRole('heading', { level: 1 });
  await expect.poll(async () => h1.first().textContent(), { timeout }).toBe(text);
}

/** Waits until `selector` matches a video that has frames and whose time advances. */
export async function expectVideoPlaying(
  page: Page,
  selector: string,
  timeout = 30_000,
): Promise<void> {
  const probe = `(async () => {
    const v = [...document.querySelectorAll(${JSON.stringify(selector)})].find((e) => e.videoWidth > 0);
    if (!v) return false;
    const start = v.currentTime;
    const frame = await new Promise((resolve) => {
      if (!('requestVideoFrameCallback' in v)) return resolve(true);
      const timer = setTimeout(() => resolve(false), 2000);
      v.requestVideoFrameCallback(() => { clearTimeout(timer); resolve(true); });
    });
    await new Promise((r) => setTimeout(r, 300));
    return frame && v.currentTime > start;
  })()`;
  await expect.poll(() => page.evaluate(probe), { timeout, interval: 500 }).toBe(true);
}

/** Signs the seeded admin in through the sign-in page; returns their facility id. */
export async function staffSignIn(page: Page, server: TestServer): Promise<string> {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel(en['signIn.email']).fill(server.email);
  await page.getByLabel(en['signIn.password']).fill(server.password);
  await page.getByLabel(en['signIn.password']).press('Enter');
  await page.waitForURL(/\/facilities\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split('/')[2] ?? '';
}

/** How many browser reports of a call timing the server's metrics have counted. */
async function clientTimingCount(
  server: TestServer,
  metric: string,
  provider: string,
): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const name = `openconnect_client_${metric}_seconds_count{provider="${provider}"}`;
  const line = text.split('\n').find((l) => l.startsWith(name));
  return line ? Number(line.slice(name.length)) : 0;
}

function visitPanel(page: Page, title: string): Locator {
  return page.getByRole('article', { name: title });
}

/** Runs the whole visit; fails at the first step that does not happen. */
export async function runVisitFlow({
  browser,
  server,
  provider,
  artifacts,
}: VisitFlowOptions): Promise<void> {
  const contexts: BrowserContext[] = [];
  const problems: PageProblems[] = [];
  const newPage = async (context: BrowserContext) => {
    const page = await context.newPage();
    problems.push(watchPage(page, expected));
    return page;
  };
  try {
    // Staff: sign in, create a visit and take its invite link.
    const staff = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(staff);
    const consolePage = await newPage(staff);
    const facilityId = await staffSignIn(consolePage, server);
    const title = `Tea with Mum (${provider})`;
    await consolePage.getByLabel(en['visits.form.name']).fill(title);
    await consolePage.getByLabel(en['visits.form.name']).press('Enter');
    const inviteUrl = await consolePage.getByLabel(t('invite.label', { title })).inputValue();
    const visitId = await consolePage
      .getByRole('article', { name: title })
      .getAttribute('data-visit-id');
    expect(visitId).toBeTruthy();

    // The console, linked from the dashboard.
    await consolePage.getByRole('link', { name: en['console.link'] }).click();
    await consolePage.waitForURL(`**/facilities/${facilityId}/console`);
    await consolePage.getByText(en['console.queue.empty']).waitFor();

    // Visitor: invite page, then the waiting room with a live preview and device menus.
    const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(visitorContext);
    const visitor = await newPage(visitorContext);
    // While waiting, the page loads the call's code for the visit's video service (only that
    // one), so that being let in waits for the connection, not for scripts.
    const roomChunks: string[] = [];
    visitor.on('requestfinished', (request) => {
      const chunk = /\/assets\/(P2PVideoRoom|LiveKitVideoRoom)-[^/]*\.js$/.exec(request.url());
      if (chunk) roomChunks.push(chunk[1]!);
    });
    await visitor.goto(inviteUrl);
    await expectHeading(visitor, title);
    await visitor.getByRole('button', { name: en['landing.getReady'] }).click();
    await expectHeading(visitor, en['lobby.title']);
    await expectVideoPlaying(visitor, '.device-preview video');
    await visitor.getByLabel(en['lobby.camera'], { exact: true }).waitFor();
    await visitor.getByLabel(en['lobby.microphone'], { exact: true }).waitFor();
    await visitor.getByLabel(en['lobby.level']).waitFor();
    const name = 'Ann Visitor';
    await visitor.getByLabel(en['lobby.name']).fill(name);
    await screenshot(visitor, `${artifacts}/1-waiting-room-ready`);
    await visitor.getByRole('button', { name: en['lobby.ask'] }).click();
    await expectHeading(visitor, en['lobby.waiting.title']);
    await visitor.getByText(en['lobby.waiting.next']).waitFor();
    await screenshot(visitor, `${artifacts}/2-waiting-room-waiting`);
    const providerRoom = provider === 'livekit' ? 'LiveKitVideoRoom' : 'P2PVideoRoom';
    await expect.poll(() => roomChunks, { timeout: 15_000 }).toContain(providerRoom);
    expect(roomChunks).toEqual([providerRoom]);

    // The console shows the entry live, announced for screen readers; staff let them in.
    const entry = consolePage.getByRole('article', { name });
    await entry.waitFor({ timeout: 10_000 });
    await entry.getByText(t('console.queue.visit', { title })).waitFor();
    await consolePage.getByText(t('console.announce.waiting', { name, title })).waitFor();
    await screenshot(consolePage, `${artifacts}/3-console-queue`);
    await entry.getByRole('button', { name: t('console.admit.label', { name }) }).click();
    await entry.waitFor({ state: 'detached' });

    // The visitor is taken into the call; staff join as host from the console in a second tab.
    await visitor.locator(`.room[data-provider="${provider}"]`).waitFor({ timeout: 20_000 });
    const host = await newPage(staff);
    await host.goto(`${server.url}/facilities/${facilityId}/console`);
    await host.getByRole('link', { name: t('console.visit.join.label', { title }) }).click();
    await host.waitForURL(`**/visits/${visitId}/room`);
    // Staff check their camera and microphone first, as visitors do.
    await expectVideoPlaying(host, '.device-preview video');
    await host.getByRole('button', { name: en['call.preview.join'] }).click();
    await host.locator(`.room[data-provider="${provider}"]`).waitFor({ timeout: 20_000 });

    // Each sees the other's camera playing.
    await expectVideoPlaying(visitor, REMOTE_CAMERA);
    await expectVideoPlaying(host, REMOTE_CAMERA);
    const panel = visitPanel(consolePage, title);
    await panel.getByText(name, { exact: true }).waitFor({ timeout: 10_000 });
    await screenshot(visitor, `${artifacts}/4-video-room-visitor`);

    // Both browsers reported their time to connected and to the first remote frame.
    for (const metric of ['time_to_connected', 'time_to_first_frame']) {
      await expect
        .poll(() => clientTimingCount(server, metric, provider), { timeout: 15_000 })
        .toBeGreaterThanOrEqual(2);
    }
    await screenshot(host, `${artifacts}/5-video-room-host`);

    // A reaction from the visitor floats on the visitor's tile on the host's screen.
    await visitor.getByRole('button', { name: t('room.reaction.send', { emoji: '👍' }) }).click();
    await host
      .locator('.tile[data-kind="camera"]:not([data-local]) .reaction-float', { hasText: '👍' })
      .waitFor({
        timeout: 10_000,
      });

    // Chat goes the other way.
    await host.getByRole('button', { name: en['room.chat'] }).click();
    await host.getByLabel(en['room.chat.input']).fill('Hello Ann');
    await host.getByLabel(en['room.chat.input']).press('Enter');
    await visitor.getByRole('button', { name: t('room.chat.unread', { count: 1 }) }).click();
    await visitor.locator('.chat__list').getByText('Hello Ann').waitFor();

    // On p2p the visitor switches microphone mid-call from the device menu; the call goes on.
    if (provider === 'p2p') {
      await visitor.getByRole('button', { name: en['room.devices.microphoneMenu'] }).click();
      const other = visitor.getByRole('button', { name: 'Fake Audio Input 2' });
      await other.click();
      await expect
        .poll(() => visitor.evaluate(`document.activeElement?.textContent`))
        .toBe(en['room.devices.microphoneMenu']);
      await visitor.getByRole('button', { name: en['room.devices.microphoneMenu'] }).click();
      await expect.poll(() => other.getAttribute('aria-pressed')).toBe('true');
      await visitor.keyboard.press('Escape');
      await expectVideoPlaying(host, REMOTE_CAMERA);
    }

    // The host shares a screen; the visitor sees it.
    await host.getByRole('button', { name: en['room.screen.start'] }).click();
    await expectVideoPlaying(visitor, REMOTE_SCREEN);
    await screenshot(visitor, `${artifacts}/6-video-room-screen-share`);

    // Recording: only where the visit's provider can record, and only after consent.
    const startRecording = panel.getByRole('button', { name: en['console.recording.start'] });
    if (provider === 'livekit') {
      await startRecording.click();
      await panel.getByRole('button', { name: en['console.recording.confirm'] }).click();
      await panel.getByText(en['console.recording.consent.error']).waitFor();
      await panel.getByLabel(en['console.recording.consent']).check();
      await panel.getByRole('button', { name: en['console.recording.confirm'] }).click();
      await panel
        .getByRole('button', { name: en['console.recording.stop'] })
        .waitFor({ timeout: 15_000 });
      for (const page of [visitor, host]) {
        await page.getByRole('img', { name: en['room.recording'] }).waitFor({ timeout: 20_000 });
        // Everyone present is asked (recording-consent.test.ts follows the answers through).
        await page
          .getByRole('dialog', { name: en['room.consent.recording.title'] })
          .getByRole('button', { name: en['room.consent.understand'] })
          .click();
      }
      await screenshot(visitor, `${artifacts}/7-video-room-recording`);
      await screenshot(consolePage, `${artifacts}/8-console-recording`);
    } else {
      expect(await startRecording.count()).toBe(0);
      expect(
        await panel.getByRole('heading', { name: en['console.recording.title'] }).count(),
      ).toBe(0);
      await screenshot(consolePage, `${artifacts}/8-console-visit`);
    }

    // Staff remove the visitor: their page says so, and the old link state cannot get back in.
    await panel
      .getByRole('button', { name: t('console.participant.remove.label', { name }) })
      .click();
    await panel.getByRole('button', { name: en['console.participant.remove.yes'] }).click();
    await expectHeading(visitor, en['lobby.removed.title'], 20_000);
    await screenshot(visitor, `${artifacts}/9-visitor-removed`);
    await visitor.reload();
    await expectHeading(visitor, en['lobby.removed.title']);
    const ticket = JSON.parse(
      (await visitor.evaluate(
        `(() => { const id = [...Object.keys(sessionStorage)].find((k) => k.startsWith('openconnect.lobby.entry.')); return sessionStorage.getItem(id); })()`,
      )) as string,
    ) as { entryId: string; visitorToken: string };
    const rejoin = await visitorContext.request.post(
      `${server.url}/api/v1/lobby/${ticket.entryId}/join`,
      {
        data: {},
        headers: {
          Authorization: `Bearer ${ticket.visitorToken}`,
          'Content-Type': 'application/json',
        },
      },
    );
    expect(rejoin.status()).toBe(403);
    await host.locator(REMOTE_CAMERA).waitFor({ state: 'detached', timeout: 20_000 });

    // Staff end the visit: the host's call ends with a clear message, the console drops it.
    await panel.getByRole('button', { name: t('console.visit.end.label', { title }) }).click();
    await panel.getByRole('button', { name: en['console.visit.end.confirm'] }).click();
    await panel.waitFor({ state: 'detached', timeout: 10_000 });
    await host.getByText(en['room.ended.closed']).waitFor({ timeout: 20_000 });
    await screenshot(host, `${artifacts}/10-host-visit-ended`);

    expect(problems.flatMap((p) => p.errors)).toEqual([]);
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
}
