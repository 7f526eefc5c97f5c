// The shape every benchmark returns, and how the suite prints it: one row per measure, with its
// target when the issue sets one, so a reader sees at a glance what passed and what missed.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One measured quantity. `pass` is undefined for measures that have no target. */
export interface Row {
  readonly metric: string;
  readonly measured: string;
  readonly target?: string;
  readonly pass?: boolean;
}

export interface BenchResult {
  readonly name: string;
  readonly rows: Row[];
  /** Caveats a reader needs (what was skipped, what could not be measured here). */
  readonly notes: string[];
  /** Everything measured, for the JSON file. */
  readonly raw: Record<string, unknown>;
  readonly seconds: number;
}

export const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const resultsDir = path.join(benchDir, 'results');
export const repoRoot = path.resolve(benchDir, '..');

/** A row with a target: `value` compared against `limit`, lower or higher being better. */
export function targetRow(
  metric: string,
  value: number,
  unit: string,
  limit: number,
  better: 'lower' | 'higher',
  digits = 0,
): Row {
  const pass = Number.isFinite(value) && (better === 'lower' ? value <= limit : value >= limit);
  return {
    metric,
    measured: `${fmt(value, digits)} ${unit}`.trim(),
    target: `${better === 'lower' ? '≤' : '≥'} ${fmt(limit, digits)} ${unit}`.trim(),
    pass,
  };
}

/** A row without a target. */
export const infoRow = (metric: string, measured: string): Row => ({ metric, measured });

/** A number with thousands separators and fixed decimals; "n/a" when not finite. */
export function fmt(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Renders results as one Markdown table (target, measured, pass/miss). */
export function summaryTable(results: BenchResult[]): string {
  const lines = [
    '| Benchmark | Measure | Target | Measured | |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const result of results) {
    for (const row of result.rows) {
      const verdict = row.pass === undefined ? '' : row.pass ? 'pass' : '**miss**';
      lines.push(
        `| ${result.name} | ${row.metric} | ${row.target ?? ''} | ${row.measured} | ${verdict} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Writes `bench/results/<file>.json` (gitignored). */
export async function saveResults(file: string, data: unknown): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const out = path.join(resultsDir, `${file}.json`);
  await writeFile(out, `${JSON.stringify(data, null, 2)}\n`);
  return out;
}

/** When `moduleUrl` is the script node was started with, runs the benchmark and prints it. */
export function runIfMain(moduleUrl: string, file: string, run: () => Promise<BenchResult>): void {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  run()
    .then(async (result) => {
      console.log(`\n${summaryTable([result])}\n`);
      for (const note of result.notes) console.log(`- ${note}`);
      console.log(`\nresults: ${await saveResults(file, result)}`);
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
