import { describe, expect, it } from 'vitest';
import { PrecallResult, type PrecallIceConfig } from '@openconnect/contracts';
import type { DevicePreview, DevicePreviewState } from '../lobby/devices.ts';
import { createStore } from '../store/store.ts';
import { createPrecallCheck } from './precall-check.ts';
import type { NetworkMeasurement } from './grading.ts';
import { lossPercent, usesRelay } from './network-test.ts';

const ice: PrecallIceConfig = {
  iceServers: [{ urls: 'stun:stun.example.org' }],
  iceTransportPolicy: 'all',
  expiresAt: '2026-12-06T10:05:00.000Z',
};

/** A preview whose stream has a microphone track; its level is set by the test. */
function fakePreview(level = 0): DevicePreview {
  const stream = { getAudioTracks: () => [{}], getVideoTracks: () => [] } as unknown as MediaStream;
  const store = createStore<DevicePreviewState>({
    status: 'ready',
    problem: null,
    stream,
    cameras: [],
    microphones: [],
    cameraId: null,
    microphoneId: null,
    level,
  });
  return {
    store,
    start: async () => undefined,
    selectCamera: async () => undefined,
    selectMicrophone: async () => undefined,
    choice: () => ({ cameraId: null, microphoneId: null }),
    stop: () => undefined,
  };
}

const slow: NetworkMeasurement = {
  connected: true,
  relayed: true,
  rttMs: 180,
  bitrateKbps: 420,
  lossPercent: 0,
};

describe('the pre-call check', () => {
  it('sends a valid result once the automatic parts are done, and again with the speaker answer', async () => {
    const preview = fakePreview();
    const sent: unknown[] = [];
    const check = createPrecallCheck({
      preview,
      fetchIce: async () => ice,
      saveResult: async (result) => void sent.push(result),
      testCamera: async () => ({ status: 'ok', width: 640, height: 480 }),
      testNetwork: async (config) => {
        expect(config).toBe(ice);
        // The visitor speaks while the network test runs: the loudest level counts.
        preview.store.set((s) => ({ ...s, level: 0.4 }));
        preview.store.set((s) => ({ ...s, level: 0.1 }));
        return slow;
      },
    });
    await check.run();
    expect(sent).toHaveLength(1);
    const first = PrecallResult.parse(sent[0]);
    expect(first).toEqual({
      camera: { status: 'ok', width: 640, height: 480 },
      microphone: { status: 'ok', peak: 0.4 },
      speaker: 'skipped',
      network: { grade: 'fair', ...slow },
    });
    expect(check.store.get()).toMatchObject({ status: 'done', shared: true });

    await check.answerSpeaker(false);
    expect(PrecallResult.parse(sent[1]).speaker).toBe('notHeard');
  });

  it('grades the network poor when the ICE servers cannot be fetched', async () => {
    const check = createPrecallCheck({
      preview: fakePreview(),
      fetchIce: async () => Promise.reject(new Error('offline')),
      saveResult: async () => undefined,
      testCamera: async () => ({ status: 'none', width: null, height: null }),
      testNetwork: async () => slow,
    });
    await check.run();
    expect(check.store.get().network).toEqual({
      grade: 'poor',
      connected: false,
      relayed: false,
      rttMs: null,
      bitrateKbps: null,
      lossPercent: null,
    });
    expect(check.store.get().microphone).toEqual({ status: 'silent', peak: 0 });
  });

  it('says so when the result could not reach staff', async () => {
    const check = createPrecallCheck({
      preview: fakePreview(0.5),
      fetchIce: async () => ice,
      saveResult: async () => Promise.reject(new Error('409')),
      testCamera: async () => ({ status: 'ok', width: 1280, height: 720 }),
      testNetwork: async () => slow,
    });
    await check.run();
    expect(check.store.get().shared).toBe(false);
  });

  it('tests the camera the preview opens when the visitor runs it before the camera is ready', async () => {
    const preview = fakePreview(0.3);
    const opened = preview.store.get().stream;
    preview.store.set((s) => ({ ...s, status: 'starting', stream: null }));
    const tested: (MediaStream | null)[] = [];
    const check = createPrecallCheck({
      preview,
      fetchIce: async () => ice,
      saveResult: async () => undefined,
      testCamera: async (stream) => {
        tested.push(stream);
        return stream
          ? { status: 'ok', width: 640, height: 480 }
          : { status: 'none', width: null, height: null };
      },
      testNetwork: async () => slow,
    });
    const running = check.run();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tested).toEqual([]);
    preview.store.set((s) => ({ ...s, status: 'ready', stream: opened }));
    await running;
    expect(tested).toEqual([opened]);
    expect(check.store.get().camera).toEqual({ status: 'ok', width: 640, height: 480 });
    expect(check.store.get().microphone).toEqual({ status: 'ok', peak: 0.3 });
  });

  it('gives up waiting for a camera that never opens, and says there is none', async () => {
    const preview = fakePreview();
    preview.store.set((s) => ({ ...s, status: 'starting', stream: null }));
    const check = createPrecallCheck({
      preview,
      previewWaitMs: 30,
      fetchIce: async () => ice,
      saveResult: async () => undefined,
      testCamera: async (stream) =>
        stream
          ? { status: 'ok', width: 640, height: 480 }
          : { status: 'none', width: null, height: null },
      testNetwork: async () => slow,
    });
    await check.run();
    expect(check.store.get()).toMatchObject({
      status: 'done',
      camera: { status: 'none', width: null, height: null },
    });
  });

  it('rejects results the server would not take', () => {
    const valid = {
      camera: { status: 'ok', width: 640, height: 480 },
      microphone: { status: 'ok', peak: 0.4 },
      speaker: 'heard',
      network: { grade: 'good', ...slow },
    };
    expect(PrecallResult.safeParse(valid).success).toBe(true);
    expect(PrecallResult.safeParse({ ...valid, note: 'x' }).success).toBe(false);
    expect(
      PrecallResult.safeParse({ ...valid, network: { ...valid.network, bitrateKbps: 1.5 } })
        .success,
    ).toBe(false);
    expect(
      PrecallResult.safeParse({ ...valid, camera: { status: 'ok', width: -1, height: 480 } })
        .success,
    ).toBe(false);
  });
});

