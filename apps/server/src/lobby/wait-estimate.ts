// The estimated wait a visitor sees: from how long the facility's latest admitted visitors
// waited, and the visitor's place in line, a range of whole minutes, or nothing when the history
// is too short to say. Pure: no database, no clock (the caller passes how long they have waited).
import type { WaitEstimate } from '@openconnect/contracts';

/** How many of the facility's latest admissions the estimate reads. */
export const RECENT_ADMISSIONS = 20;
/** Fewer admissions than this in the window, and the estimate says nothing. */
export const MIN_ADMISSIONS = 5;
/** Only admissions this recent count: last month's queue says little about today's. */
export const HISTORY_WINDOW_MS = 14 * 24 * 60 * 60_000;

/** The value below which a share `q` (0…1) of the sorted `values` lie, interpolated. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('quantile of nothing');
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.ceil(at);
  const low = sorted[below]!;
  const high = sorted[above]!;
  return low + (high - low) * (at - below);
}

/** Minutes rounded outwards to steps people use: 5 minutes up to an hour, 15 beyond. */
function roundDown(minutes: number): number {
  const step = minutes >= 60 ? 15 : 5;
  return Math.max(0, Math.floor(minutes / step) * step);
}
function roundUp(minutes: number): number {
  const step = minutes > 60 ? 15 : 5;
  return Math.max(step, Math.ceil(minutes / step) * step);
}

export interface WaitEstimateInput {
  /** How long each of the latest admitted visitors waited, knock to admission, in ms. */
  recentWaitsMs: readonly number[];
  /** The visitor's place in line (1 = next). */
  position: number;
  /** How long this visitor has waited already, in ms. */
  waitedMs: number;
}

/**
 * The range a visitor may still wait: the middle half of recent waits (25th to 75th percentile,
 * whose middle is the median) for each place up to theirs, less what they have waited, rounded
 * outwards. Null with too little history, and once the visitor has waited past the range: an
 * estimate already proved wrong says nothing true.
 */
export function estimateWait(input: WaitEstimateInput): WaitEstimate | null {
  return estimateFromSorted({
    ...input,
    recentWaitsMs: [...input.recentWaitsMs].sort((a, b) => a - b),
  });
}

/** estimateWait for waits sorted already (sorted once per line change, used per waiting page). */
export function estimateFromSorted(input: WaitEstimateInput): WaitEstimate | null {
  const { recentWaitsMs: sorted, position, waitedMs } = input;
  if (sorted.length < MIN_ADMISSIONS || position < 1) return null;
  const minutes = (ms: number) => ms / 60_000;
  const low = minutes(quantile(sorted, 0.25) * position - waitedMs);
  const high = minutes(quantile(sorted, 0.75) * position - waitedMs);
  if (high <= 0) return null;
  const fromMinutes = roundDown(low);
  let toMinutes = roundUp(high);
  // Never a range of one number: the wait is not known that well.
  if (toMinutes <= fromMinutes) toMinutes = fromMinutes + (fromMinutes >= 60 ? 15 : 5);
  return { fromMinutes, toMinutes };
}
