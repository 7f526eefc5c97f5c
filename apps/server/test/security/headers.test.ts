// Origins and headers: `Origin: null` and foreign origins are refused, on HTTP and on the
// WebSockets; request ids are echoed only when sane; API answers are never cached; the content
// security policy names the hosts pages may talk to; /metrics is closed in production; source
// maps are not served in production.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { appCsp, buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config/load.ts';
import { LocalEventBus } from '../../src/push/event-bus.ts';
import { closeServerContext, createServerContext } from '../../src/server-context.ts';
import { createApiHarness, type ApiHarness } from '../support/api.ts';
import { backends } from '../support/databases.ts';

const [backend] = await backends();
const OWN_ORIGIN = 'http://openconnect.test';

/** Opens a WebSocket and reports the HTTP status that refused it, or 101 when it opened. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

describe('origins and headers', () => {
  let h: ApiHarness;
  let base: string;

  beforeAll(async () => {
    h = await createApiHarness(backend!, { METRICS_TOKEN: 'metrics-token-for-tests' });
    base = await h.app.listen({ host: '127.0.0.1', port: 0 });
  }, 180_000);
  afterAll(() => h.close(), 180_000);

  it('refuses a state change from Origin: null or another site, and allows its own', async () => {
    const sign = (origin: string) =>
      h.request({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        headers: { origin },
        payload: { email: 'admin@example.test', password: 'a-long-test-password' },
      });
    for (const origin of ['null', 'https://evil.example', 'not a url']) {
      const res = await sign(origin);
      expect(res.statusCode, origin).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect((await sign(OWN_ORIGIN)).statusCode).toBe(200);
  });

  it.each(['/ws/lobby', '/ws/staff'])(
    'refuses a WebSocket to %s from a foreign or null Origin',
    async (socketPath) => {
      const url = `${base.replace(/^http/, 'ws')}${socketPath}`;
      expect(await upgradeStatus(url, { origin: 'https://evil.example' })).toBe(403);
      expect(await upgradeStatus(url, { origin: 'null' })).toBe(403);
      expect(await upgradeStatus(url, { origin: OWN_ORIGIN })).toBe(101);
      expect(await upgradeStatus(url, { origin: base })).toBe(101);
    },
  );

  it('echoes a sane X-Request-Id and replaces anything else', async () => {
    const echoed = await h.request({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'trace-123.a_b' },
    });
    expect(echoed.headers['x-request-id']).toBe('trace-123.a_b');
    for (const given of ['<script>alert(1)</script>', 'a'.repeat(65), 'with space']) {
      const res = await h.request({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { 'x-request-id': given },
      });
      const id = res.headers['x-request-id'];
      expect(id).not.toBe(given);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.json().error.requestId).toBe(id);
    }
  });

  it('marks API answers, errors included, as not to be stored', async () => {
    const cookie = await h.signIn();
    const me = await h.request({ method: 'GET', url: '/api/v1/auth/me', cookie });
    expect(me.headers['cache-control']).toBe('no-store');
    const refused = await h.request({ method: 'GET', url: '/api/v1/auth/me' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['cache-control']).toBe('no-store');
  });

  it('needs the bearer token for /metrics when one is set', async () => {
    expect((await h.request({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const ok = await h.request({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer metrics-token-for-tests' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('openconnect_webhooks_refused_total');
  });

  it('refuses to start in production without METRICS_TOKEN', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({ NODE_ENV: 'production', METRICS_TOKEN: 't' }).metricsToken).toBe('t');
  });

  it('lets pages connect to this server and the configured LiveKit only', () => {
    const withLiveKit = appCsp(
      loadConfig({
        PUBLIC_URL: 'https://visits.example.org',
        LIVEKIT_URL: 'wss://video.example.org',
        LIVEKIT_API_KEY: 'key',
        LIVEKIT_SECRET: 'secret',
      }),
    );
    expect(withLiveKit).toContain(
      "connect-src 'self' wss://visits.example.org wss://video.example.org https://video.example.org;",
    );
    // p2p signaling at PUBLIC_URL's host, which may not be the host the page was opened at.
    const without = appCsp(
      loadConfig({ PUBLIC_URL: 'https://visits.example.org', FEATURE_LIVEKIT: 'false' }),
    );
    expect(without).toContain("connect-src 'self' wss://visits.example.org;");
    expect(without).not.toMatch(/ (ws|wss|https):( |;)/);
  });
});

describe('the built web app in production', () => {
  it('serves pages with the policy but never a source map', async () => {
    const dist = await fs.mkdtemp(path.join(os.tmpdir(), 'openconnect-dist-'));
    await fs.mkdir(path.join(dist, 'assets'));
    await fs.writeFile(path.join(dist, 'index.html'), '<!doctype html><title>t</title>');
    await fs.writeFile(path.join(dist, 'assets', 'app.js'), 'console.log(1);');
    await fs.writeFile(path.join(dist, 'assets', 'app.js.map'), '{"sources":["secret.ts"]}');
    const database = await backend!.create();
    const bus = new LocalEventBus();
    const serve = async (NODE_ENV: string) => {
      const config = loadConfig(
        {
          ...database.env,
          NODE_ENV,
          METRICS_TOKEN: 't',
          LOG_LEVEL: 'silent',
          FEATURE_LIVEKIT: 'false',
        },
        dist,
      );
      const ctx = await createServerContext({ config, database: database.handle, bus });
      const app = await buildApp(ctx);
      return {
        get: (url: string) => app.inject({ method: 'GET', url }),
        close: async () => {
          await app.close();
          await closeServerContext(ctx);
        },
      };
    };
    try {
      const production = await serve('production');
      const map = await production.get('/assets/app.js.map');
      expect(map.statusCode).toBe(404);
      expect(map.body).not.toContain('secret.ts');
      expect((await production.get('/assets/app.js')).statusCode).toBe(200);
      const page = await production.get('/join/some-code');
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-security-policy']).toMatch(
        /connect-src 'self' wss?:\/\/[^ ;]+;/,
      );
      await production.close();
      // Developers keep their maps.
      const development = await serve('development');
      expect((await development.get('/assets/app.js.map')).statusCode).toBe(200);
      await development.close();
    } finally {
      await bus.close();
      await database.drop();
      await fs.rm(dist, { recursive: true, force: true });
    }
  }, 180_000);
});
