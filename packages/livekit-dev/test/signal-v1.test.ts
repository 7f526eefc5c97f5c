// The signal layer's two paths at the protocol level, with hand-built requests: `/rtc/v1` takes the
// JoinRequest from a base64url `join_request` (a WrappedJoinRequest, gzipped or not) and answers
// as for one peer connection; both validate endpoints answer like LiveKit's ValidateConnectRequest.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import {
  ClientInfo,
  ClientInfo_SDK,
  ConnectionSettings,
  JoinRequest,
  LeaveRequest,
  SignalRequest,
  SignalResponse,
  WrappedJoinRequest,
  WrappedJoinRequest_Compression,
} from '@livekit/protocol';
import { signJwt } from '../src/auth/jwt.ts';
import { startSignalServer, type TestSignalServer } from './fixtures/signal-server.ts';

let server: TestSignalServer;

beforeAll(async () => {
  server = await startSignalServer();
});

afterAll(async () => {
  await server?.close();
});

/** The `join_request` parameter as livekit-client builds it (base64url of a WrappedJoinRequest). */
function joinRequestParam(request: JoinRequest, gzip: boolean): string {
  const bytes = request.toBinary();
  const wrapped = new WrappedJoinRequest({
    joinRequest: gzip ? gzipSync(bytes) : bytes,
    compression: gzip ? WrappedJoinRequest_Compression.GZIP : WrappedJoinRequest_Compression.NONE,
  });
  return Buffer.from(wrapped.toBinary()).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

function v1Query(token: string, gzip = true): string {
  const request = new JoinRequest({
    clientInfo: new ClientInfo({ sdk: ClientInfo_SDK.JS, version: '2.23.0', protocol: 16 }),
    connectionSettings: new ConnectionSettings({ autoSubscribe: true }),
  });
  return `access_token=${token}&join_request=${joinRequestParam(request, gzip)}`;
}

function anonymousToken(room: string): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt(
    { iss: server.server.apiKey, exp: now + 60, video: { roomJoin: true, room } },
    server.server.apiSecret,
  );
}

