// Authentication and per-call grants, compared with what LiveKit answers: the auth middleware
// refuses bad credentials with 401 and a plain-text message (pkg/service/auth.go); a token without
// the call's grant gets Twirp `unauthenticated` "permissions denied" (twirpAuthError).
import { EgressClient, RoomServiceClient, TwirpError } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../src/auth/jwt.ts';
import { startLiveKitDevServer, type LiveKitDevServer } from '../src/index.ts';
import { accessToken, expiredToken } from './support/tokens.ts';

let server: LiveKitDevServer;

beforeAll(async () => {
  // The control plane alone: /rtc/validate below is the server's own answer, used without a signal layer.
  server = await startLiveKitDevServer({
    port: 0,
    apiKey: 'key-under-test',
    apiSecret: 'secret-under-test-0123456789abcdef',
    createSignal: false,
  });
});

afterAll(async () => {
  await server.close();
});

async function failure(call: Promise<unknown>): Promise<TwirpError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TwirpError);
  return err as TwirpError;
}

function listRooms(headers: Record<string, string>): Promise<Response> {
  return fetch(`${server.httpUrl}/twirp/livekit.RoomService/ListRooms`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: '{}',
  });
}

describe('authentication', () => {
  it('refuses an unknown API key with 401 and LiveKit’s message', async () => {
    const err = await failure(
      new RoomServiceClient(server.url, 'wrong-key', server.apiSecret).listRooms(),
    );
    expect(err.status).toBe(401);
    expect(err.message).toBe('invalid API key: wrong-key');
  });

  it('refuses a token signed with the wrong secret', async () => {
    const err = await failure(
      new RoomServiceClient(server.url, server.apiKey, 'not-the-secret').listRooms(),
    );
    expect(err.status).toBe(401);
    expect(err.message).toMatch(/^invalid token: .*error in cryptographic primitive$/);
  });

  it('refuses a token that expired beyond the one-minute leeway LiveKit allows', async () => {
    const token = expiredToken(server.apiKey, server.apiSecret, { roomList: true }, 120);
    const res = await listRooms({ Authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(await res.text()).toMatch(/token is expired \(exp\)$/);
  });

  it('accepts a token that expired within the leeway, as go-jose does', async () => {
    const token = expiredToken(server.apiKey, server.apiSecret, { roomList: true }, 10);
    const res = await listRooms({ Authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
  });

  it('refuses a malformed token and an Authorization header without Bearer', async () => {
    const malformed = await listRooms({ Authorization: 'Bearer not-a-jwt' });
    expect([malformed.status, await malformed.text()]).toEqual([
      401,
      'invalid authorization token',
    ]);
    const token = await accessToken(server.apiKey, server.apiSecret, { roomList: true });
    const noBearer = await listRooms({ Authorization: token });
    expect([noBearer.status, await noBearer.text()]).toEqual([
      401,
      'invalid authorization header. Must start with Bearer ',
    ]);
  });

  it('refuses a token with another algorithm than HS256', async () => {
    const [, body] = signJwt(
      { iss: server.apiKey, video: { roomList: true } },
      server.apiSecret,
    ).split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const res = await listRooms({ Authorization: `Bearer ${header}.${body}.` });
    expect(res.status).toBe(401);
  });

  it('accepts the token in the access_token query parameter', async () => {
    const token = await accessToken(server.apiKey, server.apiSecret, { roomList: true });
    const res = await fetch(
      `${server.httpUrl}/twirp/livekit.RoomService/ListRooms?access_token=${token}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      },
    );
    expect(res.status).toBe(200);
  });

  it('answers a call without any token with Twirp unauthenticated "permissions denied"', async () => {
    const res = await listRooms({});
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ code: 'unauthenticated', msg: 'permissions denied' });
  });
});

describe('grants', () => {
  const call = (
    grant: Record<string, unknown>,
    method: string,
    body: unknown,
    service = 'livekit.RoomService',
  ) =>
    accessToken(server.apiKey, server.apiSecret, grant).then((token) =>
      fetch(`${server.httpUrl}/twirp/${service}/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );

  it.each([
    ['CreateRoom needs roomCreate', { roomList: true }, 'CreateRoom', { name: 'r' }],
    ['DeleteRoom needs roomCreate', { roomAdmin: true, room: 'r' }, 'DeleteRoom', { room: 'r' }],
    ['ListRooms needs roomList', { roomCreate: true }, 'ListRooms', {}],
    [
      'ListParticipants needs roomAdmin',
      { roomCreate: true, roomList: true },
      'ListParticipants',
      { room: 'r' },
    ],
    [
      'roomAdmin is scoped to its room',
      { roomAdmin: true, room: 'other' },
      'GetParticipant',
      { room: 'r', identity: 'a' },
    ],
    [
      'RemoveParticipant needs roomAdmin',
      { roomJoin: true, room: 'r' },
      'RemoveParticipant',
      { room: 'r', identity: 'a' },
    ],
    [
      'MutePublishedTrack needs roomAdmin',
      {},
      'MutePublishedTrack',
      { room: 'r', identity: 'a', trackSid: 't', muted: true },
    ],
    [
      'UpdateParticipant needs roomAdmin',
      { roomCreate: true },
      'UpdateParticipant',
      { room: 'r', identity: 'a' },
    ],
    [
      'UpdateSubscriptions needs roomAdmin',
      { roomCreate: true },
      'UpdateSubscriptions',
      { room: 'r', identity: 'a' },
    ],
    ['SendData needs roomAdmin', { roomCreate: true }, 'SendData', { room: 'r', data: '' }],
    [
      'UpdateRoomMetadata needs roomAdmin',
      { roomCreate: true },
      'UpdateRoomMetadata',
      { room: 'r', metadata: 'm' },
    ],
  ])('%s', async (_name, grant, method, body) => {
    const res = await call(grant, method, body);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 'unauthenticated', msg: 'permissions denied' });
  });

  it('requires roomRecord for every Egress call', async () => {
    const viaSdk = await failure(
      new EgressClient(server.url, server.apiKey, 'wrong-secret').listEgress(),
    );
    expect(viaSdk.status).toBe(401);
    for (const method of ['StartRoomCompositeEgress', 'StopEgress', 'ListEgress']) {
      const res = await call(
        { roomCreate: true, roomAdmin: true, room: 'r' },
        method,
        {},
        'livekit.Egress',
      );
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ code: 'unauthenticated', msg: 'permissions denied' });
    }
  });
});

describe('/rtc/validate without a signal layer', () => {
  const validate = (token: string) => fetch(`${server.httpUrl}/rtc/validate?access_token=${token}`);

  it('accepts a join token for a room', async () => {
    const token = await accessToken(
      server.apiKey,
      server.apiSecret,
      { roomJoin: true, room: 'lobby' },
      'visitor',
    );
    const res = await validate(token);
    expect([res.status, await res.text()]).toEqual([200, 'success']);
  });

  it('refuses a token without roomJoin, and one without an identity', async () => {
    const admin = await accessToken(server.apiKey, server.apiSecret, {
      roomAdmin: true,
      room: 'lobby',
    });
    expect((await validate(admin)).status).toBe(401);
    const now = Math.floor(Date.now() / 1000);
    const noIdentity = signJwt(
      { iss: server.apiKey, exp: now + 60, video: { roomJoin: true, room: 'lobby' } },
      server.apiSecret,
    );
    const anonymous = await validate(noIdentity);
    expect([anonymous.status, await anonymous.text()]).toEqual([400, 'identity cannot be empty']);
  });

  it('refuses an expired join token with 401', async () => {
    const res = await validate(
      expiredToken(server.apiKey, server.apiSecret, { roomJoin: true, room: 'lobby' }, 120),
    );
    expect(res.status).toBe(401);
  });
});
