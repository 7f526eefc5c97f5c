// (Browser-side code is passed to evaluate() as strings: this project compiles without DOM types.)
// The call screen on both providers, at a phone's size (390x844) and a laptop's (1280x800): in a
// 1:1 visit, during a screen share and in a group of three, every call control lies inside the
// viewport and the page does not scroll; in 1:1 the other person's tile is larger than your own;
// the microphone button says "Mute"/"Unmute" and is pressed while muted; the camera menu opens
// on its first device and Escape gives focus back to its button.
import type { ProviderName } from '@openconnect/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/artifacts.ts';
import { launchChromium, watchPage, type PageProblems } from './support/browser.ts';
import { en, t } from './support/strings.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { expectHeading, expectVideoPlaying, staffSignIn } from './support/visit-flow.ts';

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

const REMOTE_CAMERA = '.tile[data-kind="camera"]:not([data-local]) video';
const REMOTE_SCREEN = '.tile[data-kind="screen"]:not([data-local]) video';

/** Console errors a healthy call may log (as in visit-flow.ts). */
const expected = (text: string) =>
  text.startsWith('Failed to load resource') || /webrtc|ice|websocket|livekit/i.test(text);

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface ScreenFacts {
  viewport: { width: number; height: number };
  scroll: { width: number; height: number };
  controls: { name: string; box: Box }[];
}

/** The viewport, the page's scrollable size and every visible control in the call's toolbar. */
const screenFacts = `(() => {
  const root = document.scrollingElement;
  const controls = [...document.querySelectorAll('[role="toolbar"] button')]
    .filter((b) => b.getClientRects().length > 0)
    .map((b) => {
      const r = b.getBoundingClientRect();
      return {
        name: b.getAttribute('aria-label') || b.textContent,
        box: { x: r.x, y: r.y, width: r.width, height: r.height },
      };
    });
  return {
    viewport: { width: window.innerWidth, height: window.innerHeight },
    scroll: { width: root.scrollWidth, height: root.scrollHeight },
    controls,
  };
})()`;

/** The stage's box and each grid tile's. */
const tileBoxes = `(() => {
  const box = (e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };
  return {
    stage: box(document.querySelector('.stage__grid')),
    tiles: [...document.querySelectorAll('.stage__grid > .tile')].map(box),
  };
})()`;

