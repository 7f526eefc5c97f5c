// Browser join benchmark: the product's own pages in headless Chromium with fake camera and
// microphone, for p2p and for LiveKit (the embedded development server); staff and visitors in
// two browsers, as on two devices, each with its own camera. Each run creates a
// visit; the host opens the console and clicks its "Join" link (click → connected); a visitor
// opens the invite, asks to join and waits; staff admit through the API (admit → the visitor's
// room connected, admit → first remote video frame by requestVideoFrameCallback) two seconds
// after the visitor is shown waiting, the least time staff take to see a knock and let them in.
// `--timeline` prints, per run, what the visitor's and the host's pages did after the admit and
// when (sockets, fetches, script loads, peer connection states, each connection's first video
// frames from its stats, first frame shown): where the time goes. Then, when a PostgreSQL server
// answers, half as many runs per provider on a server over it (`--embedded`: not).
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { ProviderName } from '@openconnect/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { en } from '../apps/web/src/i18n/en.ts';
import { launchChromium } from '../e2e/support/browser.ts';
import {
  fmt,
  infoRow,
  repoRoot,
  runIfMain,
  targetRow,
  type BenchResult,
  type Row,
} from './support/result.ts';
import { scratchDatabase } from './support/postgres.ts';
import { startBenchServer, BENCH_ADMIN, type BenchServer } from './support/server-process.ts';
import { sleep, summarize, type Summary } from './support/stats.ts';

/** Print each run's visitor timeline (`--timeline`). */
const TIMELINE = process.argv.includes('--timeline');

/** From the visitor shown waiting to staff letting them in. */
const STAFF_REACTION_MS = 2000;

export interface BrowserJoinOptions {
  runs?: number;
  providers?: ProviderName[];
  /** Runs per provider on PostgreSQL (after the embedded runs), when a server answers; 0: none. */
  postgresRuns?: number;
}

/** Records, in the page's clock (Date.now, shared with Node), when the room connected and the first remote frame showed. */
const PAGE_PROBE = `(() => {
  const marks = (window.__bench = { connectedAt: 0, firstFrameAt: 0, remoteTrackAt: 0, peerConnectedAt: 0, videoAt: 0, media: [], pcs: [], timeline: [] });
  // What the page did when (printed with --timeline; TIMELINE_PROBE adds sockets and loads).
  const note = (what) => marks.timeline.push([Date.now(), what]);
  // Every getUserMedia call: when it was asked for and when it answered.
  const gum = navigator.mediaDevices && navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  if (gum) navigator.mediaDevices.getUserMedia = async (c) => { const at = Date.now(); const s = await gum(c); marks.media.push([at, Date.now()]); return s; };
  // Keeps the page's peer connections (for their stats) and when the first remote video track came.
  const Native = window.RTCPeerConnection;
  const Probed = function (...args) {
    const pc = new Native(...args);
    marks.pcs.push(pc);
    const n = marks.pcs.length;
    note('pc' + n + ' created');
    pc.addEventListener('signalingstatechange', () => note('pc' + n + ' signaling ' + pc.signalingState));
    pc.addEventListener('iceconnectionstatechange', () => note('pc' + n + ' ice ' + pc.iceConnectionState));
    pc.addEventListener('connectionstatechange', () => note('pc' + n + ' ' + pc.connectionState));
    pc.addEventListener('track', (e) => {
      note('pc' + n + ' track ' + e.track.kind);
      if (e.track.kind === 'video' && !marks.remoteTrackAt) marks.remoteTrackAt = Date.now();
    });
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'connected' && !marks.peerConnectedAt) marks.peerConnectedAt = Date.now();
    });
    return pc;
  };
  Probed.prototype = Native.prototype;
  Object.setPrototypeOf(Probed, Native);
  window.RTCPeerConnection = Probed;
  const watched = new WeakSet();
  const check = () => {
    if (!marks.connectedAt && document.querySelector('.room[data-state="connected"]')) { marks.connectedAt = Date.now(); note('room connected'); }
    for (const v of document.querySelectorAll('.tile[data-kind="camera"]:not([data-local]) video')) {
      if (watched.has(v) || !('requestVideoFrameCallback' in v)) continue;
      watched.add(v);
      if (!marks.videoAt) marks.videoAt = Date.now();
      note('remote <video>');
      v.requestVideoFrameCallback(() => { if (!marks.firstFrameAt) { marks.firstFrameAt = Date.now(); note('first frame'); } });
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})()`;

