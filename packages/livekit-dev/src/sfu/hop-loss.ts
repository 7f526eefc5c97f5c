// What a subscriber's own link loses. Its receiver reports count every packet it never got, also
// those that never reached the SFU (lost between publisher and SFU, or on a busy SFU): those show
// as gaps in the sequence numbers the forwarder writes, since it renumbers only across what it
// leaves out on purpose. Loss minus the gaps sent is the loss of the hop from the SFU to the
// subscriber, the only loss a lower layer for this subscriber can help. The degrade policy
// (degrade.ts) acts on it; the publisher's own loss is its congestion control's business.

/** A gap this wide in the written numbering is a jump (a new stream), not lost packets. */
const MAX_GAP = 1000;
/** Gaps remembered for NACK filtering. */
const MAX_GAPS = 64;

/** Whether 16-bit sequence number `a` comes after `b` (with wrap-around). */
function newer16(a: number, b: number): boolean {
  return a !== b && ((a - b) & 0xffff) < 0x8000;
}

interface Gap {
  /** The first sequence number written after the gap. */
  end: number;
  /** Sequence numbers never written just before `end`. */
  count: number;
}

/** Loss on one subscriber's hop, per receiver report. */
export class HopLossMeter {
  private lastSeq: number | undefined;
  /** Gaps not yet covered by a receiver report (oldest first). */
  private pending: Gap[] = [];
  /** Recent gaps (also those already reported), to tell a NACK for a packet never sent. */
  private recent: Gap[] = [];
  /** Packets never sent up to the last receiver report's highest sequence number. */
  private gapsReported = 0;
  private last: { lost: number; highest: number; gaps: number } | undefined;

  /** A packet was written to the subscriber with sequence number `seq`. */
  onWrite(seq: number): void {
    if (this.lastSeq === undefined) {
      this.lastSeq = seq;
      return;
    }
    if (!newer16(seq, this.lastSeq)) {
      // A late packet fills part of a gap: it was sent after all.
      const gap = this.recent.find((g) => this.inGap(g, seq));
      if (gap) {
        gap.count = Math.max(0, gap.count - 1);
        const unreported = this.pending.find((g) => g.end === gap.end);
        if (unreported) unreported.count = gap.count;
      }
      return;
    }
    const missing = (seq - this.lastSeq - 1) & 0xffff;
    this.lastSeq = seq;
    if (missing === 0 || missing > MAX_GAP) return;
    const gap = { end: seq, count: missing };
    this.pending.push({ ...gap });
    this.recent.push(gap);
    if (this.recent.length > MAX_GAPS) this.recent.shift();
  }

  /** Whether `seq` was never sent to the subscriber (lost before the SFU wrote it). */
  neverSent(seq: number): boolean {
    return this.recent.some((g) => this.inGap(g, seq));
  }

  /**
   * A receiver report block about the forwarded stream (cumulative `packetsLost`, extended
   * `highestSequence`): the fraction of the packets sent since the previous report that this hop
   * lost, or undefined for the first report or one that reports nothing new.
   */
  onReport(packetsLost: number, highestSequence: number): number | undefined {
    const highest16 = highestSequence & 0xffff;
    while (this.pending.length > 0 && !newer16(this.pending[0]!.end, highest16)) {
      this.gapsReported += this.pending.shift()!.count;
    }
    const now = { lost: packetsLost, highest: highestSequence, gaps: this.gapsReported };
    const previous = this.last;
    this.last = now;
    if (!previous) return undefined;
    const expected = now.highest - previous.highest;
    if (expected <= 0) return undefined;
    const lost = now.lost - previous.lost - (now.gaps - previous.gaps);
    return Math.min(1, Math.max(0, lost / expected));
  }

  private inGap(gap: Gap, seq: number): boolean {
    const behind = (gap.end - seq) & 0xffff;
    return behind >= 1 && behind <= gap.count;
  }
}

/** RFC 3550's cumulative number of packets lost: a signed 24-bit field. */
export function signedPacketsLost(field: number): number {
  return field & 0x800000 ? field - 0x1000000 : field;
}
