// (Browser-side code is passed to evaluate() as strings: this project compiles without DOM types.)
// The production topology (scripts/topology/topology.ts): two instances in production mode on
// one PostgreSQL, nginx with TLS in front, coturn, and LiveKit behind the proxy. Over https://
// a p2p visit runs with the host pinned to instance 1 and the visitor to instance 2, media
// relayed by coturn only; a LiveKit visit runs through the proxy; and an instance restarted
// while a visitor waits loses nobody.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTopology, type Topology } from '../../scripts/topology/topology.ts';
import { screenshot } from '../support/artifacts.ts';
import { launchChromium, watchPage, type PageProblems } from '../support/browser.ts';
import type { TestServer } from '../support/server.ts';
import { en, t } from '../support/strings.ts';
import { expectHeading, expectVideoPlaying, staffSignIn } from '../support/visit-flow.ts';

/** The host preview's button ('call.preview.join'), looked up loosely: older builds have none. */
const JOIN_NOW = (en as Record<string, string>)['call.preview.join'] ?? 'Join now';
const REMOTE_CAMERA = '.tile[data-kind="camera"]:not([data-local]) video';

/** Keeps every RTCPeerConnection a page makes, so the spec can read its stats. */
const RECORD_PEERS = `(() => {
  const Native = window.RTCPeerConnection;
  if (!Native) return;
  window.__peers = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); window.__peers.push(this); }
  };
})()`;

/** The local candidate types of the selected pairs of the page's connected peer connections. */
const SELECTED_CANDIDATES = `(async () => {
  const types = [];
  for (const pc of window.__peers ?? []) {
    if (pc.connectionState !== 'connected') continue;
    const stats = [...(await pc.getStats()).values()];
    const byId = new Map(stats.map((s) => [s.id, s]));
    for (const transport of stats.filter((s) => s.type === 'transport' && s.selectedCandidatePairId)) {
      const pair = byId.get(transport.selectedCandidatePairId);
      const local = pair && byId.get(pair.localCandidateId);
      const remote = pair && byId.get(pair.remoteCandidateId);
      types.push(local?.candidateType + '/' + remote?.candidateType + ' ' + local?.address);
    }
  }
  return types;
})()`;

const expectedConsole = (text: string) =>
  text.startsWith('Failed to load resource') || /webrtc|ice|websocket|livekit/i.test(text);

let topology: Topology;
let browser: Browser;
let server: TestServer;
const contexts: BrowserContext[] = [];
const problems: PageProblems[] = [];

beforeAll(async () => {
  topology = await startTopology();
  server = {
    url: topology.url,
    email: topology.admin.email,
    password: topology.admin.password,
    close: async () => undefined,
  };
  browser = await launchChromium({
    args: [...topology.chromiumArgs, '--autoplay-policy=no-user-gesture-required'],
  });
}, 150_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await topology?.close();
});

// A failing step leaves every open page's screenshot in e2e/artifacts/topology/failed-*.
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  const pages = contexts.flatMap((c) => c.pages());
  await Promise.all(
    pages.map((page, i) =>
      screenshot(page, `topology/failed-${task.name.slice(0, 20)}-${i}`).catch(() => ''),
    ),
  );
  for (const name of ['instance-1', 'instance-2', 'nginx-error', 'coturn']) {
    console.error(`--- ${name}\n${await topology.tail(name, 15)}`);
  }
});

/** A browser; `pin` sends all of its requests and sockets to one instance (the proxy's cookie). */
async function open(pin?: 1 | 2): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  if (pin) {
    await context.addCookies([{ name: 'openconnect_pin', value: String(pin), url: topology.url }]);
  }
  await context.addInitScript(RECORD_PEERS);
  const page = await context.newPage();
  problems.push(watchPage(page, expectedConsole));
  return page;
}

/** Goes to the facility named `name` and creates a visit there; returns its invite URL. */
async function createVisit(staff: Page, facility: string, title: string): Promise<string> {
  const facilities = (await staff.evaluate(`fetch('/api/v1/facilities').then((r) => r.json())`)) as
    { id: string; name: string }[] | { facilities: { id: string; name: string }[] };
  const list = Array.isArray(facilities) ? facilities : facilities.facilities;
  const id = list.find((f) => f.name === facility)?.id;
  expect(id, `facility ${facility} in ${JSON.stringify(list)}`).toBeTruthy();
  await staff.goto(`${topology.url}/facilities/${id}`);
  await staff.getByLabel(en['visits.form.name']).fill(title);
  await staff.getByLabel(en['visits.form.name']).press('Enter');
  const invite = await staff.getByLabel(t('invite.label', { title })).inputValue();
  expect(invite.startsWith(`${topology.url}/`)).toBe(true);
  await staff.getByRole('link', { name: en['console.link'] }).click();
  await staff.waitForURL(`**/facilities/${id}/console`);
  return invite;
}

/** The visitor opens the invite and asks to join; resolves once they are waiting. */
async function knock(visitor: Page, invite: string, name: string): Promise<void> {
  await visitor.goto(invite);
  await visitor.getByRole('button', { name: en['landing.getReady'] }).click();
  await expectHeading(visitor, en['lobby.title']);
  await visitor.getByLabel(en['lobby.name']).fill(name);
  await visitor.getByRole('button', { name: en['lobby.ask'] }).click();
  // The first knock of a cold stack (TLS, two instances just started) may take a while on CI.
  await expectHeading(visitor, en['lobby.waiting.title'], 30_000);
}

