// How the pre-call network test rates: good, fair or poor, from the round trip, the throughput a
// data channel achieved and the packets lost. One table of thresholds, so the visitor's page and
// its tests read the same numbers. A video visit at 640×360 needs about 500 kbit/s each way;
// conversation starts to feel laggy past ~300 ms round trip and breaks up past ~5% loss.
import type { PrecallGrade, PrecallResult } from '@openconnect/contracts';

export type NetworkMeasurement = Omit<PrecallResult['network'], 'grade'>;

interface Limits {
  maxRttMs: number;
  minBitrateKbps: number;
  maxLossPercent: number;
}

/** The worst value of each measure that still earns a grade. */
export const thresholds: Readonly<Record<'good' | 'fair', Readonly<Limits>>> = {
  good: { maxRttMs: 150, minBitrateKbps: 1500, maxLossPercent: 1 },
  fair: { maxRttMs: 400, minBitrateKbps: 300, maxLossPercent: 5 },
};

const order: readonly PrecallGrade[] = ['good', 'fair', 'poor'];

function gradeBy(pass: (limits: Limits) => boolean): PrecallGrade {
  if (pass(thresholds.good)) return 'good';
  if (pass(thresholds.fair)) return 'fair';
  return 'poor';
}

/**
 * Grades a network measurement by its weakest measure. No connection, or no round trip or
 * throughput measured, is poor; loss that could not be read (no stats) does not count.
 */
export function gradeNetwork(m: NetworkMeasurement): PrecallGrade {
  if (!m.connected || m.rttMs === null || m.bitrateKbps === null) return 'poor';
  const { rttMs, bitrateKbps, lossPercent } = m;
  const grades = [
    gradeBy((t) => rttMs <= t.maxRttMs),
    gradeBy((t) => bitrateKbps >= t.minBitrateKbps),
    lossPercent === null ? 'good' : gradeBy((t) => lossPercent <= t.maxLossPercent),
  ];
  return grades.reduce((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a));
}

/** Whether to offer joining with audio only: the network will not carry video well. */
export const offerAudioOnly = (grade: PrecallGrade) => grade === 'poor';
