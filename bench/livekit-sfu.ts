// SFU benchmark of the LiveKit development server. First, how soon a newcomer sees an existing
// publisher's camera: two headless Chromium pages running the unmodified livekit-client, with
// LiveKit Meet's options (adaptive stream, dynacast, VP9 preferred with two simulcast layers over a
// 720p capture, RED, no DTX) and with the client's defaults, timed from the newcomer's
// room.connect() to its first rendered remote frame; also the layer a 960x540 tile receives.
// Then how many concurrent 1:1 visits it forwards on this machine with < 1% packet loss, and the
// server's CPU per forwarded stream. Each visit is two @livekit/rtc-node participants that
// publish 640x360 VP8 at 25 fps and Opus from generated media and subscribe to each other. Steps
// up 1, 2, 4, 8… visits (visits are added, not restarted) and reads the receivers' RTP stats over
// a window; also the time from room.connect() to connected on loopback. The server runs in its
// own process (its CLI); the participants (and their encoders) share the machine with it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import type { AudioSource, Room, VideoSource } from '@livekit/rtc-node';
import { AccessToken } from 'livekit-server-sdk';
import type { Page } from 'playwright-core';
import { startBrowserHarness } from '../packages/livekit-dev/test/fixtures/browser-page.ts';
import {
  fmt,
  infoRow,
  repoRoot,
  runIfMain,
  targetRow,
  type BenchResult,
  type Row,
} from './support/result.ts';
import { sleep, summarize } from './support/stats.ts';

const WIDTH = 640;
const HEIGHT = 360;
const FPS = 25;
const SAMPLE_RATE = 48_000;

export interface SfuOptions {
  /** Visit counts to step through; stops after the first step at or over the loss limit. */
  steps?: number[];
  /** Seconds of settling and of measuring per step. */
  warmSeconds?: number;
  measureSeconds?: number;
  /** Packet loss that ends the climb, percent. */
  lossLimit?: number;
  /** Newcomer joins timed per client configuration (Meet's options, defaults). */
  firstFrameRuns?: number;
  /** Only the first-frame part (no capacity climb). */
  firstFramesOnly?: boolean;
}

/** The targets for an existing publisher's first remote frame, ms. */
const FIRST_FRAME_P50_MS = 500;
const FIRST_FRAME_P95_MS = 1000;

/** The machine's CPU time so far, all cores: idle and total, in clock ticks (Linux /proc/stat). */
function machineTicks(): { idle: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1);
  const ticks = fields.map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user).
  return {
    idle: (ticks[3] ?? 0) + (ticks[4] ?? 0),
    total: ticks.slice(0, 8).reduce((n, t) => n + t, 0),
  };
}

/** CPU time (user + system) a process has used, in seconds, from /proc (Linux). */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after "pid (comm) ".
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

declare const lkTest: {
  join(
    url: string,
    token: string,
    options?: { meet?: boolean; fullCamera?: boolean },
  ): Promise<number>;
  firstFrame(identity: string): { fromConnect: number; fromSubscribed: number } | null;
  tile(identity: string, width: number, height: number): boolean;
  video(identity: string): { height: number } | null;
  leave(): Promise<void>;
};

/**
 * Times newcomers' first frames of an existing publisher: per run a fresh room, a publisher page
 * that has been sending for a second, then a newcomer page.
 */
async function measureFirstFrames(server: DevServer, runs: number) {
  const harness = await startBrowserHarness();
  const results: Record<
    'meet' | 'defaults',
    {
      existing: number[];
      existingFromSubscription: number[];
      newcomer: number[];
      tileHeights: number[];
      misses: number;
    }
  > = {
    meet: { existing: [], existingFromSubscription: [], newcomer: [], tileHeights: [], misses: 0 },
    defaults: {
      existing: [],
      existingFromSubscription: [],
      newcomer: [],
      tileHeights: [],
      misses: 0,
    },
  };
  const token = (identity: string, room: string) => {
    const at = new AccessToken(server.apiKey, server.apiSecret, { identity });
    at.addGrant({ room, roomJoin: true, canPublish: true, canSubscribe: true });
    return at.toJwt();
  };
  const open = async (): Promise<Page> => {
    const page = await harness.browser.newPage();
    await page.goto(harness.pageUrl);
    await page.waitForFunction(() => 'lkTest' in globalThis);
    return page;
  };
  const poll = async <T>(read: () => Promise<T | null>, timeoutMs: number): Promise<T | null> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (value !== null || Date.now() > deadline) return value;
      await sleep(20);
    }
  };
  try {
    for (let i = 0; i < runs; i++) {
      for (const config of ['meet', 'defaults'] as const) {
        const room = `first-frame-${config}-${i}`;
        const meet = config === 'meet';
        const [publisher, newcomer] = [await open(), await open()];
        try {
          await publisher.evaluate(
            ([u, t, m]) => lkTest.join(u, t, { meet: m, fullCamera: true }),
            [server.url, await token('publisher', room), meet] as const,
          );
          await sleep(1500);
          await newcomer.evaluate(([u, t, m]) => lkTest.join(u, t, { meet: m, fullCamera: true }), [
            server.url,
            await token('newcomer', room),
            meet,
          ] as const);
          const first = await poll(
            () => newcomer.evaluate(() => lkTest.firstFrame('publisher')),
            20_000,
          );
          const back = await poll(
            () => publisher.evaluate(() => lkTest.firstFrame('newcomer')),
            20_000,
          );
          if (first) {
            results[config].existing.push(first.fromConnect);
            results[config].existingFromSubscription.push(first.fromSubscribed);
          } else results[config].misses++;
          if (back) results[config].newcomer.push(back.fromSubscribed);
          if (meet && first) {
            await newcomer.evaluate(() => lkTest.tile('publisher', 960, 540));
            const deadline = Date.now() + 5000;
            let height = 0;
            while (Date.now() < deadline && height !== 540) {
              await sleep(100);
              height = (await newcomer.evaluate(() => lkTest.video('publisher')))?.height ?? 0;
            }
            results[config].tileHeights.push(height);
          }
        } finally {
          await Promise.all([publisher.close(), newcomer.close()]);
        }
      }
    }
  } finally {
    await harness.close();
  }
  return results;
}

