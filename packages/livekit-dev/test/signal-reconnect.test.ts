// livekit-client recovering from a dropped signal connection against the development server:
// a resume when the session is still there, and a full reconnect when it is gone or when the
// server's peer connection with it failed. Either way the other page keeps (or gets back) the
// video. On the client's default `/rtc/v1` (one peer connection,
// which the client restarts ICE on after a resume) and on the classic `/rtc`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowserHarness, type BrowserHarness } from './fixtures/browser-page.ts';
import {
  expectJoinedOn,
  SIGNAL_MODES,
  startSignalServer,
  type TestSignalServer,
} from './fixtures/signal-server.ts';

type LkTest = {
  join(url: string, token: string, options?: { singlePeerConnection?: boolean }): Promise<number>;
  video(identity: string, source?: string): { width: number; frames: number } | null;
  events: { type: string; identity?: string }[];
  received: { text: string }[];
  send(text: string): Promise<void>;
  simulateSignalReconnect(): Promise<void>;
  state(): string;
};
declare const lkTest: LkTest;

let harness: BrowserHarness;

async function until<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}

async function meet(
  server: TestSignalServer,
  room: string,
  singlePeerConnection: boolean | undefined,
): Promise<[Page, Page]> {
  const pages: Page[] = [];
  for (const identity of ['alice', 'bob']) {
    const page = await harness.browser.newPage();
    await page.goto(harness.pageUrl);
    await page.waitForFunction(() => 'lkTest' in globalThis);
    const token = await server.token(identity, room);
    await page.evaluate(([url, t, o]) => lkTest.join(url, t, o), [
      server.url,
      token,
      { singlePeerConnection },
    ] as const);
    pages.push(page);
  }
  return pages as [Page, Page];
}

async function framesOf(page: Page, identity: string): Promise<number> {
  return (await page.evaluate((id) => lkTest.video(id), identity))?.frames ?? 0;
}

async function expectVideoAdvancing(page: Page, identity: string): Promise<void> {
  const before = await until(
    () => framesOf(page, identity),
    (f) => f > 0,
  );
  // Generous: on a loaded two-core machine three Chromium pages decode and encode slowly (a few
  // frames a second); what matters is that frames keep coming after the resume, not how fast.
  const after = await until(
    () => framesOf(page, identity),
    (f) => f > before + 5,
    40_000,
  );
  expect(after).toBeGreaterThan(before + 5);
}

describe.each(SIGNAL_MODES)('signal reconnects with livekit-client over $path', (mode) => {
  beforeAll(async () => {
    harness = await startBrowserHarness();
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  it(
    'resumes the session after the signal socket drops, keeping media and data flowing',
    { timeout: 180_000 },
    async () => {
      const server = await startSignalServer();
      try {
        const [alice, bob] = await meet(server, 'resume', mode.singlePeerConnection);
        await expectVideoAdvancing(bob, 'alice');
        const sid = server.registry.getParticipant('resume', 'alice').sid;
        await alice.evaluate(() => lkTest.simulateSignalReconnect());
        const events = await until(
          () => alice.evaluate(() => lkTest.events),
          (e) => e.some((x) => x.type === 'reconnected'),
        );
        expect(events.some((x) => x.type === 'reconnected')).toBe(true);
        // A resume keeps the participant: same sid, and the other page never saw it leave.
        expect(server.registry.getParticipant('resume', 'alice').sid).toBe(sid);
        expect(
          (await bob.evaluate(() => lkTest.events)).some(
            (x) => x.type === 'participantDisconnected',
          ),
        ).toBe(false);
        await expectVideoAdvancing(bob, 'alice');
        await alice.evaluate(() => lkTest.send('still here'));
        const received = await until(
          () => bob.evaluate(() => lkTest.received),
          (r) => r.some((m) => m.text === 'still here'),
        );
        expect(received.some((m) => m.text === 'still here')).toBe(true);
        expectJoinedOn(server, mode.path, 2);
        expect(server.signal.stats.resumed).toBe(1);
        await Promise.all([alice.close(), bob.close()]);
      } finally {
        await server.close();
      }
    },
  );

  it(
    "rejoins from scratch when the server's peer connection with it fails",
    { timeout: 90_000 },
    async () => {
      const server = await startSignalServer();
      try {
        const [alice, bob] = await meet(server, 'failed-pc', mode.singlePeerConnection);
        const sid = server.registry.getParticipant('failed-pc', 'alice').sid;
        // As when ICE or DTLS gives up on the server's side: alice is told to join again.
        server.server.faults.failPeerConnections('alice');
        await until(
          () => alice.evaluate(() => lkTest.state()),
          (s) =>
            s === 'connected' &&
            server.registry
              .listParticipants('failed-pc')
              .some((p) => p.identity === 'alice' && p.sid !== sid),
        );
        expect(server.registry.getParticipant('failed-pc', 'alice').sid).not.toBe(sid);
        const events = await alice.evaluate(() => lkTest.events.map((e) => e.type));
        expect(events).toContain('reconnected');
        expect(events).not.toContain('disconnected');
        await expectVideoAdvancing(bob, 'alice');
        await expectVideoAdvancing(alice, 'bob');
        expectJoinedOn(server, mode.path, 3);
        await Promise.all([alice.close(), bob.close()]);
      } finally {
        await server.close();
      }
    },
  );

  it(
    'rejoins from scratch when the server no longer has the session',
    { timeout: 90_000 },
    async () => {
      const server = await startSignalServer();
      try {
        const [alice, bob] = await meet(server, 'rejoin', mode.singlePeerConnection);
        const sid = server.registry.getParticipant('rejoin', 'alice').sid;
        // The server forgets alice's session and cuts her socket, as a restarted node would:
        // her client's resume finds nothing and it joins again from scratch.
        server.server.faults.loseSessions('alice');
        expect(server.registry.listParticipants('rejoin').map((p) => p.identity)).toEqual(['bob']);
        await until(
          () => alice.evaluate(() => lkTest.state()),
          (s) =>
            s === 'connected' &&
            server.registry
              .listParticipants('rejoin')
              .some((p) => p.identity === 'alice' && p.sid !== sid),
        );
        const again = server.registry.getParticipant('rejoin', 'alice');
        expect(again.sid).not.toBe(sid);
        expect(await alice.evaluate(() => lkTest.state())).toBe('connected');
        await expectVideoAdvancing(bob, 'alice');
        expectJoinedOn(server, mode.path, 3);
        expect(server.signal.stats.resumed).toBe(0);
        expect(server.signal.stats.resumesRefused).toBeGreaterThan(0);
        await Promise.all([alice.close(), bob.close()]);
      } finally {
        await server.close();
      }
    },
  );
});