/** A stats report as the browser gives it: an iterable map of stats by id. */
const report = (stats: Record<string, unknown>[]) =>
  new Map(stats.map((s) => [s.id as string, s])) as unknown as RTCStatsReport;

describe('network test stats', () => {
  it('counts packets one end sent that the other never received, over every candidate pair', () => {
    const pair = (id: string, packetsSent: number, packetsReceived: number) => ({
      id,
      type: 'candidate-pair',
      packetsSent,
      packetsReceived,
    });
    // a sent 1000 and 200 on two pairs; b got 980 and 196 of them, and the other way round.
    const a = report([pair('P1', 1000, 500), pair('P2', 200, 100)]);
    const b = report([pair('P1', 500, 980), pair('P2', 100, 196)]);
    expect(lossPercent([a, b])).toBe(1.3);
  });

  it('reports no loss figure when the browser gives no pair counters', () => {
    expect(lossPercent([report([{ id: 'P', type: 'candidate-pair' }])])).toBeNull();
    expect(lossPercent([report([{ id: 'T', type: 'transport' }])])).toBeNull();
  });

  it('sees a relayed path from the selected pair’s local candidate', () => {
    const stats = (type: string) =>
      report([
        { id: 'T', type: 'transport', selectedCandidatePairId: 'P' },
        { id: 'P', type: 'candidate-pair', localCandidateId: 'L' },
        { id: 'L', type: 'local-candidate', candidateType: type },
      ]);
    expect(usesRelay(stats('relay'))).toBe(true);
    expect(usesRelay(stats('host'))).toBe(false);
  });
});