interface DevServer {
  url: string;
  apiKey: string;
  apiSecret: string;
  child: ChildProcess;
}

/** Starts `livekit-dev` (the package's CLI) in its own process on a free port. */
function startDevServer(): Promise<DevServer> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'packages/livekit-dev/src/cli.ts'),
      '--port',
      '0',
      '--quiet',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`livekit-dev exited (${code})`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const get = (name: string) => new RegExp(`${name}=(\\S+)`).exec(out)?.[1];
      const url = get('LIVEKIT_URL');
      const apiKey = get('LIVEKIT_API_KEY');
      const apiSecret = get('LIVEKIT_API_SECRET');
      if (url && apiKey && apiSecret) resolve({ url, apiKey, apiSecret, child });
    });
  });
}

/** Frames shared by every publisher: a moving gradient, precomputed so generating costs nothing. */
function makeFrames(count = FPS) {
  return Array.from({ length: count }, (_, tick) => {
    const rgba = new Uint8Array(WIDTH * HEIGHT * 4);
    for (let i = 0; i < rgba.length; i += 4) {
      const x = (i / 4) % WIDTH;
      const y = Math.floor(i / 4 / WIDTH);
      rgba[i] = (x + tick * 16) % 256;
      rgba[i + 1] = (y + tick * 8) % 256;
      rgba[i + 2] = (x ^ y) % 256;
      rgba[i + 3] = 255;
    }
    return rgba;
  });
}

interface Participant {
  room: Room;
  video: VideoSource;
  audio: AudioSource;
  connectMs: number;
}

