// Screenshots and other evidence from end-to-end runs, written to e2e/artifacts/ (gitignored).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** The folder all artifacts go to. */
export const artifactsDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'artifacts',
);

/** A file path under the artifacts folder, creating its folder; `name` may contain `/`. */
export async function artifactPath(name: string): Promise<string> {
  const safe = name
    .split('/')
    .map((part) => part.replace(/[^A-Za-z0-9._-]+/g, '-'))
    .join(path.sep);
  const file = path.join(artifactsDir, safe);
  await mkdir(path.dirname(file), { recursive: true });
  return file;
}

/** Saves a full-page PNG screenshot as `e2e/artifacts/<name>.png`; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = await artifactPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
