// The migration tracker cannot drift from the code: every file a task names as evidence exists,
// every `npm run` command it gives is a script of the root package.json, every relative link
// resolves, every phase file is listed in the index, and every task has a known status.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const files = readdirSync(here)
  .filter((name) => name.endsWith('.md'))
  .sort();
const read = (name: string) => readFileSync(path.join(here, name), 'utf8');
const scripts = Object.keys(
  (
    JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts,
);

/** Text between backticks, on one line. */
const codeSpans = (text: string) => [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);

/** A span that names a file or folder of this repository. */
const REPO_PATH = /^(?:apps|packages|e2e|docs|scripts|bench|\.ci)\/[\w@.+/-]+$|^\.env\.example$/;

/** Statuses a task may have; the index explains them. */
const STATUSES = ['Done', 'Partly done', 'Open'];

describe('the migration tracker (docs/project/tasks)', () => {
  it('has an index and one file per phase', () => {
    expect(files).toContain('README.md');
    expect(files.length).toBeGreaterThanOrEqual(7);
  });

  it('lists every phase file in its index', () => {
    const index = read('README.md');
    for (const name of files.filter((f) => f !== 'README.md'))
      expect(index, `README.md links ${name}`).toContain(`](${name})`);
  });

  it("counts each phase's tasks by status in the index as the phase file has them", () => {
    const rows = read('README.md')
      .split('\n')
      .filter((line) => /^\| \[\d+\. /.test(line));
    expect(rows.length).toBe(files.length - 1);
    for (const row of rows) {
      const file = /\]\(([^)]+)\)/.exec(row)![1]!;
      const statuses = read(file)
        .split('\n')
        .filter((line) => /^### \d+\.\d+ /.test(line))
        .map((line) => line.split(' — ').at(-1)!.trim().toLowerCase());
      const summary = row.split('|')[3]!;
      for (const status of ['done', 'partly done', 'open']) {
        // "3 done, 1 partly done": "done" alone must not count the "partly done" ones.
        const text = status === 'done' ? summary.replaceAll('partly done', '') : summary;
        const said = new RegExp(`(\\d+) ${status}\\b`).exec(text);
        const counted = statuses.filter((s) => s === status).length;
        expect(Number(said?.[1] ?? 0), `${file}: tasks ${status}`).toBe(counted);
      }
    }
  });

  it.each(files)('keeps every code span on one line, where the checks below see it: %s', (name) => {
    const split = read(name)
      .split('\n')
      .filter((line) => (line.match(/`/g) ?? []).length % 2 === 1);
    expect(split, `lines of ${name} with an unclosed backtick`).toEqual([]);
  });

  it.each(files)('names only evidence that exists: %s', (name) => {
    const missing = codeSpans(read(name))
      .flatMap((span) => span.split(/\s+/))
      .map((word) => word.replace(/[),.;:]+$/, ''))
      .filter((word) => REPO_PATH.test(word))
      .filter((word) => !existsSync(path.join(repoRoot, word)));
    expect(missing, `paths named in ${name} that do not exist`).toEqual([]);
  });

  it.each(files)('gives only npm scripts that exist: %s', (name) => {
    const unknown = codeSpans(read(name))
      .flatMap((span) => [...span.matchAll(/\bnpm run ([\w:-]+)(?![\w:-]| -w)/g)].map((m) => m[1]!))
      .filter((script) => !scripts.includes(script));
    expect(unknown, `npm run scripts named in ${name} that package.json lacks`).toEqual([]);
  });

  it.each(files)('links only to files that exist: %s', (name) => {
    const broken = [...read(name).matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1]!)
      .filter((target) => !/^[a-z]+:/.test(target) && !target.startsWith('#'))
      .filter((target) => !existsSync(path.resolve(here, target.replace(/#.*$/, ''))));
    expect(broken, `relative links in ${name} that do not resolve`).toEqual([]);
  });

  it.each(files.filter((f) => f !== 'README.md'))('gives every task a known status: %s', (name) => {
    // A task is a heading "### 2.3 Title — Status".
    const tasks = read(name)
      .split('\n')
      .filter((line) => /^### \d+\.\d+ /.test(line));
    expect(tasks.length, `${name} has tasks`).toBeGreaterThan(0);
    for (const task of tasks) {
      const status = task.split(' — ').at(-1)?.trim();
      expect(STATUSES, `status of "${task}"`).toContain(status);
    }
  });
});
