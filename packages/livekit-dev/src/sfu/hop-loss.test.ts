import { describe, expect, it } from 'vitest';
import { HopLossMeter, signedPacketsLost } from './hop-loss.ts';

function writeRange(meter: HopLossMeter, from: number, to: number, skip: number[] = []): void {
  for (let seq = from; seq <= to; seq++) if (!skip.includes(seq)) meter.onWrite(seq & 0xffff);
}

describe('HopLossMeter', () => {
  it("reports the subscriber's own loss per report", () => {
    const meter = new HopLossMeter();
    writeRange(meter, 100, 199);
    expect(meter.onReport(0, 199)).toBeUndefined(); // the first report sets the baseline
    writeRange(meter, 200, 299);
    // 100 sent, 25 of them not received.
    expect(meter.onReport(25, 299)).toBeCloseTo(0.25);
    writeRange(meter, 300, 399);
    expect(meter.onReport(25, 399)).toBe(0);
  });

  it('does not count what never reached the SFU against the subscriber', () => {
    const meter = new HopLossMeter();
    writeRange(meter, 100, 199);
    meter.onReport(0, 199);
    // 30 packets of 100 lost before the SFU: the subscriber misses exactly those.
    const lostUpstream = Array.from({ length: 30 }, (_, i) => 210 + i);
    writeRange(meter, 200, 299, lostUpstream);
    expect(meter.onReport(30, 299)).toBe(0);
    // Upstream loss and 10 more lost on the hop.
    writeRange(meter, 300, 399, [350, 351, 352]);
    expect(meter.onReport(30 + 3 + 10, 399)).toBeCloseTo(0.1);
  });

  it('counts a gap only once the report covers it', () => {
    const meter = new HopLossMeter();
    writeRange(meter, 0, 99);
    meter.onReport(0, 99);
    writeRange(meter, 100, 199, [150, 151]);
    // The report was cut before the gap: its loss is not excused yet.
    expect(meter.onReport(0, 140)).toBe(0);
    expect(meter.onReport(2, 199)).toBe(0);
  });

  it('treats a late packet as sent after all', () => {
    const meter = new HopLossMeter();
    writeRange(meter, 0, 99);
    meter.onReport(0, 99);
    writeRange(meter, 100, 199, [120]);
    meter.onWrite(120);
    expect(meter.neverSent(120)).toBe(false);
    // The receiver lost 120 on the hop this time.
    expect(meter.onReport(1, 199)).toBeCloseTo(0.01);
  });

  it('follows sequence numbers across their wrap', () => {
    const meter = new HopLossMeter();
    writeRange(meter, 65_500, 65_535);
    meter.onReport(0, 65_535);
    writeRange(meter, 65_536, 65_635, [65_540]);
    expect(meter.neverSent(65_540 & 0xffff)).toBe(true);
    expect(meter.onReport(1, 65_635)).toBe(0);
  });

  it('tells NACKs for packets never sent from those lost on the hop', () => {
    const meter = new HopLossMeter();
    writeRange(meter, 0, 50, [20, 21, 22]);
    expect(meter.neverSent(21)).toBe(true);
    expect(meter.neverSent(23)).toBe(false);
    expect(meter.neverSent(19)).toBe(false);
  });

  it('reads the cumulative loss as a signed 24-bit number', () => {
    expect(signedPacketsLost(5)).toBe(5);
    expect(signedPacketsLost(0xffffff)).toBe(-1);
  });
});