/** With --timeline: the page's sockets, fetches and resource loads join its timeline too. */
const TIMELINE_PROBE = `(() => {
  const marks = window.__bench;
  const note = (what) => marks.timeline.push([Date.now(), what]);
  const path = (url) => String(url).replace(/^[a-z]+:[/][/][^/]+/, '').split('?')[0];
  const NativeWs = window.WebSocket;
  window.WebSocket = function (url, protocols) {
    const ws = new NativeWs(url, protocols);
    const name = path(url);
    note('ws ' + name + ' created');
    ws.addEventListener('open', () => note('ws ' + name + ' open'));
    let first = true;
    ws.addEventListener('message', (e) => {
      if (first || !name.startsWith('/rtc')) note('ws ' + name + ' message ' + String(e.data).slice(0, 40));
      first = false;
    });
    return ws;
  };
  window.WebSocket.prototype = NativeWs.prototype;
  Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  const nativeFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = path(input instanceof Request ? input.url : input);
    note('fetch ' + url);
    try { return await nativeFetch(input, init); } finally { note('fetched ' + url); }
  };
  // Each peer connection's video path, from its stats every 20 ms: when the sender's source first
  // delivered frames, when the first frame was encoded and sent, received and decoded.
  const seen = new Set();
  const firsts = { 'media-source': ['frames'], 'outbound-rtp': ['framesEncoded', 'framesSent'], 'inbound-rtp': ['framesReceived', 'framesDecoded'] };
  const poll = setInterval(async () => {
    if (Date.now() - performance.timeOrigin > 120000) clearInterval(poll);
    for (const [i, pc] of marks.pcs.entries()) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((r) => {
        if (r.kind !== 'video') return;
        for (const field of firsts[r.type] || []) {
          // The first and the second frame: how soon the source keeps delivering.
          const n = r[field] >= 2 ? 2 : r[field];
          const key = i + ' ' + r.type + ' ' + field + ' ' + n;
          if (n > 0 && !seen.has(key)) {
            seen.add(key);
            note('pc' + (i + 1) + ' video ' + r.type + ' ' + field + ' ' + n + ' (' + (r.frameWidth || r.width) + 'x' + (r.frameHeight || r.height) + ')');
          }
        }
      });
    }
  }, 20);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      marks.timeline.push([Math.round(performance.timeOrigin + e.startTime), 'load ' + path(e.name)]);
      marks.timeline.push([Math.round(performance.timeOrigin + e.responseEnd), 'loaded ' + path(e.name)]);
    }
  }).observe({ entryTypes: ['resource'] });
})()`;

const marks = (page: Page) =>
  page.evaluate(
    '({ connectedAt: window.__bench.connectedAt, firstFrameAt: window.__bench.firstFrameAt, remoteTrackAt: window.__bench.remoteTrackAt, peerConnectedAt: window.__bench.peerConnectedAt, videoAt: window.__bench.videoAt })',
  ) as Promise<{
    connectedAt: number;
    firstFrameAt: number;
    remoteTrackAt: number;
    peerConnectedAt: number;
    videoAt: number;
  }>;

/** Prints what a page did from `since` on (--timeline), in ms after it. */
async function printTimeline(page: Page, label: string, since: number): Promise<void> {
  const timeline = (await page.evaluate('window.__bench.timeline')) as [number, string][];
  const after = timeline.filter(([at]) => at >= since - 50).sort((a, b) => a[0] - b[0]);
  console.log(`${label}: ${after.map(([at, what]) => `${at - since} ${what}`).join(' | ')}`);
}