/** Asserts the call fits: every control inside the viewport, nothing to scroll. */
async function expectCallFits(page: Page): Promise<void> {
  const facts = (await page.evaluate(screenFacts)) as ScreenFacts;
  const { viewport } = facts;
  expect(facts.controls.map((c) => c.name)).toContain(en['room.leave']);
  for (const { name, box } of facts.controls) {
    expect(box.x, `${name} left edge`).toBeGreaterThanOrEqual(0);
    expect(box.y, `${name} top edge`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${name} right edge`).toBeLessThanOrEqual(viewport.width + 0.5);
    expect(box.y + box.height, `${name} bottom edge`).toBeLessThanOrEqual(viewport.height + 0.5);
  }
  expect(facts.scroll.height, 'page height').toBeLessThanOrEqual(viewport.height);
  expect(facts.scroll.width, 'page width').toBeLessThanOrEqual(viewport.width);
}

/** Area of the first element matching `selector`. */
async function area(page: Page, selector: string): Promise<number> {
  const box = await page.locator(selector).first().boundingBox();
  return box ? box.width * box.height : 0;
}

/** Checks the call at both sizes, with a screenshot of each; ends at the desktop size. */
async function checkBothSizes(page: Page, artifact: string, check?: () => Promise<void>) {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await expect
      .poll(() => page.evaluate('window.innerWidth'), { timeout: 5_000 })
      .toBe(size.width);
    await expectCallFits(page);
    await check?.();
    await screenshot(page, `${artifact}-${size.name}`);
  }
}

describe.each<ProviderName>(['p2p', 'livekit'])('the call screen on %s', (provider) => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: PageProblems[] = [];
  let consolePage: Page;
  let host: Page;
  let visitor: Page;
  let inviteUrl: string;
  const title = `Call screen (${provider})`;
  const artifacts = `call-screen/${provider}`;

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    problems.push(watchPage(page, expected));
    return page;
  }

  /** A visitor knocks through the invite page and staff admit them from the console. */
  async function admitVisitor(name: string): Promise<Page> {
    const page = await newPage();
    await page.goto(inviteUrl);
    await page.getByRole('button', { name: en['landing.getReady'] }).click();
    await expectHeading(page, en['lobby.title']);
    await page.getByLabel(en['lobby.name']).fill(name);
    await page.getByRole('button', { name: en['lobby.ask'] }).click();
    await expectHeading(page, en['lobby.waiting.title']);
    const entry = consolePage.getByRole('article', { name });
    await entry.getByRole('button', { name: t('console.admit.label', { name }) }).click();
    await page.locator(`.room[data-provider="${provider}"]`).waitFor({ timeout: 20_000 });
    return page;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer(
        provider === 'livekit' ? { FEATURE_LIVEKIT: 'true', PROVIDER_TYPE: 'livekit' } : {},
      ),
      launchChromium({ args: ['--autoplay-policy=no-user-gesture-required'] }),
    ]);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await server?.close();
  });

  it('admits a visitor, and the host joins from the console', async () => {
    // Staff create the visit and keep the console open; the host joins from it in a second tab.
    const staff = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(staff);
    consolePage = await staff.newPage();
    problems.push(watchPage(consolePage, expected));
    const facilityId = await staffSignIn(consolePage, server);
    await consolePage.getByLabel(en['visits.form.name']).fill(title);
    await consolePage.getByLabel(en['visits.form.name']).press('Enter');
    inviteUrl = await consolePage.getByLabel(t('invite.label', { title })).inputValue();
    await consolePage.goto(`${server.url}/facilities/${facilityId}/console`);

    visitor = await admitVisitor('Ann Visitor');
    host = await staff.newPage();
    problems.push(watchPage(host, expected));
    await host.goto(`${server.url}/facilities/${facilityId}/console`);
    await host.getByRole('link', { name: t('console.visit.join.label', { title }) }).click();
    await host.getByRole('button', { name: en['call.preview.join'] }).click();
    await host.locator(`.room[data-provider="${provider}"]`).waitFor({ timeout: 20_000 });
    await expectVideoPlaying(visitor, REMOTE_CAMERA);
    await expectVideoPlaying(host, REMOTE_CAMERA);
  });

  it('shows a 1:1 visit with the other person large and yourself small, all controls on screen', async () => {
    const other = '.tile[data-kind="camera"]:not([data-local])';
    const self = '.tile[data-kind="camera"][data-local]';
    await visitor.getByText(t('room.you', { name: 'Ann Visitor' })).waitFor();
    await checkBothSizes(visitor, `${artifacts}/1-one-to-one-visitor`, async () => {
      expect(await area(visitor, other)).toBeGreaterThan(2 * (await area(visitor, self)));
    });
    await checkBothSizes(host, `${artifacts}/2-one-to-one-host`);
  });

  it('says "Mute" and "Unmute" on the microphone button and marks it pressed while muted', async () => {
    const bar = visitor.getByRole('toolbar', { name: en['room.controls'] });
    const mute = bar.getByRole('button', { name: en['room.mic.off'], exact: true });
    expect(await mute.getAttribute('aria-pressed')).toBe('false');
    await mute.click();
    const unmute = bar.getByRole('button', { name: en['room.mic.on'], exact: true });
    await expect.poll(() => unmute.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    // The other side sees the microphone off on the visitor's tile.
    await host.getByText(en['room.muted']).waitFor({ timeout: 10_000 });
    await screenshot(visitor, `${artifacts}/3-muted`);
    await unmute.click();
    await expect
      .poll(() =>
        bar
          .getByRole('button', { name: en['room.mic.off'], exact: true })
          .getAttribute('aria-pressed'),
      )
      .toBe('false');
  });

  it('opens the camera menu on its first device, and Escape takes focus back to its button', async () => {
    const bar = visitor.getByRole('toolbar', { name: en['room.controls'] });
    const toggle = bar.getByRole('button', { name: en['room.devices.cameraMenu'] });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const focusedItem = () =>
      visitor.evaluate(`document.activeElement?.matches('.device-menu__item') ?? false`);
    await expect.poll(focusedItem, { timeout: 5_000 }).toBe(true);
    await visitor.keyboard.press('Escape');
    await expect
      .poll(() => toggle.evaluate((button) => button === button.ownerDocument.activeElement))
      .toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('keeps every control on screen while a screen is shared, for the sharer too', async () => {
    await host.getByRole('button', { name: en['room.screen.start'] }).click();
    await expectVideoPlaying(visitor, REMOTE_SCREEN);
    await checkBothSizes(visitor, `${artifacts}/4-screen-share-visitor`, async () => {
      const screenArea = await area(visitor, '.tile[data-kind="screen"]');
      const cameraArea = await area(visitor, '.tile[data-kind="camera"]:not([data-local])');
      expect(screenArea).toBeGreaterThan(cameraArea);
    });
    await checkBothSizes(host, `${artifacts}/5-screen-share-host`);
    await host.getByRole('button', { name: en['room.screen.stop'] }).click();
    await visitor.locator(REMOTE_SCREEN).waitFor({ state: 'detached', timeout: 20_000 });
  });

  it('admits a second visitor, making a group of three', async () => {
    const bo = await admitVisitor('Bo Visitor');
    await expectVideoPlaying(bo, REMOTE_CAMERA);
    await expect
      .poll(() => visitor.locator('.tile[data-kind="camera"]').count(), { timeout: 30_000 })
      .toBe(3);
  });

  it('fits a group of three in the viewport', async () => {
    await checkBothSizes(visitor, `${artifacts}/6-group-visitor`, async () => {
      expect(await visitor.locator('.stage--grid .tile').count()).toBe(3);
      // Every tile inside the stage; a last row that is not full is centred.
      const boxes = (await visitor.evaluate(tileBoxes)) as { stage: Box; tiles: Box[] };
      for (const tile of boxes.tiles) {
        expect(tile.y + tile.height).toBeLessThanOrEqual(boxes.stage.y + boxes.stage.height + 0.5);
        expect(tile.x + tile.width).toBeLessThanOrEqual(boxes.stage.x + boxes.stage.width + 0.5);
      }
      const rows = new Map<number, Box[]>();
      for (const tile of boxes.tiles)
        rows.set(Math.round(tile.y), [...(rows.get(Math.round(tile.y)) ?? []), tile]);
      for (const row of rows.values()) {
        const left = Math.min(...row.map((b) => b.x)) - boxes.stage.x;
        const right =
          boxes.stage.x + boxes.stage.width - Math.max(...row.map((b) => b.x + b.width));
        expect(Math.abs(left - right)).toBeLessThanOrEqual(2);
      }
    });
    expect(problems.flatMap((p) => p.errors)).toEqual([]);
  });
});
