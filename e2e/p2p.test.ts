// (Browser-side code is passed to evaluate() as strings: this project compiles without DOM types.)
// A p2p visit end to end: two staff members sign in through the API, join one visit through the
// real server, and two headless Chromium pages running the real P2PRoom see and hear each other
// over a WebRTC mesh, exchange data messages, and learn when the other leaves.
import { randomUUID } from 'node:crypto';
import type { JoinCredentials } from '@openconnect/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './fixtures/p2p/api.ts';
import { serveHarness, type HarnessServer } from './fixtures/p2p/harness.ts';
import { screenshot } from './support/artifacts.ts';
import { launchChromium, watchPage, type PageProblems } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';

type P2PCredentials = Extract<JoinCredentials, { provider: 'p2p' }>;
interface LogEntry {
  event: string;
  identity?: string;
  reason?: string | null;
  state?: string;
  from?: string;
  message?: unknown;
}

let server: TestServer;
let browser: Browser;
let harness: HarnessServer;
const contexts: BrowserContext[] = [];

/** A fresh browser context on the harness page. */
async function harnessPage(): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(harness.url);
  await page.waitForFunction('typeof window.p2pJoin === "function"', undefined, {
    timeout: 10_000,
  });
  return page;
}

const log = (page: Page) => page.evaluate('window.p2pLog') as Promise<LogEntry[]>;

async function waitForVideo(page: Page, identity: string): Promise<void> {
  const shown = page.waitForFunction(
    `(() => { const v = window.p2pVideo(${JSON.stringify(identity)}); return v !== null && v.width > 0 && v.playing; })()`,
    undefined,
    { timeout: 30_000 },
  );
  await shown.catch(async (error: unknown) => {
    const state = await page.evaluate(
      `JSON.stringify({ video: window.p2pVideo(${JSON.stringify(identity)}), log: window.p2pLog })`,
    );
    throw new Error(`no playing video of ${identity}: ${String(state)}`, { cause: error });
  });
}

beforeAll(async () => {
  [server, harness] = await Promise.all([startTestServer(), serveHarness()]);
  browser = await launchChromium();
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await harness?.close();
  await server?.close();
});

interface Pair {
  pageA: Page;
  pageB: Page;
  a: P2PCredentials;
  b: P2PCredentials;
  problems: PageProblems[];
}

/** A new visit with two staff members (the admin and a nurse) in it, each in their own browser. */
async function twoParticipantsInOneVisit(): Promise<Pair> {
  const admin = await ApiClient.signIn(server.url, server.email, server.password);
  const [facility] = await admin.call<{ id: string }[]>('GET', '/facilities');
  if (!facility) throw new Error('the test server has no facility');
  const nurse = { email: `nurse-${randomUUID()}@example.test`, password: 'another-long-password' };
  await admin.call('POST', '/staff', {
    ...nurse,
    displayName: 'Nurse Joy',
    role: 'staff',
    facilityIds: [facility.id],
  });
  const staff = await ApiClient.signIn(server.url, nurse.email, nurse.password);
  const visit = await admin.call<{ id: string }>('POST', '/visits', {
    facilityId: facility.id,
    title: 'Tea with Mum',
  });

  const a = await admin.joinAsHost(visit.id);
  const b = await staff.joinAsHost(visit.id);
  expect(a.identity).not.toBe(b.identity);
  expect(a.signalingUrl).toMatch(/^ws:\/\/.+\/ws\/p2p$/);

  const [pageA, pageB] = await Promise.all([harnessPage(), harnessPage()]);
  const problems = [watchPage(pageA), watchPage(pageB)];
  await pageA.evaluate(`window.p2pJoin(${JSON.stringify(a)})`);
  await pageB.evaluate(`window.p2pJoin(${JSON.stringify(b)})`);
  return { pageA, pageB, a, b, problems };
}

/** Neither page reported an error, from the room or from the browser. */
async function expectNoErrors({ pageA, pageB, problems }: Pair): Promise<void> {
  expect((await log(pageA)).filter((e) => e.event === 'error')).toEqual([]);
  expect((await log(pageB)).filter((e) => e.event === 'error')).toEqual([]);
  expect(problems.flatMap((p) => p.errors)).toEqual([]);
}

