// Graceful restart, as an operator does it: the server process gets SIGTERM and every push socket
// hears 1001 "going away" with a reason (not 1005, which says nothing), then the process exits 0.
// A visitor who was waiting is still waiting when the server is back on the same database, says
// hello again, and is admitted on the new process.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  PushCloseCode,
  type Facility,
  type Invite,
  type LobbyTicket,
  type Visit,
  type VisitorEvent,
} from '@openconnect/contracts';
import { eventually } from '../support/eventually.ts';

const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const email = 'admin@example.test';
const password = 'a-long-restart-test-password';

interface ServerProcess {
  readonly url: string;
  readonly exited: Promise<number | null>;
  output(): string;
  stop(): Promise<number | null>;
}

const running: ServerProcess[] = [];

async function startProcess(dataDir: string, port = 0): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      FEATURE_LIVEKIT: 'false',
      LOG_LEVEL: 'warn',
      OPENCONNECT_BOOTSTRAP_EMAIL: email,
      OPENCONNECT_BOOTSTRAP_PASSWORD: password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  while (!/running at (\S+)/.test(output) && child.exitCode === null && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  const publicUrl = /running at (\S+)/.exec(output)?.[1];
  if (!publicUrl) {
    child.kill('SIGKILL');
    throw new Error(`the server did not start:\n${output}`);
  }
  const server: ServerProcess = {
    url: `http://127.0.0.1:${new URL(publicUrl).port}`,
    exited,
    output: () => output,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  running.push(server);
  return server;
}

async function api<T>(
  server: ServerProcess,
  method: string,
  url: string,
  options: { cookie?: string; body?: unknown; bearer?: string } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(`${server.url}/api/v1${url}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}),
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    headers: res.headers,
  };
}

/** A socket and everything it heard, up to its close code and reason. */
function listen(url: string, options: { cookie?: string; hello?: LobbyTicket } = {}) {
  const socket = new WebSocket(url, { headers: options.cookie ? { cookie: options.cookie } : {} });
  const events: VisitorEvent[] = [];
  socket.on('error', () => undefined);
  socket.on('message', (data) => events.push(JSON.parse(String(data)) as VisitorEvent));
  const opened = new Promise<void>((resolve) => socket.on('open', () => resolve()));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  if (options.hello) {
    const { entryId, visitorToken } = options.hello;
    void opened.then(() =>
      socket.send(JSON.stringify({ type: 'hello', entryId, token: visitorToken })),
    );
  }
  return { socket, events, opened, closed };
}

describe('graceful restart', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
    await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
  });

  it(
    'closes every push socket with 1001 and a reason on SIGTERM, and a waiting visitor is admitted after the restart',
    { timeout: 240_000 },
    async () => {
      const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'openconnect-restart-'));
      dirs.push(dataDir);
      const first = await startProcess(dataDir);
      const ws = first.url.replace(/^http/, 'ws');

      const signIn = await fetch(`${first.url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      expect(signIn.status).toBe(200);
      const cookie = /oc_session=[^;]+/.exec(signIn.headers.get('set-cookie') ?? '')![0];
      const [facility] = (await api<Facility[]>(first, 'GET', '/facilities', { cookie })).body;
      const visit = await api<Visit>(first, 'POST', '/visits', {
        cookie,
        body: { facilityId: facility!.id, title: 'Across a restart' },
      });
      const invite = await api<Invite>(first, 'POST', `/visits/${visit.body.id}/invites`, {
        cookie,
        body: {},
      });
      const knock = await api<LobbyTicket>(first, 'POST', `/invites/${invite.body.code}/lobby`, {
        body: { displayName: 'Patient Visitor' },
      });
      expect(knock.status).toBe(201);
      const ticket = knock.body;

      // A waiting visitor's page and a staff page are connected when the operator restarts.
      const visitor = listen(`${ws}/ws/lobby`, { hello: ticket });
      const staff = listen(`${ws}/ws/staff?facilityId=${facility!.id}`, { cookie });
      await eventually(
        async () => visitor.events.some((e) => e.type === 'state'),
        (ok) => ok,
        'the visitor to hear their state',
      );
      await staff.opened;
      // The staff socket is followed once the session is checked; give that a moment.
      await new Promise((r) => setTimeout(r, 200));

      expect(await first.stop()).toBe(0);
      for (const closed of [await visitor.closed, await staff.closed]) {
        expect(closed).toEqual({
          code: PushCloseCode.GOING_AWAY,
          reason: 'server restarting; reconnect shortly',
        });
      }

      // Back on the same database and port: the page says hello again and is still waiting.
      const second = await startProcess(dataDir, Number(new URL(first.url).port));
      const again = listen(`${ws}/ws/lobby`, { hello: ticket });
      await eventually(
        async () => again.events.find((e) => e.type === 'state'),
        (e) => e !== undefined,
        'the visitor to hear their state after the restart',
      );
      expect(again.events.find((e) => e.type === 'state')).toMatchObject({
        state: { entryId: ticket.entryId, status: 'waiting', position: 1 },
      });

      // Staff (their session survived too) let them in; the page hears it on the new process.
      const admit = await api(second, 'POST', `/lobby/${ticket.entryId}/admit`, {
        cookie,
        body: {},
      });
      expect(admit.status).toBe(200);
      await eventually(
        async () => again.events.find((e) => e.type === 'admitted'),
        (e) => e !== undefined,
        'the visitor to be admitted after the restart',
      );
      again.socket.close();
      expect(await second.stop()).toBe(0);
      expect(first.output() + second.output()).not.toMatch(/"level":50/);
    },
  );
});
