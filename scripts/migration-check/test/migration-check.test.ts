// The migration check against a real OpenConnect server started in-process with the development
// LiveKit server: it passes on a healthy deployment, and fails at a named step, with exit code 1
// and no stack trace, when the LiveKit secret is wrong, when LIVEKIT_URL or PUBLIC_URL does not
// answer, and when LiveKit's webhooks never reach the server (ending its synthetic visit all the
// same).
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispose } from '@livekit/rtc-node';
import { startLiveKitDevServer, type LiveKitDevServer } from '@openconnect/livekit-dev';
import type { Visit } from '@openconnect/contracts';
import { startOpenConnect, type RunningServer } from '@openconnect/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';

const EMAIL = 'operator@example.test';
const PASSWORD = 'a-long-operator-password';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A port on 127.0.0.1 that nothing listens on (now). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return typeof address === 'object' && address ? address.port : 1;
}

const STACK_LINE = /^\s+at .+[:(]/m;

// LiveKit's native client cannot be used again once disposed: release it once, after every test.
afterAll(() => dispose());

describe('npm run migration:check', () => {
  let server: RunningServer;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'openconnect-migration-check-'));
    server = await startOpenConnect({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      FEATURE_LIVEKIT: 'true',
      OPENCONNECT_BOOTSTRAP_EMAIL: EMAIL,
      OPENCONNECT_BOOTSTRAP_PASSWORD: PASSWORD,
    });
    env = {
      PUBLIC_URL: server.url,
      MIGRATION_CHECK_EMAIL: EMAIL,
      MIGRATION_CHECK_PASSWORD: PASSWORD,
      LIVEKIT_URL: server.config.livekit.url!,
      LIVEKIT_API_KEY: server.config.livekit.apiKey!,
      LIVEKIT_SECRET: server.config.livekit.secret!,
      MIGRATION_CHECK_TIMEOUT_SECONDS: '30',
    };
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }, 120_000);

  it(
    'passes every step, recording included, against a healthy deployment',
    { timeout: 120_000 },
    async () => {
      const lines: string[] = [];
      const { exitCode, report } = await runCli(env, (line) => lines.push(line));
      const output = lines.join('\n');
      expect(exitCode, output).toBe(0);
      expect(report!.steps.map((s) => [s.name, s.status])).toEqual([
        ['livekit-reachable', 'pass'],
        ['livekit-credentials', 'pass'],
        ['openconnect-ready', 'pass'],
        ['sign-in', 'pass'],
        ['livekit-facility', 'pass'],
        ['egress-available', 'pass'],
        ['visit-create', 'pass'],
        ['invite', 'pass'],
        ['knock', 'pass'],
        ['admit', 'pass'],
        ['host-join', 'pass'],
        ['visitor-join', 'pass'],
        ['livekit-room', 'pass'],
        ['webhooks', 'pass'],
        ['recording', 'pass'],
        ['leave', 'pass'],
        ['visit-end', 'pass'],
      ]);
      expect(output).toMatch(/verified webhook\(s\) counted/);
      expect(output).toMatch(/Migration check PASSED/);
      // Every step reports its time.
      for (const step of report!.steps) expect(step.ms).toBeGreaterThan(0);
    },
  );

  it('fails at livekit-credentials, exit 1 and no stack trace, with a wrong LiveKit secret', async () => {
    const lines: string[] = [];
    const { exitCode, report } = await runCli(
      { ...env, LIVEKIT_SECRET: 'not-the-secret-of-this-deployment' },
      (line) => lines.push(line),
    );
    const output = lines.join('\n');
    expect(exitCode).toBe(1);
    expect(report!.failedStep).toBe('livekit-credentials');
    expect(output).toMatch(
      /FAIL {2}livekit-credentials .*check LIVEKIT_API_KEY and LIVEKIT_SECRET/,
    );
    expect(output).toMatch(/Migration check FAILED at step "livekit-credentials"/);
    expect(output).not.toMatch(STACK_LINE);
    expect(report!.steps.filter((s) => s.status === 'skip').length).toBe(15);
  });

  it('fails at livekit-reachable, exit 1 and no stack trace, when LIVEKIT_URL does not answer', async () => {
    const lines: string[] = [];
    const { exitCode, report } = await runCli(
      { ...env, LIVEKIT_URL: `ws://127.0.0.1:${await closedPort()}` },
      (line) => lines.push(line),
    );
    const output = lines.join('\n');
    expect(exitCode).toBe(1);
    expect(report!.failedStep).toBe('livekit-reachable');
    expect(output).toMatch(/FAIL {2}livekit-reachable .*is not reachable .*ECONNREFUSED/);
    expect(output).not.toMatch(STACK_LINE);
  });

  it('fails at openconnect-ready, exit 1 and no stack trace, when PUBLIC_URL does not answer', async () => {
    const lines: string[] = [];
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    const { exitCode, report } = await runCli({ ...env, PUBLIC_URL: unreachable }, (line) =>
      lines.push(line),
    );
    const output = lines.join('\n');
    expect(exitCode).toBe(1);
    expect(report!.failedStep).toBe('openconnect-ready');
    expect(output).toContain(`FAIL  openconnect-ready`);
    expect(output).toContain(`GET ${unreachable}/readyz did not answer`);
    expect(output).toMatch(/Migration check FAILED at step "openconnect-ready"/);
    expect(output).not.toMatch(STACK_LINE);
  });

  it('refuses to start, exit 2, naming each missing setting', async () => {
    const lines: string[] = [];
    const { exitCode } = await runCli({ PUBLIC_URL: server.url }, (line) => lines.push(line));
    expect(exitCode).toBe(2);
    expect(lines.join('\n')).toMatch(/LIVEKIT_URL is required[\s\S]*LIVEKIT_SECRET is required/);
  });

  it(
    'exits 1 from the command line and prints the failing step, not a stack',
    { timeout: 60_000 },
    async () => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(repoRoot, 'scripts/migration-check/cli.ts')],
        {
          cwd: repoRoot,
          env: {
            PATH: process.env.PATH,
            ...env,
            LIVEKIT_SECRET: 'not-the-secret-of-this-deployment',
          },
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code, stdout + stderr).toBe(1);
      expect(stdout).toMatch(/FAIL {2}livekit-credentials/);
      expect(stdout + stderr).not.toMatch(STACK_LINE);
    },
  );
});