/** Opens a signal WebSocket and resolves its first response (or the HTTP status it was refused with). */
function firstResponse(path: string): Promise<SignalResponse | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url}${path}`);
    const timer = setTimeout(() => reject(new Error('no signal response')), 5000);
    ws.on('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('message', (data: Buffer) => {
      clearTimeout(timer);
      resolve(SignalResponse.fromBinary(new Uint8Array(data)));
      ws.close();
    });
    ws.on('error', () => undefined);
  });
}

describe('/rtc/v1', () => {
  it('joins from a gzipped join_request with one peer connection in mind', async () => {
    const token = await server.token('carol', 'v1-room');
    const response = await firstResponse(`/rtc/v1?${v1Query(token)}`);
    expect(response).toBeInstanceOf(SignalResponse);
    const join = (response as SignalResponse).message;
    expect(join.case).toBe('join');
    if (join.case !== 'join') return;
    expect(join.value.participant?.identity).toBe('carol');
    // The client's single connection is the primary one: the client offers, the server answers.
    expect(join.value.subscriberPrimary).toBe(false);
  });

  it('reads an uncompressed join_request too', async () => {
    const token = await server.token('dave', 'v1-room');
    const response = await firstResponse(`/rtc/v1?${v1Query(token, false)}`);
    expect((response as SignalResponse).message.case).toBe('join');
  });

  it('tells classic clients on /rtc to expect a server-offered subscriber connection', async () => {
    const token = await server.token('erin', 'v0-room');
    const response = await firstResponse(`/rtc?access_token=${token}&protocol=16`);
    const join = (response as SignalResponse).message;
    expect(join.case === 'join' && join.value.subscriberPrimary).toBe(true);
  });

  it('refuses a malformed join_request with 400 and a token without identity with 400', async () => {
    const token = await server.token('frank', 'v1-room');
    expect(await firstResponse(`/rtc/v1?access_token=${token}&join_request=AAAA`)).toBe(400);
    expect(await firstResponse(`/rtc/v1?${v1Query(anonymousToken('v1-room'))}`)).toBe(400);
  });
});

describe('token refresh', () => {
  it('keeps one refresh timer per live session and drops it when the session ends', async () => {
    const before = server.signal.pendingTokenRefreshes;
    const token = await server.token('judy', 'refresh-room');
    const ws = new WebSocket(`${server.url}/rtc/v1?${v1Query(token)}`);
    await new Promise<void>((resolve, reject) => {
      ws.once('message', () => resolve());
      ws.once('error', reject);
    });
    expect(server.signal.pendingTokenRefreshes).toBe(before + 1);
    const leave = new SignalRequest({ message: { case: 'leave', value: new LeaveRequest() } });
    ws.send(leave.toBinary());
    await vi.waitFor(() => expect(server.signal.pendingTokenRefreshes).toBe(before), {
      timeout: 10_000,
    });
    ws.terminate();
  });
});

describe('validate with the signal layer attached', () => {
  const get = async (path: string) => {
    const res = await fetch(`${server.server.httpUrl}${path}`);
    return [res.status, await res.text()] as const;
  };

  it('accepts a join token on /rtc/validate and /rtc/v1/validate', async () => {
    const token = await server.token('grace', 'validate-room');
    expect(await get(`/rtc/validate?access_token=${token}`)).toEqual([200, 'success']);
    expect(await get(`/rtc/v1/validate?${v1Query(token)}`)).toEqual([200, 'success']);
  });

  it("answers a malformed join_request with LiveKit's 400", async () => {
    const token = await server.token('heidi', 'validate-room');
    expect(await get(`/rtc/v1/validate?access_token=${token}&join_request=AAAA`)).toEqual([
      400,
      'cannot unmarshal wrapped join request',
    ]);
    const notGzip = new WrappedJoinRequest({
      joinRequest: new Uint8Array([1, 2, 3]),
      compression: WrappedJoinRequest_Compression.GZIP,
    });
    const param = Buffer.from(notGzip.toBinary()).toString('base64url');
    expect(await get(`/rtc/v1/validate?access_token=${token}&join_request=${param}`)).toEqual([
      400,
      'cannot read decompressed join request',
    ]);
  });

  it('answers 400 "identity cannot be empty" for a token without identity, as LiveKit', async () => {
    const token = anonymousToken('validate-room');
    expect(await get(`/rtc/validate?access_token=${token}`)).toEqual([
      400,
      'identity cannot be empty',
    ]);
    expect(await get(`/rtc/v1/validate?${v1Query(token)}`)).toEqual([
      400,
      'identity cannot be empty',
    ]);
  });

  it('refuses a socket exactly as its validate endpoint answers (one check serves both)', async () => {
    const noJoin = signJwt(
      {
        iss: server.server.apiKey,
        sub: 'ivan',
        exp: Math.floor(Date.now() / 1000) + 60,
        video: {},
      },
      server.server.apiSecret,
    );
    const cases: Array<[string, number, string]> = [
      [
        `/rtc/v1?access_token=${await server.token('ivan', 'validate-room')}`,
        400,
        'join_request is required',
      ],
      ['/rtc', 401, 'no permissions to access the room'],
      [`/rtc?access_token=${noJoin}`, 401, 'permissions denied'],
    ];
    for (const [path, status, message] of cases) {
      const [base, query] = path.split('?');
      expect(await get(`${base}/validate${query ? `?${query}` : ''}`)).toEqual([status, message]);
      expect(await firstResponse(path)).toBe(status);
    }
  });
});

describe('resume grace period', () => {
  let graced: TestSignalServer;

  beforeAll(async () => {
    graced = await startSignalServer({ resumeGraceSeconds: 1 });
  });

  afterAll(async () => {
    await graced?.close();
  });

  /** Opens a classic `/rtc` socket; resolves the socket and its first response. */
  const open = (query: string) =>
    new Promise<[WebSocket, SignalResponse]>((resolve, reject) => {
      const ws = new WebSocket(`${graced.url}/rtc?${query}&protocol=16`);
      const timer = setTimeout(() => reject(new Error('no signal response')), 5000);
      ws.once('message', (data: Buffer) => {
        clearTimeout(timer);
        resolve([ws, SignalResponse.fromBinary(new Uint8Array(data))]);
      });
      ws.once('error', reject);
    });
  const identities = () => graced.registry.listParticipants('grace-room').map((p) => p.identity);

  it('keeps a dropped participant for the grace period, resumes it within, refuses after', async () => {
    const token = await graced.token('heidi', 'grace-room');
    const [first, joined] = await open(`access_token=${token}`);
    const sid = joined.message.case === 'join' ? joined.message.value.participant?.sid : undefined;
    expect(sid).toBeTruthy();
    const resumed = graced.signal.stats.resumed;
    // Dropped without a leave, as a phone that loses its network: still in the room meanwhile.
    first.terminate();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(identities()).toEqual(['heidi']);
    const [second, answer] = await open(`access_token=${token}&reconnect=1&sid=${sid}`);
    expect(answer.message.case).toBe('reconnect');
    expect(graced.signal.stats.resumed).toBe(resumed + 1);
    expect(graced.registry.getParticipant('grace-room', 'heidi').sid).toBe(sid);
    // Dropped again and not back within the second: the participant leaves the room.
    const droppedAt = Date.now();
    second.terminate();
    await vi.waitFor(() => expect(identities()).toEqual([]), { timeout: 10_000, interval: 50 });
    expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(900);
    const refused = graced.signal.stats.resumesRefused;
    const [late, leave] = await open(`access_token=${token}&reconnect=1&sid=${sid}`);
    expect(leave.message.case).toBe('leave');
    expect(graced.signal.stats.resumesRefused).toBe(refused + 1);
    late.terminate();
  });
});