/** Staff admit the visitor, who is taken into the call; staff join as host in a second tab. */
async function admitAndJoin(
  staff: Page,
  visitor: Page,
  name: string,
  title: string,
  provider: 'p2p' | 'livekit',
): Promise<Page> {
  const entry = staff.getByRole('article', { name });
  await entry.waitFor({ timeout: 20_000 });
  await entry.getByRole('button', { name: t('console.admit.label', { name }) }).click();
  await visitor.locator(`.room[data-provider="${provider}"]`).waitFor({ timeout: 30_000 });
  const host = await staff.context().newPage();
  problems.push(watchPage(host, expectedConsole));
  await host.goto(staff.url());
  await host.getByRole('link', { name: t('console.visit.join.label', { title }) }).click();
  const room = host.locator(`.room[data-provider="${provider}"]`);
  // Staff may first see their camera on a preview and join from there.
  const joinNow = host.getByRole('button', { name: JOIN_NOW, exact: true });
  await room.or(joinNow).first().waitFor({ timeout: 30_000 });
  if (await joinNow.isVisible()) await joinNow.click();
  await room.waitFor({ timeout: 30_000 });
  await expectVideoPlaying(visitor, REMOTE_CAMERA);
  await expectVideoPlaying(host, REMOTE_CAMERA);
  return host;
}

async function endVisit(staff: Page, host: Page, title: string): Promise<void> {
  const panel = staff.getByRole('article', { name: title });
  await panel.getByRole('button', { name: t('console.visit.end.label', { title }) }).click();
  await panel.getByRole('button', { name: en['console.visit.end.confirm'] }).click();
  await host.getByText(en['room.ended.closed']).waitFor({ timeout: 20_000 });
}

/** Lines of the proxy's access log: "pin=<cookie> upstream=<address> <request>". */
async function proxyLog(): Promise<string[]> {
  return (await readFile(path.join(topology.dir, 'nginx-upstream.log'), 'utf8')).split('\n');
}

describe('the production topology', () => {
  it('runs a p2p visit across instances over https, its media relayed by TURN', async () => {
    const staff = await open(1);
    await staffSignIn(staff, server);
    const title = 'Relayed tea';
    const invite = await createVisit(staff, 'Demo Care Home', title);
    const visitor = await open(2);
    await knock(visitor, invite, 'Ria Visitor');
    const host = await admitAndJoin(staff, visitor, 'Ria Visitor', title, 'p2p');

    // Both ends use a relay candidate of coturn's address, never a host candidate.
    for (const page of [host, visitor]) {
      await expect
        .poll(() => page.evaluate(SELECTED_CANDIDATES), { timeout: 15_000 })
        .toEqual([expect.stringMatching(/^relay\/relay 127\.0\.0\.2$/)]);
    }
    await screenshot(visitor, 'topology/1-p2p-relayed-visitor');
    await endVisit(staff, host, title);

    // The host's signaling went to instance 1 and the visitor's to instance 2.
    await expect
      .poll(async () => {
        const lines = (await proxyLog()).filter((l) => l.includes('/ws/p2p'));
        return {
          host: lines.some((l) => l.startsWith('pin=1 upstream=127.0.0.1:18401 ')),
          visitor: lines.some((l) => l.startsWith('pin=2 upstream=127.0.0.1:18402 ')),
        };
      })
      .toEqual({ host: true, visitor: true });
  });

  it('runs a LiveKit visit through the proxy', async () => {
    const staff = await open();
    await staffSignIn(staff, server);
    const title = 'Clinic call';
    const invite = await createVisit(staff, 'Demo Clinic (LiveKit)', title);
    const visitor = await open();
    await knock(visitor, invite, 'Lee Visitor');
    const host = await admitAndJoin(staff, visitor, 'Lee Visitor', title, 'livekit');
    await screenshot(visitor, 'topology/2-livekit-visitor');
    await endVisit(staff, host, title);
    // nginx logs a WebSocket when it closes, a moment after the call ended.
    await expect
      .poll(async () => (await proxyLog()).filter((l) => l.includes('/rtc')).length, {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
  });

  it('loses nobody in the waiting room when the visitor’s instance restarts', async () => {
    const staff = await open(1);
    await staffSignIn(staff, server);
    const title = 'Restart tea';
    const invite = await createVisit(staff, 'Demo Care Home', title);
    const visitor = await open(2);
    const name = 'Sam Visitor';
    await knock(visitor, invite, name);
    await staff.getByRole('article', { name }).waitFor({ timeout: 20_000 });

    // SIGTERM (the drain) and start again, as `systemctl restart openconnect@2` does.
    await topology.stopInstance(2);
    await topology.startInstance(2);

    // The visitor still waits, staff still see them, and admitting them takes them in.
    await expectHeading(visitor, en['lobby.waiting.title'], 30_000);
    const host = await admitAndJoin(staff, visitor, name, title, 'p2p');
    await screenshot(visitor, 'topology/3-after-restart-visitor');
    await endVisit(staff, host, title);
    expect(problems.flatMap((p) => p.errors)).toEqual([]);
  }, 180_000);
});