/** @livekit/rtc-node, loaded so that its logger starts at "info": in development it logs every callback. */
async function loadRtcNode() {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await import('@livekit/rtc-node');
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

/** `promise`, or a rejection after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs the SFU benchmark. */
export async function run(options: SfuOptions = {}): Promise<BenchResult> {
  const started = Date.now();
  const {
    AudioFrame,
    AudioSource,
    dispose,
    LocalAudioTrack,
    LocalVideoTrack,
    Room,
    TrackPublishOptions,
    TrackSource,
    VideoBufferType,
    VideoCodec,
    VideoFrame,
    VideoSource,
  } = await loadRtcNode();
  let steps = options.steps ?? [1, 2, 4, 8, 16];
  const warm = options.warmSeconds ?? 4;
  const measure = options.measureSeconds ?? 8;
  const lossLimit = options.lossLimit ?? 1;
  const server = await startDevServer();
  const firstFrames = await measureFirstFrames(server, options.firstFrameRuns ?? 10);
  if (options.firstFramesOnly) steps = [];
  const frames = makeFrames();
  const pcm = new Int16Array(SAMPLE_RATE / 100).map((_, n) =>
    Math.round(8000 * Math.sin((2 * Math.PI * 440 * n) / SAMPLE_RATE)),
  );
  const participants: Participant[] = [];
  let tick = 0;
  // One timer feeds every source: 25 fps video, 10 ms audio frames four at a time.
  const timer = setInterval(() => {
    const frame = frames[tick++ % frames.length] as Uint8Array;
    for (const p of participants) {
      p.video.captureFrame(new VideoFrame(frame, WIDTH, HEIGHT, VideoBufferType.RGBA));
      for (let c = 0; c < 4; c++)
        void p.audio
          .captureFrame(new AudioFrame(pcm, SAMPLE_RATE, 1, pcm.length))
          .catch(() => undefined);
    }
  }, 1000 / FPS);

  const join = async (roomName: string, identity: string): Promise<Participant> => {
    const token = new AccessToken(server.apiKey, server.apiSecret, { identity });
    token.addGrant({ room: roomName, roomJoin: true, canPublish: true, canSubscribe: true });
    const room = new Room();
    const t0 = performance.now();
    await within(
      room.connect(server.url, await token.toJwt(), { autoSubscribe: true, dynacast: false }),
      20_000,
      `${identity} connecting`,
    );
    const connectMs = performance.now() - t0;
    const video = new VideoSource(WIDTH, HEIGHT);
    const audio = new AudioSource(SAMPLE_RATE, 1);
    await room.localParticipant!.publishTrack(
      LocalVideoTrack.createVideoTrack('camera', video),
      new TrackPublishOptions({
        source: TrackSource.SOURCE_CAMERA,
        simulcast: false,
        videoCodec: VideoCodec.VP8,
      }),
    );
    await room.localParticipant!.publishTrack(
      LocalAudioTrack.createAudioTrack('microphone', audio),
      new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
    );
    const p = { room, video, audio, connectMs };
    participants.push(p);
    return p;
  };

  /** Summed receiver video stats and publisher frames over all participants. */
  const snapshot = async () => {
    const totals = {
      received: 0,
      lost: 0,
      framesReceived: 0,
      framesSent: 0,
      audioLost: 0,
      audioReceived: 0,
    };
    for (const p of participants) {
      const stats = await p.room.getRtcStats();
      // Both lists are read: which one carries the inbound streams depends on the SDK build.
      for (const s of [...stats.subscriberStats, ...stats.publisherStats]) {
        if (s.stats.case === 'inboundRtp') {
          const { stream, received, inbound } = s.stats.value;
          const lost = Math.max(0, Number(received?.packetsLost ?? 0));
          const got = Number(received?.packetsReceived ?? 0);
          if (stream?.kind === 'video') {
            totals.received += got;
            totals.lost += lost;
            totals.framesReceived += Number(inbound?.framesReceived ?? 0);
          } else if (stream?.kind === 'audio') {
            totals.audioReceived += got;
            totals.audioLost += lost;
          }
        } else if (s.stats.case === 'outboundRtp' && s.stats.value.stream?.kind === 'video') {
          totals.framesSent += Number(s.stats.value.outbound?.framesSent ?? 0);
        }
      }
    }
    return totals;
  };

  const results: {
    visits: number;
    videoLossPercent: number;
    audioLossPercent: number;
    framesRatio: number;
    fps: number;
    /** Percent of one core the server used per forwarded stream (video and audio). */
    cpuPerStream: number;
    /**
     * Percent of the machine (all cores) the participants used (this process: their encoders,
     * decoders and transports), and left idle: a step whose machine had no idle time measured
     * the load generator as much as the server.
     */
    participantsCpuPercent: number;
    machineIdlePercent: number;
  }[] = [];
  const notes: string[] = [];
  try {
    let visits = 0;
    for (const target of steps) {
      try {
        while (visits < target) {
          const name = `visit-${++visits}`;
          await Promise.all([join(name, `${name}-a`), join(name, `${name}-b`)]);
        }
      } catch (error) {
        notes.push(`stopped at ${visits} visits: ${String(error)}`);
        break;
      }
      await sleep(warm * 1000);
      const cpuBefore = cpuSecondsOf(server.child.pid!);
      const ownBefore = cpuSecondsOf(process.pid);
      const machineBefore = machineTicks();
      const a = await snapshot();
      await sleep(measure * 1000);
      const b = await snapshot();
      const cpu = cpuSecondsOf(server.child.pid!) - cpuBefore;
      const own = cpuSecondsOf(process.pid) - ownBefore;
      const machineAfter = machineTicks();
      const ticks = Math.max(1, machineAfter.total - machineBefore.total);
      const lost = b.lost - a.lost;
      const received = b.received - a.received;
      const audioLost = b.audioLost - a.audioLost;
      const audioReceived = b.audioReceived - a.audioReceived;
      const step = {
        visits,
        videoLossPercent: (100 * lost) / Math.max(1, lost + received),
        audioLossPercent: (100 * audioLost) / Math.max(1, audioLost + audioReceived),
        framesRatio:
          (b.framesReceived - a.framesReceived) / Math.max(1, b.framesSent - a.framesSent),
        fps: (b.framesReceived - a.framesReceived) / measure / (2 * visits),
        // Each visit forwards four streams: two cameras and two microphones.
        cpuPerStream: (100 * cpu) / measure / (4 * visits),
        participantsCpuPercent: (100 * own) / measure / cpus().length,
        machineIdlePercent: (100 * (machineAfter.idle - machineBefore.idle)) / ticks,
      };
      results.push(step);
      console.error(`[sfu] ${JSON.stringify(step)}`);
      const failed = step.videoLossPercent >= lossLimit || step.framesRatio < 0.9;
      if (failed) break;
    }
  } finally {
    clearInterval(timer);
    await sleep(500); // Let the last captured frames settle before the rooms go.
    // An overloaded server may never answer a leave: each step of the teardown is bounded.
    await within(
      Promise.all(participants.map((p) => p.room.disconnect().catch(() => undefined))),
      10_000,
      'disconnecting',
    ).catch(() => undefined);
    server.child.kill('SIGKILL');
    await within(dispose(), 10_000, 'disposing').catch(() => undefined);
  }
  const good = results.filter((r) => r.videoLossPercent < lossLimit && r.framesRatio >= 0.9);
  const best = good.at(-1)?.visits ?? 0;
  const connect = summarize(participants.map((p) => p.connectMs));
  if (results.length && results.length === good.length && best === steps.at(-1))
    notes.push(`every step passed: the ceiling is above ${best} visits`);
  const firstFrameRows: Row[] = [];
  for (const [config, label] of [
    ['meet', "LiveKit Meet's options"],
    ['defaults', 'client defaults'],
  ] as const) {
    const r = firstFrames[config];
    const existing = summarize(r.existing);
    firstFrameRows.push(
      targetRow(
        `existing publisher's first remote frame p50, ${label}`,
        existing.p50,
        'ms',
        FIRST_FRAME_P50_MS,
        'lower',
      ),
      targetRow(
        `existing publisher's first remote frame p95, ${label}`,
        existing.p95,
        'ms',
        FIRST_FRAME_P95_MS,
        'lower',
      ),
      infoRow(
        `  of which subscription → first frame, ${label}`,
        `p50 ${fmt(summarize(r.existingFromSubscription).p50)} / p95 ${fmt(summarize(r.existingFromSubscription).p95)} ms (the rest is connecting)`,
      ),
      infoRow(
        `newcomer's camera at the existing page, ${label}`,
        `p50 ${fmt(summarize(r.newcomer).p50)} / p95 ${fmt(summarize(r.newcomer).p95)} ms from subscription; ${r.misses} of ${r.existing.length + r.misses} joins saw no frame in 20 s`,
      ),
    );
    if (r.tileHeights.length)
      firstFrameRows.push(
        infoRow(
          `layer a 960x540 tile receives, ${label}`,
          `${r.tileHeights.filter((h) => h === 540).length} of ${r.tileHeights.length} got 540p within 5 s (heights ${[...new Set(r.tileHeights)].join(', ')})`,
        ),
      );
  }
  return {
    name: 'LiveKit dev SFU',
    rows:
      steps.length === 0
        ? firstFrameRows
        : [
            ...firstFrameRows,
            infoRow('1:1 visits forwarded with < 1% loss', `${best}`),
            ...results.map((r) =>
              infoRow(
                `${r.visits} visit${r.visits === 1 ? '' : 's'}`,
                `video loss ${fmt(r.videoLossPercent, 2)}%, audio loss ${fmt(r.audioLossPercent, 2)}%, ` +
                  `frames received ÷ sent ${fmt(r.framesRatio, 2)}, ${fmt(r.fps, 1)} fps per subscriber, ` +
                  `server CPU ${fmt(r.cpuPerStream, 1)}% of a core per forwarded stream; ` +
                  `participants ${fmt(r.participantsCpuPercent)}% of the machine, ${fmt(r.machineIdlePercent)}% idle`,
              ),
            ),
            infoRow(
              'room.connect() → connected',
              `p50 ${fmt(connect.p50)} / p95 ${fmt(connect.p95)} ms (${connect.n} connects)`,
            ),
          ],
    notes: [
      ...notes,
      `${WIDTH}x${HEIGHT} VP8 at ${FPS} fps + Opus per publisher; ${warm} s settling, ${measure} s measured per step; a step fails at ≥ ${lossLimit}% video loss or < 90% of frames`,
      "first frames: Chromium fake camera; the publisher sends for 1.5 s before the newcomer connects; timed from the newcomer's room.connect() to its first rendered frame (requestVideoFrameCallback), on loopback",
    ],
    raw: { firstFrames, steps: results, connect },
    seconds: (Date.now() - started) / 1000,
  };
}

// `--first-frames` runs only the browser part; `--runs N` sets its joins per configuration.
const runsArg = process.argv.indexOf('--runs');
runIfMain(import.meta.url, 'livekit-sfu', () =>
  run({
    firstFramesOnly: process.argv.includes('--first-frames'),
    firstFrameRuns: runsArg > 0 ? Number(process.argv[runsArg + 1]) : undefined,
  }),
);