/** Keyframe requests the page's video receivers sent (PLI + FIR), summed. */
const keyframeRequests = (page: Page) =>
  page.evaluate(`(async () => {
    let n = 0;
    for (const pc of window.__bench.pcs) {
      const stats = await pc.getStats();
      stats.forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') n += (s.pliCount || 0) + (s.firCount || 0); });
    }
    return n;
  })()`) as Promise<number>;

/** When the page's API calls and scripts loaded after `since` (Date.now), in ms after it. */
const loadedAfter = (page: Page, since: number) =>
  page.evaluate(`(() => {
    const since = ${since} - performance.timeOrigin;
    const end = (test) => Math.max(0, ...performance.getEntriesByType('resource')
      .filter((e) => e.startTime >= since && test(e.name)).map((e) => e.responseEnd - since));
    return { api: end((n) => /\\/api\\/v1\\/visits\\/[^/]+\\/join$/.test(n)), scripts: end((n) => n.endsWith('.js')) };
  })()`) as Promise<{ api: number; scripts: number }>;

async function waitMark(page: Page, key: 'connectedAt' | 'firstFrameAt', timeoutMs = 30_000) {
  await page
    .waitForFunction(`window.__bench && window.__bench.${key} > 0`, undefined, {
      timeout: timeoutMs,
      polling: 50,
    })
    .catch((error: unknown) => {
      throw new Error(`no ${key} on ${page.url()}: ${String(error).split('\n')[0]}`);
    });
  return (await marks(page))[key];
}

interface RunTimes {
  hostConnected: number;
  /** After the click: the host's join call and its lazy scripts done. */
  hostApiDone: number;
  hostScriptsDone: number;
  visitorConnected: number;
  remoteTrack: number;
  /** After the admit: the visitor's lazy scripts done; camera and microphone asked for and opened (NaN: not asked again). */
  visitorScriptsDone: number;
  visitorMediaAsked: number;
  visitorMediaAnswered: number;
  /** A peer connection of the visitor's page reached `connected` (ICE and DTLS done). */
  peerConnected: number;
  /** The remote camera tile's <video> was in the page. */
  remoteVideo: number;
  firstFrame: number;
  /** The visitor's camera on the host's page: admit → its first frame there. */
  hostSeesVisitor: number;
  keyframeRequests: number;
}

async function api<T>(
  server: BenchServer,
  cookie: string,
  method: string,
  url: string,
  body?: unknown,
) {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { cookie, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
    ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json().catch(() => null)) as T;
}

