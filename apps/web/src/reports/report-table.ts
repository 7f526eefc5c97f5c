// The reports page's figures as tables: each section's rows and columns, the same numbers the
// charts draw, and their CSV. Pure functions, tested without a browser.
import type {
  FeedbackTag,
  ProviderComparison,
  ProviderReport,
  RateEstimate,
  Report,
  Spread,
} from '@openconnect/contracts';
import { t } from '../i18n/t.ts';

export interface Table {
  columns: string[];
  rows: (string | number)[][];
}

const TAGS: readonly FeedbackTag[] = [
  'could_not_hear',
  'could_not_see',
  'call_dropped',
  'hard_to_join',
];

const dash = () => t('reports.none.short');
const seconds = (value: number | null) =>
  value === null
    ? dash()
    : value >= 120
      ? t('reports.minutes', { value: (value / 60).toFixed(1) })
      : t('reports.seconds', { value: Math.round(value) });
const millis = (value: number | null) =>
  value === null ? dash() : t('reports.ms', { value: Math.round(value) });
const percent = (value: number | null) =>
  value === null ? dash() : t('reports.percent', { value: (value * 100).toFixed(1) });

export const providerName = (provider: string) =>
  provider === 'livekit' ? t('reports.provider.livekit') : t('reports.provider.p2p');
const roleName = (role: string) =>
  role === 'host' ? t('reports.role.host') : t('reports.role.visitor');

export function visitsTable(report: Report): Table {
  return {
    columns: [t('reports.visits.day'), t('reports.visits.count')],
    rows: report.visitsPerDay.map((d) => [d.day, d.visits]),
  };
}

export function timesTable(report: Report): Table {
  const row = (label: string, s: Spread) => [label, s.count, seconds(s.p50), seconds(s.p95)];
  return {
    columns: [
      t('reports.times.measure'),
      t('reports.times.count'),
      t('reports.times.p50'),
      t('reports.times.p95'),
    ],
    rows: [
      row(t('reports.times.wait'), report.waitSeconds),
      row(t('reports.times.visit'), report.visitSeconds),
    ],
  };
}

/**
 * The calls per provider, one row per measure and one column per provider: eleven measures side
 * by side would not fit a laptop's width, two or three providers fit a phone's.
 */
export function qualityTable(report: Report): Table {
  const measures: [string, (p: ProviderReport) => string | number][] = [
    [t('reports.quality.sessions'), (p) => p.sessions],
    [t('reports.quality.failures'), (p) => p.joinFailures],
    [t('reports.quality.errorRate'), (p) => percent(p.joinErrorRate)],
    [t('reports.quality.connectP50'), (p) => millis(p.connectMs.p50)],
    [t('reports.quality.connectP95'), (p) => millis(p.connectMs.p95)],
    [t('reports.quality.frameP50'), (p) => millis(p.firstFrameMs.p50)],
    [t('reports.quality.frameP95'), (p) => millis(p.firstFrameMs.p95)],
    [t('reports.quality.reconnects'), (p) => p.reconnects],
    [t('reports.quality.drops'), (p) => p.drops],
    [t('reports.quality.fallbacks'), (p) => p.fallbacks],
  ];
  return {
    columns: [t('reports.times.measure'), ...report.providers.map((p) => providerName(p.provider))],
    rows: measures.map(([label, value]) => [label, ...report.providers.map(value)]),
  };
}

export function pathsTable(report: Report): Table {
  const totals = new Map<string, number>();
  for (const p of report.mediaPaths)
    totals.set(p.provider, (totals.get(p.provider) ?? 0) + p.sessions);
  return {
    columns: [
      t('reports.quality.provider'),
      t('reports.paths.path'),
      t('reports.paths.transport'),
      t('reports.quality.sessions'),
      t('reports.paths.share'),
    ],
    rows: report.mediaPaths.map((p) => [
      providerName(p.provider),
      p.candidateType,
      p.transport,
      p.sessions,
      percent(p.sessions / (totals.get(p.provider) ?? 1)),
    ]),
  };
}

export function feedbackTable(report: Report): Table {
  return {
    columns: [
      t('reports.quality.provider'),
      t('reports.feedback.who'),
      t('reports.feedback.responses'),
      t('reports.feedback.average'),
      ...[1, 2, 3, 4, 5].map((n) => t('reports.feedback.stars', { n })),
      ...TAGS.map((tag) => t(`feedback.tag.${tag}`)),
    ],
    rows: report.feedback.map((f) => [
      providerName(f.provider),
      roleName(f.role),
      f.responses,
      f.averageRating === null ? dash() : f.averageRating.toFixed(2),
      ...f.ratings,
      ...TAGS.map((tag) => f.tags[tag]),
    ]),
  };
}

export { roleName };

const estimate = (e: RateEstimate) =>
  e.rate === null || e.low === null || e.high === null
    ? t('reports.compare.noSample')
    : t('reports.compare.estimate', {
        rate: percent(e.rate),
        low: percent(e.low),
        high: percent(e.high),
        events: e.events,
        sample: e.sample,
      });

export function comparisonTable(comparison: ProviderComparison): Table {
  return {
    columns: [
      t('reports.compare.measure'),
      providerName('p2p'),
      providerName('livekit'),
      t('reports.compare.better'),
    ],
    rows: comparison.metrics.map((m) => [
      t(`reports.compare.${m.id}`),
      estimate(m.p2p),
      estimate(m.livekit),
      m.better ? providerName(m.better) : t('reports.compare.neither'),
    ]),
  };
}

/**
 * A table as CSV (RFC 4180: quoted when needed, CRLF). A cell that a spreadsheet would run as a
 * formula (= + - @ first) is prefixed with an apostrophe: comments are typed by visitors.
 */
export function toCsv(table: Table): string {
  const cell = (value: string | number) => {
    let text = String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [table.columns, ...table.rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
