// Two headless Chromium pages running the unmodified livekit-client meet in one room on the
// development server: they see and hear each other, exchange data, mute, share a screen, leave.
// Once on the client's default signal path, `/rtc/v1` (one peer connection each), and once on the
// classic `/rtc` (publisher and subscriber connections), which the client uses when told to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EncodedFileOutput, RoomCompositeEgressRequest } from '@livekit/protocol';
import { startBrowserHarness, type BrowserHarness } from './fixtures/browser-page.ts';
import {
  expectJoinedOn,
  SIGNAL_MODES,
  startSignalServer,
  type TestSignalServer,
} from './fixtures/signal-server.ts';

type LkTest = {
  join(url: string, token: string, options?: { singlePeerConnection?: boolean }): Promise<number>;
  video(
    identity: string,
    source?: string,
  ): { width: number; height: number; frames: number; time: number } | null;
  events: { type: string; identity?: string; source?: string; detail?: string }[];
  received: { from?: string; topic?: string; text: string }[];
  audioEnergy(identity: string, source?: string): Promise<number>;
  send(text: string, topic?: string): Promise<void>;
  setMicrophone(enabled: boolean): Promise<void>;
  shareScreen(options?: { audio?: boolean }): Promise<string>;
  stopScreenShare(): Promise<void>;
  isRecording(): boolean;
  inboundVideo(identity: string, source?: string): Promise<Record<string, unknown>[]>;
  outboundVideo(source?: string): Promise<Record<string, unknown>[]>;
  leave(): Promise<void>;
  state(): string;
};
declare const lkTest: LkTest;

let harness: BrowserHarness;

async function openPage(): Promise<Page> {
  const page = await harness.browser.newPage();
  await page.goto(harness.pageUrl);
  await page.waitForFunction(() => 'lkTest' in globalThis);
  return page;
}

async function until<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  // Generous: the pages share two loaded cores and may decode only a few frames a second.
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}

