import { beforeAll, describe, expect, it } from 'vitest';
import type { PrecallReport } from '@openconnect/contracts';
import { loadMessages } from '../i18n/t.ts';
import { summarizePrecall } from './precall-summary.ts';

const report: PrecallReport = {
  camera: { status: 'ok', width: 640, height: 480 },
  microphone: { status: 'ok', peak: 0.3 },
  speaker: 'skipped',
  network: {
    grade: 'fair',
    connected: true,
    relayed: true,
    rttMs: 180,
    bitrateKbps: 420,
    lossPercent: 0,
  },
  checkedAt: '2026-12-06T10:00:00.000Z',
};

describe('summarizePrecall', () => {
  beforeAll(() => loadMessages('staff'));

  it('reads as staff expect beside Let in', () => {
    expect(summarizePrecall(report)).toEqual({
      text: 'camera ok, mic ok, network fair: 420 kbit/s, 180 ms',
      tone: 'ok',
    });
  });

  it('says what the visitor answered about the test sound', () => {
    expect(summarizePrecall({ ...report, speaker: 'notHeard' })).toEqual({
      text: 'camera ok, mic ok, speaker not heard, network fair: 420 kbit/s, 180 ms',
      tone: 'warn',
    });
  });

  it('flags a poor network and missing devices', () => {
    const poor = summarizePrecall({
      ...report,
      camera: { status: 'none', width: null, height: null },
      network: {
        ...report.network,
        grade: 'poor',
        connected: false,
        rttMs: null,
        bitrateKbps: null,
      },
    });
    expect(poor).toEqual({
      text: 'no camera, mic ok, network poor: could not connect',
      tone: 'warn',
    });
  });
});
