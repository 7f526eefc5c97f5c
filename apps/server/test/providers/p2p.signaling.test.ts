// Bad signaling input over real WebSockets: each offender is closed with its own close code,
// and a conversation already under way in the room goes on untouched.
import { randomUUID } from 'node:crypto';
import { P2PCloseCode, P2P_MAX_MESSAGE_BYTES } from '@openconnect/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignalingTokens } from '../../src/providers/p2p/tokens.ts';
import {
  joinWith,
  openSocket,
  startP2PServer,
  type P2PServer,
  type SignalingClient,
} from './p2p-fixture.ts';

const secret = 'an-integration-test-secret-of-32-chars-or-more';
let server: P2PServer;
let roomId: string;
let alice: SignalingClient;
let bob: SignalingClient;
const clients: SignalingClient[] = [];

async function open(): Promise<SignalingClient> {
  const client = await openSocket(server.signalingUrl);
  clients.push(client);
  return client;
}

/** Alice and Bob can still talk: a signal from one reaches the other. */
async function expectConversationIntact(): Promise<void> {
  alice.send({ type: 'signal', to: 'bob', data: { candidate: null } });
  await expect(bob.next('signal')).resolves.toEqual({
    type: 'signal',
    from: 'alice',
    data: { candidate: null },
  });
  expect(alice.socket.readyState).toBe(alice.socket.OPEN);
}

beforeAll(async () => {
  server = await startP2PServer({ tokenSecret: secret, heartbeatIntervalMs: 60_000 });
  roomId = randomUUID();
  await server.provider.createRoom({ roomId, facilityId: randomUUID() });
  alice = await joinWith(
    await server.provider.joinRoom(roomId, {
      identity: 'alice',
      displayName: 'Alice',
      role: 'host',
    }),
  );
  bob = await joinWith(
    await server.provider.joinRoom(roomId, {
      identity: 'bob',
      displayName: 'Bob',
      role: 'visitor',
    }),
  );
  clients.push(alice, bob);
  // The first embedded database of a process takes long to start on a busy machine.
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server?.close();
});

describe('p2p signaling with bad input', () => {
  it('closes a socket that sends a frame that is not JSON with PROTOCOL_ERROR', async () => {
    const client = await open();
    client.send('{{{ definitely not json');
    expect(await client.closed).toEqual({
      code: P2PCloseCode.PROTOCOL_ERROR,
      reason: 'frame is not JSON',
    });
    await expectConversationIntact();
  });

  it('closes a socket that sends an unknown message or a binary frame with PROTOCOL_ERROR', async () => {
    const unknown = await open();
    unknown.send({ type: 'make-me-admin' });
    expect((await unknown.closed).code).toBe(P2PCloseCode.PROTOCOL_ERROR);
    const binary = await open();
    binary.socket.send(Buffer.from([1, 2, 3]));
    expect((await binary.closed).code).toBe(P2PCloseCode.PROTOCOL_ERROR);
    await expectConversationIntact();
  });

  it('closes a socket that joins with a token for another room with WRONG_ROOM', async () => {
    const otherRoom = randomUUID();
    await server.provider.createRoom({ roomId: otherRoom, facilityId: randomUUID() });
    const credentials = await server.provider.joinRoom(otherRoom, {
      identity: 'eve',
      displayName: 'Eve',
      role: 'visitor',
    });
    const client = await open();
    client.send({
      type: 'join',
      version: 1,
      room: roomId,
      token: credentials.provider === 'p2p' ? credentials.token : '',
    });
    expect((await client.closed).code).toBe(P2PCloseCode.WRONG_ROOM);
    await expectConversationIntact();
  });

  it('closes a socket that joins with an expired token with TOKEN_EXPIRED', async () => {
    const past = new SignalingTokens(secret, 60, () => Date.now() - 120_000);
    const { token } = past.issue({ room: roomId, identity: 'late', role: 'visitor', name: 'Late' });
    const client = await open();
    client.send({ type: 'join', version: 1, room: roomId, token });
    expect((await client.closed).code).toBe(P2PCloseCode.TOKEN_EXPIRED);
    await expectConversationIntact();
  });

  it('closes a socket that joins with a forged token with TOKEN_INVALID', async () => {
    const forger = new SignalingTokens('someone-else-secret-that-is-32-chars-long', 60);
    const { token } = forger.issue({
      room: roomId,
      identity: 'mallory',
      role: 'host',
      name: 'Mallory',
    });
    const client = await open();
    client.send({ type: 'join', version: 1, room: roomId, token });
    expect((await client.closed).code).toBe(P2PCloseCode.TOKEN_INVALID);
    await expectConversationIntact();
  });

  it('closes a member that sends an oversize message with MESSAGE_TOO_LARGE and tells the others', async () => {
    const carol = await joinWith(
      await server.provider.joinRoom(roomId, {
        identity: 'carol',
        displayName: 'Carol',
        role: 'visitor',
      }),
    );
    clients.push(carol);
    carol.send({
      type: 'signal',
      to: 'alice',
      data: { description: { type: 'offer', sdp: 'x'.repeat(P2P_MAX_MESSAGE_BYTES + 1) } },
    });
    expect((await carol.closed).code).toBe(P2PCloseCode.MESSAGE_TOO_LARGE);
    await expect(alice.next('peer-left')).resolves.toEqual({
      type: 'peer-left',
      identity: 'carol',
      reason: 'disconnected',
    });
    await expectConversationIntact();
  });

  it('removes a kicked member at once, tells the others, and refuses the same token afterwards', async () => {
    const credentials = await server.provider.joinRoom(roomId, {
      identity: 'dave',
      displayName: 'Dave',
      role: 'visitor',
    });
    const dave = await joinWith(credentials);
    clients.push(dave);
    await server.provider.leaveRoom(roomId, 'dave');
    expect((await dave.closed).code).toBe(P2PCloseCode.KICKED);
    await expect(bob.next('peer-left')).resolves.toEqual({
      type: 'peer-left',
      identity: 'dave',
      reason: 'kicked',
    });
    await expect(joinWith(credentials)).rejects.toThrow(`${P2PCloseCode.KICKED}`);
    await expectConversationIntact();
  });
});
