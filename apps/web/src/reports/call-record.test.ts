import { describe, expect, it } from 'vitest';
import { noteCallTiming, takeCallRecord } from './call-record.ts';

describe('the call record noted from telemetry', () => {
  it('keeps the first timings and counts reconnects, then starts again after a take', () => {
    noteCallTiming({ provider: 'p2p', kind: 'time_to_connected', valueMs: 900 });
    noteCallTiming({ provider: 'p2p', kind: 'reconnect' });
    noteCallTiming({ provider: 'p2p', kind: 'time_to_first_frame', valueMs: 1500 });
    noteCallTiming({ provider: 'p2p', kind: 'time_to_connected', valueMs: 5000 });
    noteCallTiming({ provider: 'p2p', kind: 'reconnect' });
    expect(takeCallRecord(true)).toEqual({
      connectMs: 900,
      firstFrameMs: 1500,
      reconnects: 2,
      dropped: true,
      candidateType: null,
      transport: null,
    });
    expect(takeCallRecord(false)).toBeUndefined();
  });

  it('still reports a lost call that never reported a timing', () => {
    expect(takeCallRecord(true)).toMatchObject({ connectMs: null, reconnects: 0, dropped: true });
  });
});
