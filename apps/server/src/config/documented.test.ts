// Every variable the schema reads is listed in .env.example and documented in configuration.md,
// and nothing is documented that the schema does not read.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { envSchema } from './schema.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const schemaKeys = Object.keys(envSchema.shape).sort();

describe('configuration documentation', () => {
  it('lists every variable in .env.example', () => {
    const text = readFileSync(`${root}.env.example`, 'utf8');
    const listed = [...text.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(schemaKeys);
  });

  it('documents every variable in docs/providers/configuration.md', () => {
    const text = readFileSync(`${root}docs/providers/configuration.md`, 'utf8');
    const documented = [
      ...new Set([...text.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1])),
    ].sort();
    expect(documented).toEqual(schemaKeys);
  });
});