/** One visit: host joins from the console, a visitor is admitted; returns the three times. */
async function oneRun(
  visitorBrowser: Browser,
  staff: BrowserContext,
  server: BenchServer,
  cookie: string,
  i: number,
): Promise<RunTimes> {
  const title = `Bench visit ${i}`;
  const visit = await api<{ id: string }>(server, cookie, 'POST', '/api/v1/visits', {
    facilityId: server.facilityId,
    title,
  });
  const invite = await api<{ code: string }>(
    server,
    cookie,
    'POST',
    `/api/v1/visits/${visit.id}/invites`,
    {},
  );
  const host = await staff.newPage();
  const visitorContext = await visitorBrowser.newContext({ bypassCSP: true });
  try {
    await visitorContext.addInitScript(PAGE_PROBE);
    if (TIMELINE) await visitorContext.addInitScript(TIMELINE_PROBE);
    await host.goto(`${server.url}/facilities/${server.facilityId}/console`);
    // The visit's "Join as host" link on the console, found by where it leads.
    const join = host.locator(`a[href$="/visits/${visit.id}/room"]`);
    await join.waitFor();
    await join.click();
    // Staff check their camera and microphone first (they see themselves in the preview); the
    // host joins with "Join now".
    const joinNow = host.getByRole('button', { name: en['call.preview.join'] });
    await joinNow.waitFor();
    await host.waitForFunction(
      `(() => { const v = document.querySelector('.device-preview video'); return !!v && v.videoWidth > 0 && v.currentTime > 0.3; })()`,
      undefined,
      { polling: 50, timeout: 30_000 },
    );
    const clicked = Date.now();
    await joinNow.click();
    const hostConnected = (await waitMark(host, 'connectedAt')) - clicked;
    if (TIMELINE) await printTimeline(host, `run ${i} host`, clicked);
    const hostLoads = await loadedAfter(host, clicked);

    const visitor = await visitorContext.newPage();
    await visitor.goto(`${server.url}/join/${invite.code}`);
    await visitor.getByRole('button', { name: en['landing.getReady'] }).click();
    await visitor.getByLabel(en['lobby.name']).fill(`Visitor ${i}`);
    await visitor.getByRole('button', { name: en['lobby.ask'] }).click();
    await visitor.getByText(en['lobby.waiting.next']).waitFor();
    // Staff see the knock and press Let in: never at once. The waiting page uses the time.
    await sleep(STAFF_REACTION_MS);
    const entries = await api<{ id: string; visitId: string }[]>(
      server,
      cookie,
      'GET',
      `/api/v1/facilities/${server.facilityId}/lobby`,
    );
    const entry = entries.find((e) => e.visitId === visit.id);
    if (!entry) throw new Error('the visitor is not in the queue');
    const admitted = Date.now();
    await api(server, cookie, 'POST', `/api/v1/lobby/${entry.id}/admit`, {});
    const visitorConnected = (await waitMark(visitor, 'connectedAt')) - admitted;
    const firstFrame = (await waitMark(visitor, 'firstFrameAt')) - admitted;
    const hostSeesVisitor = (await waitMark(host, 'firstFrameAt')) - admitted;
    const seen = await marks(visitor);
    if (TIMELINE) await printTimeline(visitor, `run ${i} visitor`, admitted);
    if (TIMELINE) await printTimeline(host, `run ${i} host, after the admit`, admitted);
    const visitorLoads = await loadedAfter(visitor, admitted);
    const media = (await visitor.evaluate(
      `window.__bench.media.filter(([at]) => at >= ${admitted})[0] || [0, 0]`,
    )) as [number, number];
    return {
      visitorScriptsDone: visitorLoads.scripts,
      visitorMediaAsked: media[0] ? media[0] - admitted : NaN,
      visitorMediaAnswered: media[1] ? media[1] - admitted : NaN,
      hostConnected,
      hostApiDone: hostLoads.api,
      hostScriptsDone: hostLoads.scripts,
      visitorConnected,
      remoteTrack: seen.remoteTrackAt - admitted,
      peerConnected: seen.peerConnectedAt - admitted,
      remoteVideo: seen.videoAt - admitted,
      firstFrame,
      hostSeesVisitor,
      keyframeRequests: await keyframeRequests(visitor),
    };
  } finally {
    await visitorContext.close();
    await host.close();
    await api(server, cookie, 'POST', `/api/v1/visits/${visit.id}/end`, {}).catch(() => undefined);
  }
}

/** The staff's browser and the visitor's. */
interface Browsers {
  staff: Browser;
  visitor: Browser;
}

/**
 * `runs` runs on one provider (after one unmeasured warm-up run), on the embedded database or on
 * the PostgreSQL database at `databaseUrl`.
 */