describe('npm run migration:check when LiveKit webhooks do not reach the server', () => {
  let livekit: LiveKitDevServer;
  let server: RunningServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'openconnect-migration-check-'));
    // LiveKit runs on its own here, so that its webhooks can be dropped on the way.
    const port = await closedPort();
    livekit = await startLiveKitDevServer({
      port: 0,
      apiKey: 'migration-check-key',
      apiSecret: 'migration-check-secret-0123456789',
      webhookUrls: [`http://127.0.0.1:${port}/api/v1/webhooks/livekit`],
      recordingsDir: path.join(dataDir, 'recordings'),
    });
    server = await startOpenConnect({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      FEATURE_LIVEKIT: 'true',
      LIVEKIT_URL: livekit.url,
      LIVEKIT_API_KEY: livekit.apiKey,
      LIVEKIT_SECRET: livekit.apiSecret,
      OPENCONNECT_BOOTSTRAP_EMAIL: EMAIL,
      OPENCONNECT_BOOTSTRAP_PASSWORD: PASSWORD,
    });
    livekit.faults.dropWebhooks(true);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await livekit?.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }, 120_000);

  it(
    'fails at the webhooks step, says where webhooks must go, and ends its visit',
    { timeout: 90_000 },
    async () => {
      const lines: string[] = [];
      const { exitCode, report } = await runCli(
        {
          PUBLIC_URL: server.url,
          MIGRATION_CHECK_EMAIL: EMAIL,
          MIGRATION_CHECK_PASSWORD: PASSWORD,
          LIVEKIT_URL: livekit.url,
          LIVEKIT_API_KEY: livekit.apiKey,
          LIVEKIT_SECRET: livekit.apiSecret,
          MIGRATION_CHECK_RECORDING: 'off',
          MIGRATION_CHECK_TIMEOUT_SECONDS: '10',
        },
        (line) => lines.push(line),
      );
      const output = lines.join('\n');
      expect(exitCode, output).toBe(1);
      expect(report!.failedStep, output).toBe('webhooks');
      expect(output).toContain(`sends webhooks to ${server.url}/api/v1/webhooks/livekit`);
      expect(output).not.toMatch(STACK_LINE);

      // The synthetic visit did not stay open: the check ended it, and LiveKit closed its room.
      const signIn = await fetch(`${server.url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
      });
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
      const facilityId = server.bootstrap!.livekitFacilityId!;
      const visits = (await (
        await fetch(`${server.url}/api/v1/visits?facilityId=${facilityId}`, { headers: { cookie } })
      ).json()) as Visit[];
      const synthetic = visits.filter((v) => v.title.startsWith('Migration check'));
      expect(synthetic.map((v) => v.status)).toEqual(['ended']);
    },
  );
});
