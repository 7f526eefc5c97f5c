// Two simulcast tracks of one publisher name their layers alike (`q`, `h`): a camera and a screen
// share started while the camera's first packets still carry their RID. The server must keep each
// layer's packets with its own track — before, the camera's went to the share and stayed there, and
// the other page's camera froze for good once the share stopped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowserHarness, type BrowserHarness } from './fixtures/browser-page.ts';
import {
  SIGNAL_MODES,
  startSignalServer,
  type TestSignalServer,
} from './fixtures/signal-server.ts';

type LkTest = {
  join(url: string, token: string, options?: { singlePeerConnection?: boolean }): Promise<number>;
  video(identity: string, source?: string): { width: number; frames: number } | null;
  events: { type: string; identity?: string; source?: string }[];
  shareScreen(): Promise<string>;
  stopScreenShare(): Promise<void>;
};
declare const lkTest: LkTest;

let harness: BrowserHarness;

beforeAll(async () => {
  harness = await startBrowserHarness();
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}

describe.each(SIGNAL_MODES)('a camera and a screen share from one page over $path', (mode) => {
  let server: TestSignalServer;
  let alice: Page;
  let bob: Page;
  const room = 'visit-routing';

  /** Packets of bob's camera the server has received, per simulcast layer. */
  const cameraLayers = () =>
    server.signal
      .mediaStats(room)
      .find((t) => t.identity === 'bob' && t.kind === 'video' && t.source === 1)?.layerPackets ??
    {};
  const total = (layers: Record<number, number>) =>
    Object.values(layers).reduce((sum, n) => sum + n, 0);

  beforeAll(async () => {
    server = await startSignalServer();
    alice = await harness.browser.newPage();
    bob = await harness.browser.newPage();
    for (const [page, identity] of [
      [alice, 'alice'],
      [bob, 'bob'],
    ] as const) {
      await page.goto(harness.pageUrl);
      await page.waitForFunction(() => 'lkTest' in globalThis);
      const token = await server.token(identity, room);
      await page.evaluate(([url, t, o]) => lkTest.join(url, t, o), [
        server.url,
        token,
        { singlePeerConnection: mode.singlePeerConnection },
      ] as const);
    }
  }, 60_000);

  afterAll(async () => {
    await alice?.close();
    await bob?.close();
    await server?.close();
  });

  it("keeps the camera's layers with the camera while a screen share starts", async () => {
    // Share as soon as the camera plays: its packets still carry their RID then.
    await until(
      () => alice.evaluate(() => lkTest.video('bob')),
      (v) => (v?.frames ?? 0) > 0,
    );
    await bob.evaluate(() => lkTest.shareScreen());
    await until(
      () => alice.evaluate(() => lkTest.video('bob', 'screen_share')),
      (v) => (v?.width ?? 0) > 0,
    );
    const before = total(cameraLayers());
    const after = await until(
      async () => total(cameraLayers()),
      (n) => n > before + 50,
    );
    expect(after).toBeGreaterThan(before + 50);
  });

  it('plays the camera on at the other page after the share stops', async () => {
    await bob.evaluate(() => lkTest.stopScreenShare());
    await until(
      () => alice.evaluate(() => lkTest.events),
      (e) => e.some((x) => x.type === 'trackUnsubscribed' && x.source === 'screen_share'),
    );
    const before = (await alice.evaluate(() => lkTest.video('bob')))!.frames;
    const after = await until(
      () => alice.evaluate(() => lkTest.video('bob')),
      (v) => (v?.frames ?? 0) > before + 10,
    );
    expect(after!.frames).toBeGreaterThan(before + 10);
  });
});
