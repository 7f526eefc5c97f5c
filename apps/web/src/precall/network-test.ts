// The pre-call network test: two RTCPeerConnections in this page, joined over the ICE servers the
// visit uses (relay only when the server says there is TURN, so the test takes the relayed path a
// call would), with a data channel between them. It measures the round trip (median of a few
// pings), the throughput of a ~2 s burst, and the packets lost (getStats of both ends).
// Browser APIs come in through `deps`, so tests can drive it without a browser.
import type { PrecallIceConfig } from '@openconnect/contracts';
import type { NetworkMeasurement } from './grading.ts';

export interface NetworkTestDeps {
  createPeerConnection(config: RTCConfiguration): RTCPeerConnection;
  /** Milliseconds from a monotonic clock (`performance.now()`). */
  now(): number;
  wait(ms: number): Promise<void>;
}

export interface NetworkTestOptions {
  /** How long to wait for the two ends to connect. */
  connectTimeoutMs?: number;
  pings?: number;
  burstMs?: number;
}

const CHUNK_BYTES = 16 * 1024;
const MAX_BUFFERED = 1024 * 1024;
const notConnected: NetworkMeasurement = {
  connected: false,
  relayed: false,
  rttMs: null,
  bitrateKbps: null,
  lossPercent: null,
};

export const browserNetworkDeps: NetworkTestDeps = {
  createPeerConnection: (config) => new RTCPeerConnection(config),
  now: () => performance.now(),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Runs the loopback test; never throws: a link that does not come up is `connected: false`. */
export async function runNetworkTest(
  ice: PrecallIceConfig,
  deps: NetworkTestDeps = browserNetworkDeps,
  options: NetworkTestOptions = {},
): Promise<NetworkMeasurement> {
  const config: RTCConfiguration = {
    iceServers: ice.iceServers,
    iceTransportPolicy: ice.iceTransportPolicy,
  };
  const a = deps.createPeerConnection(config);
  const b = deps.createPeerConnection(config);
  try {
    a.onicecandidate = ({ candidate }) => void b.addIceCandidate(candidate ?? undefined);
    b.onicecandidate = ({ candidate }) => void a.addIceCandidate(candidate ?? undefined);
    // Negotiated on both ends with one id: no ondatachannel round trip.
    const sender = a.createDataChannel('precall', { negotiated: true, id: 0 });
    const echo = b.createDataChannel('precall', { negotiated: true, id: 0 });
    sender.binaryType = 'arraybuffer';
    echo.binaryType = 'arraybuffer';
    let received = 0;
    let firstAt: number | null = null;
    let lastAt = 0;
    echo.onmessage = ({ data }: MessageEvent<string | ArrayBuffer>) => {
      if (typeof data === 'string') return echo.send(data);
      firstAt ??= deps.now();
      lastAt = deps.now();
      received += data.byteLength;
    };

    await a.setLocalDescription(await a.createOffer());
    await b.setRemoteDescription(a.localDescription!);
    await b.setLocalDescription(await b.createAnswer());
    await a.setRemoteDescription(b.localDescription!);
    const open = await opened(sender, deps, options.connectTimeoutMs ?? 10_000);
    if (!open) return notConnected;

    const rttMs = await roundTrip(sender, deps, options.pings ?? 7);
    const burstMs = options.burstMs ?? 2000;
    await burst(sender, deps, burstMs);
    // Let what is in flight arrive, then count throughput over the time it took to arrive.
    await deps.wait(250);
    const spanMs = firstAt === null ? 0 : Math.max(lastAt - firstAt, 1);
    const bitrateKbps = spanMs > 0 ? Math.min(Math.round((received * 8) / spanMs), 10_000_000) : 0;
    const [statsA, statsB] = await Promise.all([a.getStats(), b.getStats()]);
    return {
      connected: true,
      relayed: usesRelay(statsA),
      rttMs,
      bitrateKbps,
      lossPercent: lossPercent([statsA, statsB]),
    };
  } catch {
    return notConnected;
  } finally {
    a.close();
    b.close();
  }
}

async function opened(
  channel: RTCDataChannel,
  deps: NetworkTestDeps,
  timeoutMs: number,
): Promise<boolean> {
  if (channel.readyState === 'open') return true;
  const open = new Promise<boolean>((resolve) => {
    channel.addEventListener('open', () => resolve(true));
    channel.addEventListener('close', () => resolve(false));
  });
  return Promise.race([open, deps.wait(timeoutMs).then(() => false)]);
}

/** Median round trip of `count` pings sent one after another, in whole ms; null when none came back. */
async function roundTrip(
  channel: RTCDataChannel,
  deps: NetworkTestDeps,
  count: number,
): Promise<number | null> {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const sentAt = deps.now();
    const back = await Promise.race([
      new Promise<boolean>((resolve) => {
        const onMessage = ({ data }: MessageEvent) => {
          if (data !== `ping:${i}`) return;
          channel.removeEventListener('message', onMessage);
          resolve(true);
        };
        channel.addEventListener('message', onMessage);
        channel.send(`ping:${i}`);
      }),
      deps.wait(2000).then(() => false),
    ]);
    if (back) samples.push(deps.now() - sentAt);
  }
  if (samples.length === 0) return null;
  samples.sort((x, y) => x - y);
  return Math.round(samples[Math.floor(samples.length / 2)]!);
}

/** Sends as fast as the channel takes for `durationMs`, keeping its buffer bounded. */
async function burst(channel: RTCDataChannel, deps: NetworkTestDeps, durationMs: number) {
  const chunk = new ArrayBuffer(CHUNK_BYTES);
  const end = deps.now() + durationMs;
  while (deps.now() < end && channel.readyState === 'open') {
    if (channel.bufferedAmount > MAX_BUFFERED) {
      await deps.wait(10);
      continue;
    }
    channel.send(chunk);
  }
}

type Stat = Record<string, unknown> & { type: string; id: string };

function statsList(report: RTCStatsReport): Stat[] {
  const out: Stat[] = [];
  report.forEach((value: Stat) => out.push(value));
  return out;
}

/** Whether the selected candidate pair's local end is a TURN relay. */
export function usesRelay(report: RTCStatsReport): boolean {
  const stats = statsList(report);
  const transport = stats.find((s) => s.type === 'transport');
  const pair =
    stats.find((s) => s.id === transport?.selectedCandidatePairId) ??
    stats.find((s) => s.type === 'candidate-pair' && s.nominated === true);
  const local = stats.find((s) => s.id === pair?.localCandidateId);
  return local?.candidateType === 'relay';
}

/**
 * Percent of packets sent by either end that the other never received, from the candidate
 * pairs' counters (which leave out packets the sender's own socket dropped under the burst and
 * resent: those are not lost on the path); null when the browser does not report them.
 */
export function lossPercent(reports: RTCStatsReport[]): number | null {
  let sent = 0;
  let got = 0;
  for (const report of reports) {
    for (const pair of statsList(report)) {
      if (pair.type !== 'candidate-pair') continue;
      if (typeof pair.packetsSent !== 'number' || typeof pair.packetsReceived !== 'number')
        return null;
      sent += pair.packetsSent;
      got += pair.packetsReceived;
    }
  }
  if (sent === 0) return null;
  const lost = Math.max(0, sent - got);
  return Math.round((lost / sent) * 1000) / 10;
}
