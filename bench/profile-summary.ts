// Summarises a V8 CPU profile (`node --cpu-prof`): the share of samples spent in each function
// (self time) and in each source file or package, so a profile's hot spots can be named in
// docs/performance.md. Usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, runIfMain, type BenchResult } from './support/result.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
}

export interface Share {
  name: string;
  percent: number;
}

/** Where a frame's code lives: a package name, a repository path, or a V8 category. */
function place(url: string): string {
  if (!url) return '(native/V8)';
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = file.slice(modules + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? file);
  }
  if (file.startsWith('node:')) return file;
  return path.relative(repoRoot, file);
}

/** Self-time shares by function and by file/package, highest first. */
export function summarizeProfile(file: string, top = 25) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map<number, number>();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  const total = profile.samples.length;
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const [id, count] of counts) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const where = place(frame.url);
    const fn = `${frame.functionName || '(anonymous)'} ${where}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + count);
    byPlace.set(where, (byPlace.get(where) ?? 0) + count);
  }
  const rank = (m: Map<string, number>): Share[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => ({ name, percent: (100 * n) / total }));
  // Inclusive time of the repository's own functions: where in our code the time is spent.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  for (const [id, count] of counts) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame?.url.includes('/apps/') && !frame?.url.includes('/packages/')) continue;
      const fn = `${frame.functionName || '(anonymous)'} ${place(frame.url)}:${frame.lineNumber + 1}`;
      if (seen.has(fn)) continue;
      seen.add(fn);
      inclusive.set(fn, (inclusive.get(fn) ?? 0) + count);
    }
  }
  return {
    samples: total,
    functions: rank(byFunction),
    places: rank(byPlace),
    ownCodeInclusive: rank(inclusive),
  };
}

runIfMain(import.meta.url, 'profile-summary', async (): Promise<BenchResult> => {
  const file = process.argv[2];
  if (!file) throw new Error('usage: bench/profile-summary.ts <file.cpuprofile> [top]');
  const summary = summarizeProfile(file, Number(process.argv[3] ?? 25));
  console.log(`${summary.samples} samples\n\nself time by file or package:`);
  for (const s of summary.places) console.log(`${s.percent.toFixed(1).padStart(6)}%  ${s.name}`);
  console.log('\nself time by function:');
  for (const s of summary.functions) console.log(`${s.percent.toFixed(1).padStart(6)}%  ${s.name}`);
  console.log('\ninclusive time of our own functions (apps/, packages/):');
  for (const s of summary.ownCodeInclusive)
    console.log(`${s.percent.toFixed(1).padStart(6)}%  ${s.name}`);
  return { name: 'Profile', rows: [], notes: [], raw: summary, seconds: 0 };
});
