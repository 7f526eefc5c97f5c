// Accessibility scans with axe-core (through @axe-core/playwright, which drives playwright-core):
// a page fails on any serious or critical violation; the full result is kept as an artifact.
import { writeFile } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { artifactPath, screenshot } from './artifacts.ts';

/** A violation as the spec reports it: rule, impact, and the elements it concerns. */
export interface Finding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Scans the page as it is now; the serious and critical findings (none is a pass). */
export async function seriousViolations(page: Page, artifact: string): Promise<Finding[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  // A scan that checked nothing proves nothing.
  if (result.passes.length === 0) throw new Error(`axe checked no rule on ${page.url()}`);
  const findings = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  await writeFile(
    await artifactPath(`${artifact}.axe.json`),
    JSON.stringify(result.violations, null, 2),
  );
  await screenshot(page, artifact);
  return findings;
}
