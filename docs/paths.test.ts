// The docs may not name files that are gone: every file or folder path written in `code` or
// linked in docs/**/*.md and the READMEs must exist in the repository. Paths are read as the
// docs write them: from the repository root, from a workspace's `src/` (the architecture page's
// `visits/join.ts`), or relative to the document itself (links).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter(Boolean);
const files = new Set(tracked);
const folders = new Set(
  tracked.flatMap((f) =>
    f
      .split('/')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
  ),
);

/** Where a relative path in the docs may start from, besides the document's own folder. */
const bases = ['', ...[...folders].filter((f) => /^(apps|packages)\/[^/]+\/src$/.test(f))].map(
  (b) => (b ? `${b}/` : ''),
);

const EXTENSIONS = /\.(ts|tsx|js|mjs|json|md|sh|css|ya?ml|html)$/;

/** Folders a path may start with: top-level ones and those directly under a workspace's src/. */
const starts = new Set(
  [...folders]
    .filter((f) => bases.some((b) => f.startsWith(b) && !f.slice(b.length).includes('/')))
    .map((f) => path.posix.basename(f)),
);

/**
 * A code span that names a file or folder of ours: a known extension, or a path that starts with
 * one of our folders. Package names (`@livekit/rtc-node`), MIME types and URLs are not paths.
 */
function pathLike(span: string): boolean {
  if (/\s|[*<>{}$]|^[a-z]+:|^\/|^\.\.?$|^-|^@/.test(span)) return false;
  if (!/^[\w.-]+(\/[\w.-]+)*\/?(#[\w-]+)?(:\d+(-\d+)?)?$/.test(span)) return false;
  const bare = span.replace(/[#:].*$/, '');
  if (EXTENSIONS.test(bare)) return true;
  // Another language's source (`auth/verifier.go` in LiveKit's repository) is not ours.
  if (/\.[a-z]+$/.test(bare)) return false;
  return span.includes('/') && starts.has(span.split('/')[0]!);
}

/** Generated files and folders (build output, data, results) are named in docs but not tracked. */
function ignored(candidate: string): boolean {
  try {
    execFileSync('git', ['check-ignore', '-q', '--no-index', candidate], { cwd: root });
    return true;
  } catch {
    return false;
  }
}

function exists(doc: string, candidate: string): boolean {
  const rel = candidate
    .replace(/#.*$/, '')
    .replace(/:\d+(-\d+)?$/, '')
    .replace(/\/$/, '');
  const docDir = path.posix.dirname(doc);
  const exact = [
    path.posix.normalize(path.posix.join(docDir, rel)),
    ...bases.map((b) => `${b}${rel}`),
  ];
  if (exact.some((c) => files.has(c) || folders.has(c))) return true;
  // A file named by its tail (`en/visitor.ts` in the web app's README) must exist somewhere.
  if (EXTENSIONS.test(rel) && tracked.some((f) => f === rel || f.endsWith(`/${rel}`))) return true;
  // A generated folder (`apps/web/dist`) need not exist yet, as in a fresh clone before a build:
  // ask git about it as a folder too.
  const suffixes = candidate.endsWith('/') ? ['/'] : ['', '/'];
  return [rel, ...exact].some((c) => suffixes.some((s) => ignored(`${c}${s}`)));
}

const docs = tracked
  .filter((f) => (f.startsWith('docs/') && f.endsWith('.md')) || /(^|\/)README\.md$/.test(f))
  .filter((f) => !f.includes('node_modules'));

describe('paths named in the docs', () => {
  it('finds documents to check', () => {
    expect(docs).toContain('docs/architecture.md');
    expect(docs).toContain('README.md');
  });

  it.each(docs)('every path named in %s exists', (doc) => {
    const text = readFileSync(path.join(root, doc), 'utf8');
    const named = new Set<string>();
    for (const [, span] of text.matchAll(/`([^`\n]+)`/g))
      if (span && pathLike(span)) named.add(span);
    for (const [, link] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (link && !/^[a-z]+:|^#/.test(link)) named.add(link);
    }
    const missing = [...named].filter((p) => !exists(doc, p));
    expect(missing, `${doc} names paths that do not exist`).toEqual([]);
  });

  it('notices a path that does not exist', () => {
    expect(exists('docs/architecture.md', 'rollout/choose-provider.ts')).toBe(false);
    expect(exists('docs/architecture.md', 'rollout/provider-policy.ts')).toBe(true);
  });
});