async function measure(
  browsers: Browsers,
  provider: ProviderName,
  runs: number,
  webDist: string,
  databaseUrl?: string,
) {
  const server = await startBenchServer({
    env: {
      WEB_DIST_DIR: webDist,
      ...(provider === 'livekit' ? { FEATURE_LIVEKIT: 'true', PROVIDER_TYPE: 'livekit' } : {}),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
  });
  // The pages' CSP forbids eval, which Playwright's polling uses; the app runs the same either way.
  const staff = await browsers.staff.newContext({ bypassCSP: true });
  try {
    await staff.addInitScript(PAGE_PROBE);
    if (TIMELINE) await staff.addInitScript(TIMELINE_PROBE);
    const signIn = await staff.request.post(`${server.url}/api/v1/auth/sign-in`, {
      data: BENCH_ADMIN,
    });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
    const cookie = await server.signIn();
    const times: RunTimes[] = [];
    const failures: string[] = [];
    for (let i = 0; i <= runs; i++) {
      try {
        const run = await oneRun(browsers.visitor, staff, server, cookie, i);
        if (i > 0) times.push(run);
      } catch (error) {
        failures.push(String(error).split('\n')[0] ?? '');
      }
    }
    const of = (key: keyof RunTimes) => summarize(times.map((r) => r[key]).filter(Number.isFinite));
    return {
      hostConnected: of('hostConnected'),
      hostApiDone: of('hostApiDone'),
      hostScriptsDone: of('hostScriptsDone'),
      visitorConnected: of('visitorConnected'),
      remoteTrack: of('remoteTrack'),
      peerConnected: of('peerConnected'),
      visitorScriptsDone: of('visitorScriptsDone'),
      visitorMediaAsked: of('visitorMediaAsked'),
      visitorMediaAnswered: of('visitorMediaAnswered'),
      remoteVideo: of('remoteVideo'),
      firstFrame: of('firstFrame'),
      hostSeesVisitor: of('hostSeesVisitor'),
      keyframeRequests: of('keyframeRequests'),
      failures,
    };
  } finally {
    await staff.close();
    await server.close();
  }
}

type Measured = Awaited<ReturnType<typeof measure>>;

const both = (s: Summary) => `p50 ${fmt(s.p50)} / p95 ${fmt(s.p95)} ms (${s.n} runs)`;

/** The host's join against the visitor's on a server over PostgreSQL (#19 asks for both). */
function postgresRows(provider: ProviderName, m: Measured): Row[] {
  return [
    infoRow(`on PostgreSQL: ${provider}: host click Join → connected`, both(m.hostConnected)),
    infoRow(`on PostgreSQL: ${provider}: admit → visitor connected`, both(m.visitorConnected)),
    targetRow(
      `on PostgreSQL: ${provider}: ratio host click → connected ÷ admit → visitor connected (p50)`,
      m.hostConnected.p50 / m.visitorConnected.p50,
      '',
      1.2,
      'lower',
      2,
    ),
    infoRow(`on PostgreSQL: ${provider}: admit → first remote frame`, both(m.firstFrame)),
  ];
}

/** Runs the browser benchmark. */
export async function run(options: BrowserJoinOptions = {}): Promise<BenchResult> {
  const started = Date.now();
  const runs = options.runs ?? 20;
  // WEB_DIST_DIR measures a build of one's own (as the server serves it); else apps/web/dist.
  const ownDist = process.env.WEB_DIST_DIR;
  const webDist = ownDist ? path.resolve(ownDist) : path.join(repoRoot, 'apps/web/dist');
  if (!ownDist && !existsSync(path.join(webDist, 'index.html')))
    execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  // As the LiveKit end-to-end spec: remote audio may play without a click.
  // Staff and visitor in browsers of their own, as on two devices: each its own (fake) camera.
  // In one browser the two pages share one capture device, and the visitor opening theirs at
  // the admit stalled the host's camera for 0.7 s, which no real visit has.
  const launch = () => launchChromium({ args: ['--autoplay-policy=no-user-gesture-required'] });
  const browsers: Browsers = { staff: await launch(), visitor: await launch() };
  const rows: Row[] = [];
  const notes: string[] = [];
  const raw: Record<string, unknown> = {};
  try {
    for (const provider of options.providers ?? ['p2p', 'livekit']) {
      const m = await measure(browsers, provider, runs, webDist);
      raw[provider] = m;
      rows.push(
        targetRow(
          `${provider}: host click Join → connected p50`,
          m.hostConnected.p50,
          'ms',
          400,
          'lower',
        ),
      );
      rows.push(infoRow(`${provider}: host click Join → connected`, both(m.hostConnected)));
      rows.push(infoRow(`${provider}: admit → visitor connected`, both(m.visitorConnected)));
      // The host's join should be as quick as the visitor's (#19): p50 over p50, same run.
      rows.push(
        targetRow(
          `${provider}: ratio host click → connected ÷ admit → visitor connected (p50)`,
          m.hostConnected.p50 / m.visitorConnected.p50,
          '',
          1.2,
          'lower',
          2,
        ),
      );
      rows.push(
        targetRow(
          `${provider}: admit → first remote frame p50`,
          m.firstFrame.p50,
          'ms',
          800,
          'lower',
        ),
      );
      rows.push(infoRow(`${provider}: admit → first remote frame`, both(m.firstFrame)));
      rows.push(
        infoRow(`${provider}: admit → host sees the visitor's camera`, both(m.hostSeesVisitor)),
      );
      rows.push(
        infoRow(
          `${provider}: where the time goes (p50)`,
          `host: join call answered ${fmt(m.hostApiDone.p50)} ms, lazy scripts done ${fmt(m.hostScriptsDone.p50)} ms after the click; ` +
            `visitor, after the admit: scripts loaded ${fmt(m.visitorScriptsDone.p50)} ms, camera asked for ${fmt(m.visitorMediaAsked.p50)} ms and open ${fmt(m.visitorMediaAnswered.p50)} ms, ` +
            `remote video track ${fmt(m.remoteTrack.p50)} ms, its <video> in the page ${fmt(m.remoteVideo.p50)} ms, ` +
            `peer connection connected ${fmt(m.peerConnected.p50)} ms, first frame ${fmt(m.firstFrame.p50)} ms; ${fmt(m.keyframeRequests.p50)} keyframe requests (PLI/FIR)`,
        ),
      );
      if (m.failures.length)
        notes.push(
          `${provider}: ${m.failures.length} failed runs: ${m.failures.slice(0, 3).join('; ')}`,
        );
    }
    // A database of its own per provider, as each embedded run has its own data directory.
    const pgRuns = options.postgresRuns ?? Math.ceil(runs / 2);
    for (const provider of pgRuns > 0 ? (options.providers ?? ['p2p', 'livekit']) : []) {
      const database = await scratchDatabase();
      if (!database) {
        notes.push('no PostgreSQL server answered: the embedded database only');
        break;
      }
      try {
        const m = await measure(browsers, provider, pgRuns, webDist, database.url);
        raw[`${provider}-postgres`] = m;
        rows.push(...postgresRows(provider, m));
        if (m.failures.length)
          notes.push(
            `on PostgreSQL, ${provider}: ${m.failures.length} failed runs: ${m.failures.slice(0, 3).join('; ')}`,
          );
      } finally {
        await database.drop();
      }
    }
  } finally {
    await browsers.staff.close();
    await browsers.visitor.close();
  }
  notes.push(
    `the product pages (console, invite, waiting room, video room) from ${path.relative(repoRoot, webDist)}; one warm-up run per provider is not counted`,
  );
  return { name: 'Browser join', rows, notes, raw, seconds: (Date.now() - started) / 1000 };
}

runIfMain(import.meta.url, 'browser-join', () =>
  run({
    ...(process.argv.includes('--quick') ? { runs: 3 } : {}),
    ...(process.argv.includes('--embedded') ? { postgresRuns: 0 } : {}),
    ...(process.argv.includes('--livekit') ? { providers: ['livekit'] } : {}),
    ...(process.argv.includes('--p2p') ? { providers: ['p2p'] } : {}),
  }),
);
