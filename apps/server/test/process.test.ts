// The server as an operator runs it: `node --import tsx src/main.ts`. A bad setting stops it with
// a message naming the variable; SIGTERM drains and closes the database cleanly.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/storage/db.ts';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('the server process', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
  });

  it(
    'refuses to start on a bad setting, naming the variable and what it allows',
    { timeout: 60_000 },
    async () => {
      const proc = run({ PORT: 'eighty', PROVIDER_TYPE: 'jitsi' });
      expect(await proc.exited).toBe(78);
      expect(proc.output()).toContain('PORT: must be a port number (got "eighty")');
      expect(proc.output()).toMatch(/PROVIDER_TYPE: .*p2p.*livekit/);
      expect(proc.output()).not.toMatch(/\bat .*\.ts:\d+/);
    },
  );

  it(
    'prints where to sign in on first run, and shuts down cleanly on SIGTERM',
    { timeout: 120_000 },
    async () => {
      const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'openconnect-process-'));
      dirs.push(dataDir);
      const proc = run({
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        FEATURE_LIVEKIT: 'false',
        LOG_LEVEL: 'warn',
      });
      const deadline = Date.now() + 90_000;
      while (!/running at (\S+)/.test(proc.output()) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      const url = /running at (\S+)/.exec(proc.output())?.[1];
      expect(url, proc.output()).toBeDefined();
      expect(proc.output()).toMatch(/sign in as: admin@openconnect\.local/);
      expect(proc.output()).toMatch(/password: {3}[A-Za-z0-9_-]{24}/);
      const port = new URL(url!).port;
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

      proc.child.kill('SIGTERM');
      expect(await proc.exited).toBe(0);
      // Closed cleanly: the database opens again at once, with the seed intact.
      const database = await openDatabase({ dataDir });
      const staff = await database.db.selectFrom('staff').select('email').execute();
      await database.close();
      expect(staff.map((s) => s.email)).toEqual(['admin@openconnect.local']);
    },
  );
});
