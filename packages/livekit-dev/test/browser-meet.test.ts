// LiveKit Meet's options against the development server: two Chromium pages running the
// unmodified livekit-client with adaptive stream, dynacast, VP9 preferred (the server's enabled
// codecs make the client fall back to VP8, as a LiveKit server without VP9 would), two simulcast
// layers over a 720p capture, RED and no DTX. Outcomes only (first frames arrive, the sized tile
// gets its layer, an unwatched layer stops, a share and an unmute show); how fast is measured by
// `npm run bench:livekit-sfu`, not here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowserHarness, type BrowserHarness } from './fixtures/browser-page.ts';
import { startSignalServer, type TestSignalServer } from './fixtures/signal-server.ts';

type LkTest = {
  join(url: string, token: string, options?: { meet?: boolean }): Promise<number>;
  video(
    identity: string,
    source?: string,
  ): { width: number; height: number; frames: number; time: number } | null;
  firstFrame(identity: string, source?: string): { fromConnect: number } | null;
  tile(identity: string, width: number, height: number, source?: string): boolean;
  codec(kind: 'audio' | 'video', identity?: string): Promise<string | null>;
  audioEnergy(identity: string): Promise<number>;
  audioPayload(identity?: string): string | null;
  events: { type: string; identity?: string; source?: string }[];
  setCamera(enabled: boolean): Promise<void>;
  shareScreen(): Promise<string>;
};
declare const lkTest: LkTest;

const ROOM = 'meet-visit';
/** Generous: three Chromium pages share a loaded two-core machine. */
const WAIT_MS = 30_000;

let harness: BrowserHarness;
let server: TestSignalServer;
let alice: Page;
let bob: Page;

async function until<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  waitMs = WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + waitMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

async function openPage(): Promise<Page> {
  const page = await harness.browser.newPage();
  await page.goto(harness.pageUrl);
  await page.waitForFunction(() => 'lkTest' in globalThis);
  return page;
}

async function join(page: Page, identity: string): Promise<void> {
  const token = await server.token(identity, ROOM);
  await page.evaluate(([url, t]) => lkTest.join(url, t, { meet: true }), [
    server.url,
    token,
  ] as const);
}

/** Packets the SFU receives of alice's camera, per simulcast layer. */
function aliceCameraLayers(): Record<number, number> {
  const camera = server.signal
    .mediaStats(ROOM)
    .find((t) => t.identity === 'alice' && t.kind === 'video' && t.source === 1);
  return camera?.layerPackets ?? {};
}

const total = (layers: Record<number, number>) =>
  Object.values(layers).reduce((sum, n) => sum + n, 0);

beforeAll(async () => {
  harness = await startBrowserHarness();
  // Dynacast pauses after 1 s here instead of LiveKit's 5 s, to keep the suite short.
  server = await startSignalServer({ dynacastPauseSeconds: 1 });
  alice = await openPage();
  bob = await openPage();
  await join(alice, 'alice');
  // Alice is an existing publisher by the time bob arrives: her camera reaches the server.
  await until(
    async () => total(aliceCameraLayers()),
    (n) => n > 0,
  );
  await join(bob, 'bob');
}, 120_000);

afterAll(async () => {
  await alice?.close();
  await bob?.close();
  await server?.close();
  await harness?.close();
});