beforeAll(async () => {
  harness = await startBrowserHarness();
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

describe.each(SIGNAL_MODES)('two livekit-client pages in one room over $path', (mode) => {
  let server: TestSignalServer;
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    server = await startSignalServer();
    alice = await openPage();
    bob = await openPage();
    const room = 'visit-1';
    const [aliceToken, bobToken] = await Promise.all([
      server.token('alice', room),
      server.token('bob', room),
    ]);
    const options = { singlePeerConnection: mode.singlePeerConnection };
    for (const [page, token] of [
      [alice, aliceToken],
      [bob, bobToken],
    ] as const) {
      await page.evaluate(([url, t, o]) => lkTest.join(url, t, o), [
        server.url,
        token,
        options,
      ] as const);
    }
  }, 60_000);

  afterAll(async () => {
    await alice?.close();
    await bob?.close();
    await server?.close();
  });

  /** Where a participant's video is, from publisher to receiver (for a failure message). */
  async function diagnosis(identity: string): Promise<string> {
    return JSON.stringify({
      server: server.signal
        .mediaStats('visit-1')
        .filter((t) => t.identity === identity && t.kind === 'video'),
      receiver: await alice.evaluate((id) => lkTest.inboundVideo(id), identity),
      sender: await bob.evaluate(() => lkTest.outboundVideo()),
      events: (await alice.evaluate(() => lkTest.events)).slice(-12),
    });
  }

  it(`joins on ${mode.path} at the first try`, () => {
    expectJoinedOn(server, mode.path, 2);
  });

  it("plays each other's camera video with advancing frames", async () => {
    for (const [page, other] of [
      [alice, 'bob'],
      [bob, 'alice'],
    ] as const) {
      const first = await until(
        () => page.evaluate((id) => lkTest.video(id), other),
        (v) => (v?.width ?? 0) > 0 && (v?.frames ?? 0) > 0,
      );
      expect(first?.width).toBeGreaterThan(0);
      const later = await until(
        () => page.evaluate((id) => lkTest.video(id), other),
        (v) => (v?.frames ?? 0) > (first?.frames ?? 0) + 5,
      );
      expect(later!.frames).toBeGreaterThan(first!.frames);
    }
  });

  it("hears the other page's microphone", async () => {
    const energy = await until(
      () => bob.evaluate(() => lkTest.audioEnergy('alice')),
      (e) => e > 0,
    );
    expect(energy).toBeGreaterThan(0);
  });

  it('delivers a data message from one page to the other and back', async () => {
    await alice.evaluate(() => lkTest.send('hello bob', 'chat'));
    const atBob = await until(
      () => bob.evaluate(() => lkTest.received),
      (r) => r.some((m) => m.text === 'hello bob'),
    );
    expect(atBob).toContainEqual({ from: 'alice', topic: 'chat', text: 'hello bob' });
    await bob.evaluate(() => lkTest.send('hello alice', 'chat'));
    const atAlice = await until(
      () => alice.evaluate(() => lkTest.received),
      (r) => r.some((m) => m.text === 'hello alice'),
    );
    expect(atAlice).toContainEqual({ from: 'bob', topic: 'chat', text: 'hello alice' });
  });

  it('shows the other page when a microphone is muted and unmuted', async () => {
    await alice.evaluate(() => lkTest.setMicrophone(false));
    const muted = await until(
      () => bob.evaluate(() => lkTest.events),
      (e) =>
        e.some(
          (x) => x.type === 'trackMuted' && x.identity === 'alice' && x.source === 'microphone',
        ),
    );
    expect(muted.some((x) => x.type === 'trackMuted' && x.identity === 'alice')).toBe(true);
    await alice.evaluate(() => lkTest.setMicrophone(true));
    const unmuted = await until(
      () => bob.evaluate(() => lkTest.events),
      (e) =>
        e.some(
          (x) => x.type === 'trackUnmuted' && x.identity === 'alice' && x.source === 'microphone',
        ),
    );
    expect(unmuted.some((x) => x.type === 'trackUnmuted' && x.identity === 'alice')).toBe(true);
  });

  it('shows a shared screen to the other page', async () => {
    await bob.evaluate(() => lkTest.shareScreen());
    const screen = await until(
      () => alice.evaluate(() => lkTest.video('bob', 'screen_share')),
      (v) => (v?.width ?? 0) > 0,
    );
    expect(screen?.width).toBeGreaterThan(0);
  });

  it('removes a stopped screen share while the camera keeps playing', async () => {
    await bob.evaluate(() => lkTest.stopScreenShare());
    const events = await until(
      () => alice.evaluate(() => lkTest.events),
      (e) =>
        e.some(
          (x) =>
            x.type === 'trackUnsubscribed' && x.identity === 'bob' && x.source === 'screen_share',
        ),
    );
    expect(events.some((x) => x.type === 'trackUnsubscribed' && x.source === 'screen_share')).toBe(
      true,
    );
    const before = (await alice.evaluate(() => lkTest.video('bob')))!.frames;
    const after = await until(
      () => alice.evaluate(() => lkTest.video('bob')),
      (v) => (v?.frames ?? 0) > before + 5,
    );
    // Should the camera stall, the message says where: the server's counters, the receiver's and
    // the sender's.
    expect(after!.frames, await diagnosis('bob')).toBeGreaterThan(before + 5);
  });

  it(
    'shows a screen shared again and again, however many receive sections that takes',
    {
      timeout: 120_000,
    },
    async () => {
      const subscriptions = async () =>
        (await alice.evaluate(() => lkTest.events)).filter(
          (x) =>
            x.type === 'trackSubscribed' && x.identity === 'bob' && x.source === 'screen_share',
        ).length;
      // The camera and the first share have had a section each; two more shares use up the three
      // video sections a single-connection client offers at first, and need one more.
      for (let share = 0; share < 2; share++) {
        const before = await subscriptions();
        await bob.evaluate(() => lkTest.shareScreen());
        expect(await until(subscriptions, (n) => n > before)).toBe(before + 1);
        const screen = await until(
          () => alice.evaluate(() => lkTest.video('bob', 'screen_share')),
          (v) => (v?.width ?? 0) > 0 && (v?.frames ?? 0) > 0,
        );
        expect(screen?.width).toBeGreaterThan(0);
        await bob.evaluate(() => lkTest.stopScreenShare());
      }
      const { requestedSections } = server.signal.stats;
      if (mode.path === '/rtc/v1') expect(requestedSections.video).toBeGreaterThan(0);
      else expect(requestedSections).toEqual({ audio: 0, video: 0 });
    },
  );

  it('shares a screen with its sound, which the other page hears, and takes both away on stop', async () => {
    const how = await bob.evaluate(() => lkTest.shareScreen({ audio: true }));
    // Tab capture carries the tab's sound: bob's page plays alice's (fake) microphone.
    expect(how).toBe('getDisplayMedia');
    const energy = await until(
      () => alice.evaluate(() => lkTest.audioEnergy('bob', 'screen_share_audio')),
      (e) => e > 0,
    );
    expect(energy).toBeGreaterThan(0);
    const screen = await until(
      () => alice.evaluate(() => lkTest.video('bob', 'screen_share')),
      (v) => (v?.frames ?? 0) > 0,
    );
    expect(screen?.frames).toBeGreaterThan(0);
    await bob.evaluate(() => lkTest.stopScreenShare());
    const events = await until(
      () => alice.evaluate(() => lkTest.events),
      (e) => e.some((x) => x.type === 'trackUnsubscribed' && x.source === 'screen_share_audio'),
    );
    expect(
      events.some((x) => x.type === 'trackUnsubscribed' && x.source === 'screen_share_audio'),
    ).toBe(true);
  });

  it('reports who is speaking and how good the connection is', async () => {
    const events = await until(
      () => alice.evaluate(() => lkTest.events),
      (e) =>
        e.some((x) => x.type === 'activeSpeakers' && (x.detail ?? '').includes('bob')) &&
        e.some((x) => x.type === 'connectionQuality' && x.identity === 'bob'),
    );
    expect(
      events.some((x) => x.type === 'activeSpeakers' && (x.detail ?? '').includes('bob')),
    ).toBe(true);
    expect(events.find((x) => x.type === 'connectionQuality' && x.identity === 'bob')?.detail).toBe(
      'excellent',
    );
  });

  it('shows room.isRecording while a room-composite egress runs', async () => {
    const egress = await server.server.egress.startRoomComposite(
      new RoomCompositeEgressRequest({
        roomName: 'visit-1',
        output: { case: 'file', value: new EncodedFileOutput({ filepath: 'browser-visit.webm' }) },
      }),
    );
    const recording = await until(
      () => bob.evaluate(() => lkTest.isRecording()),
      (r) => r,
    );
    expect(recording).toBe(true);
    server.server.egress.stop(egress.egressId);
    const stopped = await until(
      () => bob.evaluate(() => lkTest.isRecording()),
      (r) => !r,
    );
    expect(stopped).toBe(false);
  });

  it('tells the remaining page when the other leaves', async () => {
    await bob.evaluate(() => lkTest.leave());
    const events = await until(
      () => alice.evaluate(() => lkTest.events),
      (e) => e.some((x) => x.type === 'participantDisconnected' && x.identity === 'bob'),
    );
    expect(events.some((x) => x.type === 'participantDisconnected' && x.identity === 'bob')).toBe(
      true,
    );
    expect(await alice.evaluate(() => lkTest.state())).toBe('connected');
  });
});
