// Bundle budget of the visitor's first two steps: sums the gzip size of everything the invite page
// loads up front (the entry and its static imports, not the lazily loaded staff pages), then of
// that plus the waiting room, and fails (exit code 1) when either is over budget.
// Run after `vite build`: `npm run size -w apps/web`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Gzip budgets in bytes for what the invite page loads before it can render. */
const budgets = { js: 32 * 1024, css: 6 * 1024 };

interface ManifestChunk {
  file: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

function gzipSize(file: string): number {
  return gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
}

/**
 * The visitor's next step after the invite page, loaded on demand: what the visitor has loaded
 * by then must fit the same budget. vite.config.ts groups it into the chunk named `waiting-room`.
 */
const waitingRoomChunk = 'waiting-room';

/**
 * The files an entry loads up front (its chunk, its static imports, and their CSS), plus the
 * chunks of `extra` sources and their static imports when given.
 */
function initialFiles(
  manifest: Record<string, ManifestChunk>,
  extra: string[] = [],
): { js: string[]; css: string[] } {
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
  if (!entry) throw new Error('The build manifest has no entry chunk');
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || js.has(chunk.file)) return;
    js.add(chunk.file);
    chunk.css?.forEach((file) => css.add(file));
    chunk.imports?.forEach(visit);
  };
  visit(entry[0]);
  for (const name of extra) {
    const key = Object.keys(manifest).find((k) => manifest[k]?.name === name && k.endsWith('.js'));
    if (!key) throw new Error(`The build manifest has no chunk named ${name}`);
    visit(key);
  }
  return { js: [...js], css: [...css] };
}

function main(): void {
  let manifest: Record<string, ManifestChunk>;
  try {
    manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
      string,
      ManifestChunk
    >;
  } catch (cause) {
    throw new Error('No build manifest: run `npm run build -w apps/web` first', { cause });
  }
  let failed = false;
  const pages: [string, string[]][] = [
    ['invite page ', []],
    ['waiting room', [waitingRoomChunk]],
  ];
  for (const [page, extra] of pages) {
    const files = initialFiles(manifest, extra);
    for (const kind of ['js', 'css'] as const) {
      const size = files[kind].reduce((sum, file) => sum + gzipSize(file), 0);
      const over = size > budgets[kind];
      failed ||= over;
      const verdict = over ? 'over ' : 'ok   ';
      console.log(
        `${verdict} ${page} ${kind.padEnd(3)} ${(size / 1024).toFixed(1)} kB gzip` +
          ` (budget ${(budgets[kind] / 1024).toFixed(0)} kB; ${files[kind].join(', ')})`,
      );
    }
  }
  if (failed) process.exitCode = 1;
}

main();
