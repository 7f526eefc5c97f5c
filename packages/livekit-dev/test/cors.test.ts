// The health check and cross-origin access, as LiveKit's server answers them (pkg/service/server.go:
// `/` is healthCheck, every route behind rs/cors allowing any origin and any header). A web page
// on another origin warms the connection up with `HEAD /` (livekit-client's prepareConnection
// fetches the server's http(s) URL with method HEAD) and may call Twirp itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveKitDevServer, type LiveKitDevServer } from '../src/index.ts';
import { startBrowserHarness, type BrowserHarness } from './fixtures/browser-page.ts';
import { accessToken } from './support/tokens.ts';

let server: LiveKitDevServer;
const origin = 'http://127.0.0.1:5173';

beforeAll(async () => {
  server = await startLiveKitDevServer({
    port: 0,
    apiKey: 'cors-key',
    apiSecret: 'cors-secret-0123456789abcdef0123',
    createSignal: false,
  });
});

afterAll(async () => {
  await server.close();
});

describe('health check', () => {
  it('answers HEAD / with 200 and no body, and GET / with OK', async () => {
    const head = await fetch(`${server.httpUrl}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const get = await fetch(`${server.httpUrl}/`);
    expect(get.status).toBe(200);
    expect(await get.text()).toBe('OK');
  });
});

describe('CORS', () => {
  it('echoes the page’s origin on HEAD / and says the answer varies with it', async () => {
    const res = await fetch(`${server.httpUrl}/`, { method: 'HEAD', headers: { Origin: origin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('adds no allow-origin header to a request without an Origin', async () => {
    const res = await fetch(`${server.httpUrl}/`);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('answers a Twirp preflight with 204, the method and the requested headers', async () => {
    const res = await fetch(`${server.httpUrl}/twirp/livekit.RoomService/ListRooms`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'post',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-allow-methods')).toBe('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
  });

  it('allows no method beyond GET, POST and HEAD in a preflight', async () => {
    const res = await fetch(`${server.httpUrl}/`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'DELETE' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps the origin on a Twirp answer, still guarded by the token', async () => {
    const url = `${server.httpUrl}/twirp/livekit.RoomService/ListRooms`;
    const refused = await fetch(url, {
      method: 'POST',
      headers: { Origin: origin, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(origin);
    const token = await accessToken(server.apiKey, server.apiSecret, { roomList: true });
    const listed = await fetch(url, {
      method: 'POST',
      headers: {
        Origin: origin,
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
      },
      body: '{}',
    });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe(origin);
  });
});

describe('from a page on another origin', () => {
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('lets the browser read HEAD / (prepareConnection’s warm-up) without a CORS error', async () => {
    const page = await harness.browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(harness.pageUrl);
    expect(new URL(harness.pageUrl).origin).not.toBe(server.httpUrl);
    const status = await page.evaluate(
      async (url) => (await fetch(url, { method: 'HEAD' })).status,
      server.httpUrl,
    );
    expect(status).toBe(200);
    expect(errors.filter((e) => /CORS|Access-Control/i.test(e))).toEqual([]);
    await page.close();
  });
});
