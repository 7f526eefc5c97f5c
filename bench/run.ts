// `npm run bench`: every benchmark in one run, side by side on this machine, then one summary
// table (target, measured, pass/miss). Bounded in time: a benchmark that would start after the
// deadline is skipped and says so. `--only join,waiting-room` picks some; `--cpu-prof` profiles
// the server during an extra join phase. Results go to bench/results/ (gitignored).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { run as browserJoin } from './browser-join.ts';
import { run as costGrowth } from './cost-growth.ts';
import { run as joinApi } from './join-api.ts';
import { run as livekitSfu } from './livekit-sfu.ts';
import { resultsDir, saveResults, summaryTable, type BenchResult } from './support/result.ts';
import { machine } from './support/stats.ts';
import { run as waitingRoom } from './waiting-room.ts';
import { run as webBundle } from './web-bundle.ts';

/** Total budget; each benchmark is bounded on its own, this keeps the sum bounded too. */
const BUDGET_MS = 25 * 60_000;

const argValue = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

const benchmarks: [string, () => Promise<BenchResult>][] = [
  ['web-bundle', () => webBundle()],
  ['join', () => joinApi({ cpuProfile: process.argv.includes('--cpu-prof') })],
  ['waiting-room', () => waitingRoom()],
  ['cost-growth', () => costGrowth()],
  ['browser-join', () => browserJoin()],
  ['livekit-sfu', () => livekitSfu()],
];

async function main(): Promise<void> {
  const only = argValue('--only')?.split(',');
  const started = Date.now();
  const before = machine();
  const results: BenchResult[] = [];
  const skipped: string[] = [];
  for (const [name, run] of benchmarks) {
    if (only && !only.includes(name)) continue;
    if (Date.now() - started > BUDGET_MS) {
      skipped.push(`${name}: skipped, the run's time budget was spent`);
      continue;
    }
    console.error(`[bench] ${name}…`);
    try {
      const result = await run();
      results.push(result);
      await saveResults(name, result);
      console.error(`[bench] ${name} done in ${result.seconds.toFixed(0)} s`);
    } catch (error) {
      skipped.push(`${name}: failed: ${String(error).split('\n')[0]}`);
      console.error(error);
    }
  }
  const after = machine();
  const table = summaryTable(results);
  const notes = [...results.flatMap((r) => r.notes.map((n) => `${r.name}: ${n}`)), ...skipped];
  const header =
    `${before.date} · ${before.cpus} × ${before.cpuModel}, ${before.memoryGiB} GiB, Node ${before.node} · ` +
    `load average ${before.loadAverage.join(' ')} before, ${after.loadAverage.join(' ')} after · ` +
    `${((Date.now() - started) / 1000).toFixed(0)} s`;
  const text = `${header}\n\n${table}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`;
  console.log(`\n${text}`);
  await saveResults('summary', { before, after, results, skipped });
  await writeFile(path.join(resultsDir, 'summary.md'), text);
  process.exit(skipped.some((s) => s.includes('failed')) ? 1 : 0);
}

void main();
