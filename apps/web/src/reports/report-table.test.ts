import { describe, expect, it } from 'vitest';
import type { Report } from '@openconnect/contracts';
import { loadMessages } from '../i18n/t.ts';
import { paths } from '../router/paths.ts';
import { matchRoute } from '../router/routes.ts';
import {
  comparisonTable,
  feedbackTable,
  qualityTable,
  timesTable,
  toCsv,
  visitsTable,
} from './report-table.ts';

await loadMessages('staff', 'call');

const spread = (count: number, p50: number | null, p95: number | null) => ({ count, p50, p95 });
const report: Report = {
  from: '2026-11-01',
  to: '2026-11-02',
  facilityIds: ['f'],
  visitsPerDay: [
    { day: '2026-11-01', visits: 2 },
    { day: '2026-11-02', visits: 0 },
  ],
  waitSeconds: spread(3, 120, 282),
  visitSeconds: spread(0, null, null),
  providers: [
    {
      provider: 'livekit',
      sessions: 2,
      joinFailures: 1,
      joinErrorRate: 1 / 3,
      connectMs: spread(1, 500, 500),
      firstFrameMs: spread(0, null, null),
      reconnects: 0,
      drops: 0,
      fallbacks: 0,
    },
  ],
  mediaPaths: [],
  feedback: [
    {
      provider: 'p2p',
      role: 'visitor',
      responses: 1,
      ratings: [0, 1, 0, 0, 0],
      averageRating: 2,
      tags: { could_not_hear: 1, could_not_see: 0, call_dropped: 0, hard_to_join: 0 },
    },
  ],
  comments: [],
};

describe('report tables', () => {
  it('hold the figures the charts draw, with readable units and dashes for none', () => {
    expect(visitsTable(report).rows).toEqual([
      ['2026-11-01', 2],
      ['2026-11-02', 0],
    ]);
    expect(timesTable(report).rows).toEqual([
      ['Waiting before being let in', 3, '2.0 min', '4.7 min'],
      ['Visit length', 0, '–', '–'],
    ]);
    // One row per measure, one column per provider (it fits a laptop's width).
    expect(qualityTable(report)).toEqual({
      columns: ['Measure', 'LiveKit'],
      rows: [
        ['Joined', 2],
        ['Joins that failed', 1],
        ['Join error rate', '33.3 %'],
        ['Time to connect p50', '500 ms'],
        ['Time to connect p95', '500 ms'],
        ['First picture p50', '–'],
        ['First picture p95', '–'],
        ['Reconnects', 0],
        ['Calls lost', 0],
        ['Fallbacks to this provider', 0],
      ],
    });
    const feedback = feedbackTable(report);
    expect(feedback.columns).toContain('Could not hear');
    expect(feedback.rows[0]).toEqual([
      'Peer to peer (p2p)',
      'Visitors',
      1,
      '2.00',
      0,
      1,
      0,
      0,
      0,
      1,
      0,
      0,
      0,
    ]);
  });

  it('export as CSV that a spreadsheet reads as text, not formulas', () => {
    expect(
      toCsv({
        columns: ['Who', 'Said'],
        rows: [
          ['Visitors', '=HYPERLINK("x")'],
          ['Staff, p2p', -1],
        ],
      }),
    ).toBe('Who,Said\r\nVisitors,"\'=HYPERLINK(""x"")"\r\n"Staff, p2p",-1\r\n');
  });

  it('compare the providers with each rate’s interval and sample', () => {
    const none = { events: 0, sample: 0, rate: null, low: null, high: null };
    const table = comparisonTable({
      verdict: 'livekit_better',
      minSample: 30,
      metrics: [
        {
          id: 'join_error_rate',
          p2p: { events: 12, sample: 40, rate: 0.3, low: 0.1807, high: 0.4543 },
          livekit: none,
          better: null,
        },
      ],
    });
    expect(table.rows).toEqual([
      ['Joins that failed', '30.0 % (95%: 18.1 %–45.4 %; 12 of 40)', 'no calls yet', 'Neither'],
    ]);
  });

  it('live at /facilities/:id/reports', () => {
    expect(matchRoute(paths.reports('f 1'))).toEqual({ name: 'reports', facilityId: 'f 1' });
  });
});
