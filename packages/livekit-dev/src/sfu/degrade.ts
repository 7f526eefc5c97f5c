// Degrade, never stall: when a subscriber's link cannot carry what it asked for, it gets one layer
// less (a lower simulcast layer, a lower VP9 spatial layer), and the layer back once its link has
// been clean for a while. The signals are what the subscriber's receiver sends anyway: RTCP
// receiver reports and NACKs, counting only what its own hop lost (hop-loss.ts: a packet that
// never reached the SFU is no reason to send this subscriber less). PLIs are not a signal: a
// subscriber asks for a keyframe after any loss, upstream loss included. This is a small stand-in
// for LiveKit's per-subscriber bandwidth allocation (pkg/sfu/streamallocator), which uses TWCC
// estimates. Never below the lowest layer: a degraded subscriber still gets video and keyframes.

/** A receiver report losing at least this fraction is a bad report. */
export const LOSS_THRESHOLD = 0.2;
/** Bad reports in a row that make loss "sustained". */
export const BAD_REPORTS_TO_DEGRADE = 3;
/** NACKed packets within one window that make a NACK storm. */
export const NACK_STORM_PACKETS = 100;
/** The window for NACK storms. */
export const STORM_WINDOW_MS = 2000;
/** After a step down, no further step down for this long (the lower layer needs time to show). */
export const DEGRADE_HOLD_MS = 4000;
/** A link clean for this long gets one layer back. */
export const RECOVER_AFTER_MS = 10_000;
/** At most this many layers below what the subscriber asked for. */
const MAX_STEPS = 2;

/** Decides how many layers below its request a subscriber gets, from its receiver's feedback. */
export class DegradePolicy {
  /** Layers taken off the subscriber's request (0: it gets what it asked for). */
  steps = 0;
  private badReports = 0;
  private lastTroubleAt = 0;
  private lastStepAt = Number.NEGATIVE_INFINITY;
  private nacks: { at: number; count: number }[] = [];

  constructor(private readonly onChange: (steps: number) => void = () => undefined) {}

  /** A receiver report: the fraction 0..1 of what was sent since the last one that the hop lost. */
  onReceiverReport(fractionLost: number, now: number): void {
    if (fractionLost >= LOSS_THRESHOLD) {
      this.badReports++;
      this.lastTroubleAt = now;
      if (this.badReports >= BAD_REPORTS_TO_DEGRADE) this.degrade(now);
      return;
    }
    this.badReports = 0;
    this.maybeRecover(now);
  }

  /** A NACK asking again for `count` packets that were sent (and lost on the hop). */
  onNack(count: number, now: number): void {
    this.nacks.push({ at: now, count });
    this.nacks = this.nacks.filter((n) => now - n.at < STORM_WINDOW_MS);
    const total = this.nacks.reduce((sum, n) => sum + n.count, 0);
    if (total >= NACK_STORM_PACKETS) {
      this.lastTroubleAt = now;
      this.nacks = [];
      this.degrade(now);
    }
  }

  /** The highest layer to forward for a request of `maxLayer` (never below 0 while wanted). */
  limit(maxLayer: number): number {
    if (maxLayer < 0) return maxLayer;
    return Math.max(0, maxLayer - this.steps);
  }

  private degrade(now: number): void {
    this.badReports = 0;
    if (this.steps >= MAX_STEPS || now - this.lastStepAt < DEGRADE_HOLD_MS) return;
    this.steps++;
    this.lastStepAt = now;
    this.onChange(this.steps);
  }

  private maybeRecover(now: number): void {
    if (this.steps === 0) return;
    if (now - this.lastTroubleAt < RECOVER_AFTER_MS || now - this.lastStepAt < RECOVER_AFTER_MS)
      return;
    this.steps--;
    this.lastStepAt = now;
    this.onChange(this.steps);
  }
}