describe("two pages with LiveKit Meet's options", () => {
  it("shows an existing publisher's camera to a newcomer, and the newcomer's to it", async () => {
    const atBob = await until(
      () => bob.evaluate(() => lkTest.firstFrame('alice')),
      (f) => f !== null,
    );
    expect(atBob).not.toBeNull();
    const atAlice = await until(
      () => alice.evaluate(() => lkTest.firstFrame('bob')),
      (f) => f !== null,
    );
    expect(atAlice).not.toBeNull();
  }, 90_000);

  it('sends and forwards the camera in VP8 (VP9 is not enabled) and the microphone as RED (Opus with redundancy)', async () => {
    const codecs = async (page: Page, identity?: string) => [
      await page.evaluate((id) => lkTest.codec('video', id), identity),
      await page.evaluate((id) => lkTest.audioPayload(id), identity),
    ];
    const sent = await until(
      () => codecs(alice),
      (c) => c.every((x) => x !== null),
    );
    expect(sent).toEqual(['video/VP8', 'audio/red']);
    const received = await until(
      () => bob.evaluate(() => lkTest.codec('video', 'alice')),
      (c) => c !== null,
    );
    expect(received).toBe('video/VP8');
    // Chromium names the Opus inside also when it receives RED: what the server sends bob is
    // read on the server.
    const microphone = server.signal
      .mediaStats(ROOM)
      .find((t) => t.identity === 'alice' && t.kind === 'audio');
    expect(microphone?.receivers.map((r) => r.codec)).toEqual(['audio/red']);
    // RED unwrapped on arrival and wrapped again for the subscriber: the sound itself arrives.
    const energy = await until(
      () => bob.evaluate(() => lkTest.audioEnergy('alice')),
      (e) => e > 0,
    );
    expect(energy).toBeGreaterThan(0);
  }, 90_000);

  it('sends a 960x540 tile the 540p layer and a small tile the 216p one', async () => {
    await bob.evaluate(() => lkTest.tile('alice', 960, 540));
    const large = await until(
      () => bob.evaluate(() => lkTest.video('alice')),
      (v) => v?.height === 540,
    );
    expect(large?.height).toBe(540);
    await bob.evaluate(() => lkTest.tile('alice', 320, 180));
    const small = await until(
      () => bob.evaluate(() => lkTest.video('alice')),
      (v) => v?.height === 216,
    );
    expect(small?.height).toBe(216);
  }, 90_000);

  it('steps a viewer whose link loses video down a layer, never stalls it, and steps back up once the link is clean', async () => {
    await bob.evaluate(() => lkTest.tile('alice', 960, 540));
    const before = await until(
      () => bob.evaluate(() => lkTest.video('alice')),
      (v) => v?.height === 540,
    );
    expect(before?.height).toBe(540);
    const bobsLink = async () =>
      server.signal
        .mediaStats(ROOM)
        .find((t) => t.identity === 'alice' && t.kind === 'video' && t.source === 1)?.receivers[0]
        ?.linkSteps ?? 0;
    // A third of the packets to bob are lost: his receiver reports it, the server sends less.
    server.server.faults.loseVideoTo('bob', 0.35);
    try {
      const stepped = await until(bobsLink, (steps) => steps > 0);
      expect(stepped).toBeGreaterThan(0);
      const lower = await until(
        () => bob.evaluate(() => lkTest.video('alice')),
        (v) => (v?.height ?? 540) < 540,
      );
      expect(lower?.height).toBeLessThan(540);
      // Still moving at the lower layer: degraded, not stalled.
      const frames = lower?.frames ?? 0;
      const moving = await until(
        () => bob.evaluate(() => lkTest.video('alice')),
        (v) => (v?.frames ?? 0) > frames,
      );
      expect(moving?.frames).toBeGreaterThan(frames);
    } finally {
      server.server.faults.loseVideoTo('bob', 0);
    }
    // Clean for ten seconds per step taken: the 540p layer comes back.
    const after = await until(
      () => bob.evaluate(() => lkTest.video('alice')),
      (v) => v?.height === 540,
      60_000,
    );
    expect(after?.height).toBe(540);
    expect(await bobsLink()).toBe(0);
  }, 150_000);

  it('pauses the layers of a tile nobody watches (dynacast) and resumes them when shown', async () => {
    await bob.evaluate(() => lkTest.tile('alice', 0, 0));
    // Paused: alice's browser stops sending her camera, so the server receives nothing of it.
    const paused = await until(
      async () => {
        const before = total(aliceCameraLayers());
        await new Promise((resolve) => setTimeout(resolve, 1500));
        return total(aliceCameraLayers()) - before;
      },
      (delta) => delta === 0,
    );
    expect(paused).toBe(0);
    await bob.evaluate(() => lkTest.tile('alice', 960, 540));
    const resumedAt = aliceCameraLayers()[1] ?? 0;
    const resumed = await until(
      async () => aliceCameraLayers()[1] ?? 0,
      (n) => n > resumedAt + 50,
    );
    expect(resumed).toBeGreaterThan(resumedAt + 50);
    const frames = (await bob.evaluate(() => lkTest.video('alice')))?.frames ?? 0;
    // Frames again (which layer depends on what the loaded publisher's encoder can afford now).
    const later = await until(
      () => bob.evaluate(() => lkTest.video('alice')),
      (v) => (v?.frames ?? 0) > frames + 5,
    );
    expect(later?.frames).toBeGreaterThan(frames + 5);
  }, 120_000);

  it('shows a camera again after it was muted and unmuted', async () => {
    await alice.evaluate(() => lkTest.setCamera(false));
    const muted = await until(
      () => bob.evaluate(() => lkTest.events),
      (e) => e.some((x) => x.type === 'trackMuted' && x.source === 'camera'),
    );
    expect(muted.some((x) => x.type === 'trackMuted' && x.source === 'camera')).toBe(true);
    const frames = (await bob.evaluate(() => lkTest.video('alice')))?.frames ?? 0;
    await alice.evaluate(() => lkTest.setCamera(true));
    const after = await until(
      () => bob.evaluate(() => lkTest.video('alice')),
      (v) => (v?.frames ?? 0) > frames + 5,
    );
    expect(after?.frames).toBeGreaterThan(frames + 5);
  }, 90_000);

  it('shows a shared screen to the other page', async () => {
    await alice.evaluate(() => lkTest.shareScreen());
    const first = await until(
      () => bob.evaluate(() => lkTest.firstFrame('alice', 'screen_share')),
      (f) => f !== null,
    );
    expect(first).not.toBeNull();
    const screen = await bob.evaluate(() => lkTest.video('alice', 'screen_share'));
    expect(screen?.width).toBeGreaterThan(0);
  }, 90_000);
});