describe('p2p visit in two browsers', () => {
  it('connects two participants who see each other, exchange messages, and learn when one leaves', async () => {
    const pair = await twoParticipantsInOneVisit();
    const { pageA, pageB, a: adminCredentials, b: staffCredentials } = pair;

    // Each sees the other's camera playing.
    await Promise.all([
      waitForVideo(pageA, staffCredentials.identity),
      waitForVideo(pageB, adminCredentials.identity),
    ]);
    expect(await pageA.evaluate('window.p2pRoom.snapshot.state')).toBe('connected');
    expect(await pageB.evaluate('window.p2pRoom.snapshot.state')).toBe('connected');
    await screenshot(pageB, 'p2p/two-participants');

    // A chat message one way, a reaction the other.
    await expect
      .poll(() => pageA.evaluate(`window.p2pRoom.sendData({ type: 'chat', text: 'Hello, Mum' })`), {
        timeout: 10_000,
      })
      .toBe(1);
    await expect
      .poll(async () => (await log(pageB)).filter((e) => e.event === 'data'), { timeout: 10_000 })
      .toEqual([
        {
          event: 'data',
          from: adminCredentials.identity,
          message: { type: 'chat', text: 'Hello, Mum' },
        },
      ]);
    expect(await pageB.evaluate(`window.p2pRoom.sendData({ type: 'reaction', emoji: '❤️' })`)).toBe(
      1,
    );
    await expect
      .poll(async () => (await log(pageA)).filter((e) => e.event === 'data'), { timeout: 10_000 })
      .toEqual([
        {
          event: 'data',
          from: staffCredentials.identity,
          message: { type: 'reaction', emoji: '❤️' },
        },
      ]);

    // A leaves; B is told at once and drops A's video.
    await pageA.evaluate('window.p2pRoom.leave()');
    expect(await pageA.evaluate('window.p2pRoom.snapshot')).toMatchObject({
      state: 'disconnected',
      reason: 'left',
    });
    await expect
      .poll(async () => (await log(pageB)).filter((e) => e.event === 'participant-left'), {
        timeout: 10_000,
      })
      .toEqual([
        { event: 'participant-left', identity: adminCredentials.identity, reason: 'left' },
      ]);
    expect(await pageB.evaluate('window.p2pRoom.snapshot.remotes.length')).toBe(0);
    expect(
      await pageB.evaluate(`window.p2pVideo(${JSON.stringify(adminCredentials.identity)})`),
    ).toBeNull();
    expect(await pageB.evaluate('window.p2pRoom.snapshot.state')).toBe('connected');

    await expectNoErrors(pair);
  });

  it('shows the other side muting, sharing a screen, and staying connected through an ICE restart', async () => {
    const pair = await twoParticipantsInOneVisit();
    const { pageA, pageB, a, b } = pair;
    await Promise.all([waitForVideo(pageA, b.identity), waitForVideo(pageB, a.identity)]);
    const remoteOnB = () =>
      pageB.evaluate('window.p2pRoom.snapshot.remotes[0]') as Promise<{
        micEnabled: boolean;
        cameraEnabled: boolean;
        screenStream: unknown;
      }>;

    // Muting the microphone and turning the camera off are announced to the other side.
    await pageA.evaluate('window.p2pRoom.setMicrophoneEnabled(false)');
    await pageA.evaluate('window.p2pRoom.setCameraEnabled(false)');
    await expect
      .poll(
        async () => {
          const remote = await remoteOnB();
          return { mic: remote.micEnabled, camera: remote.cameraEnabled };
        },
        { timeout: 10_000 },
      )
      .toEqual({ mic: false, camera: false });
    expect(await pageA.evaluate('window.p2pRoom.snapshot.local.micEnabled')).toBe(false);
    await pageA.evaluate('window.p2pRoom.setMicrophoneEnabled(true)');
    await pageA.evaluate('window.p2pRoom.setCameraEnabled(true)');
    await expect.poll(async () => (await remoteOnB()).micEnabled, { timeout: 10_000 }).toBe(true);

    // A shares a screen; B gets it as a second video, told apart from the camera.
    await pageA.evaluate('window.p2pRoom.startScreenShare()');
    expect(await pageA.evaluate('window.p2pRoom.snapshot.screenSharing')).toBe(true);
    await waitForVideo(pageB, `screen:${a.identity}`);
    await waitForVideo(pageB, a.identity);
    await screenshot(pageB, 'p2p/screen-share');
    await pageA.evaluate('window.p2pRoom.stopScreenShare()');
    await expect
      .poll(() => pageB.evaluate(`window.p2pVideo(${JSON.stringify(`screen:${a.identity}`)})`), {
        timeout: 10_000,
      })
      .toBeNull();

    // B restarts ICE (as after a network change): media and data keep flowing.
    await pageB.evaluate('window.p2pRoom.restartIce()');
    await expect
      .poll(
        async () => [
          await pageA.evaluate('window.p2pRoom.snapshot.state'),
          await pageB.evaluate('window.p2pRoom.snapshot.state'),
        ],
        { timeout: 15_000 },
      )
      .toEqual(['connected', 'connected']);
    await Promise.all([waitForVideo(pageA, b.identity), waitForVideo(pageB, a.identity)]);
    await expect
      .poll(() => pageB.evaluate(`window.p2pRoom.sendData({ type: 'chat', text: 'still here' })`), {
        timeout: 10_000,
      })
      .toBe(1);
    await expect
      .poll(async () => (await log(pageA)).some((e) => e.event === 'data'), { timeout: 10_000 })
      .toBe(true);

    await pageA.evaluate('window.p2pRoom.leave()');
    await pageB.evaluate('window.p2pRoom.leave()');
    await expectNoErrors(pair);
  });
});
