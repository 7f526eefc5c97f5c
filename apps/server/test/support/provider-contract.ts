// The provider contract: one suite every video provider must pass, run against a real backend
// (p2p against our own signaling server, LiveKit against a LiveKit-compatible server). A new
// provider passes it or is not done.
import { randomUUID } from 'node:crypto';
import type { JoinCredentials } from '@openconnect/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BaseVideoProvider, Participant } from '../../src/providers/base-video-provider.ts';
import { ProviderError } from '../../src/providers/provider-error.ts';
import { eventually } from './eventually.ts';

/** A participant connected to the backend with the credentials it was given. */
export interface ConnectedClient {
  /** Resolves when the backend disconnects this client (kick, room closed). */
  readonly disconnected: Promise<void>;
  close(): Promise<void>;
}

export interface ContractSubject {
  provider: BaseVideoProvider;
  /** Connects like a browser would, with the credentials from joinRoom. */
  connect(credentials: JoinCredentials): Promise<ConnectedClient>;
  cleanup(): Promise<void>;
}

const participant = (role: Participant['role'] = 'visitor'): Participant => ({
  identity: `p-${randomUUID()}`,
  displayName: role === 'host' ? 'Nurse Joy' : 'Visitor',
  role,
});

async function expectProviderError(
  promise: Promise<unknown>,
  code: ProviderError['code'],
): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(ProviderError);
  expect((error as ProviderError).code).toBe(code);
}

/** Declares the contract suite for one provider. */
export function providerContract(name: string, setup: () => Promise<ContractSubject>): void {
  describe(`provider contract: ${name}`, () => {
    let subject: ContractSubject;
    let provider: BaseVideoProvider;
    const clients: ConnectedClient[] = [];
    const room = () => ({ roomId: randomUUID(), facilityId: randomUUID() });
    const connect = async (credentials: JoinCredentials) => {
      const client = await subject.connect(credentials);
      clients.push(client);
      return client;
    };

    beforeAll(async () => {
      subject = await setup();
      provider = subject.provider;
    });
    afterAll(async () => {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
      await subject?.cleanup();
    });

    it('reports healthy when its backend answers', async () => {
      const health = await provider.health();
      expect(health.ok).toBe(true);
      expect(health.latencyMs).toBeGreaterThanOrEqual(0);
    });

    it('creates rooms idempotently', async () => {
      const options = room();
      const first = await provider.createRoom(options);
      const second = await provider.createRoom(options);
      expect(first.roomId).toBe(options.roomId);
      expect(second.providerRoomId).toBe(first.providerRoomId);
    });

    it('issues short-lived credentials for one participant of one room', async () => {
      const options = room();
      await provider.createRoom(options);
      const who = participant('host');
      const credentials = await provider.joinRoom(options.roomId, who);
      expect(credentials.provider).toBe(provider.type);
      expect(credentials).toMatchObject({
        roomId: options.roomId,
        identity: who.identity,
        role: 'host',
      });
      expect(credentials.capabilities).toEqual(provider.capabilities);
      const ttl = Date.parse(credentials.expiresAt) - Date.now();
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(10 * 60_000);
    });

    it('lets participants connect with their credentials and lists them', async () => {
      const options = room();
      await provider.createRoom(options);
      const a = participant('host');
      const b = participant();
      await connect(await provider.joinRoom(options.roomId, a));
      await connect(await provider.joinRoom(options.roomId, b));
      await eventually(
        async () => (await provider.listParticipants(options.roomId)).length === 2,
        Boolean,
        'two participants',
      );
      const listed = await provider.listParticipants(options.roomId);
      expect(listed.map((p) => p.identity).sort()).toEqual([a.identity, b.identity].sort());
    });

    it('refuses to admit more participants than the room allows', async () => {
      const options = { ...room(), maxParticipants: 2 };
      await provider.createRoom(options);
      await connect(await provider.joinRoom(options.roomId, participant()));
      await connect(await provider.joinRoom(options.roomId, participant()));
      await eventually(
        async () => (await provider.listParticipants(options.roomId)).length === 2,
        Boolean,
        'a full room',
      );
      await expectProviderError(provider.joinRoom(options.roomId, participant()), 'ROOM_FULL');
    });

    it('removes a participant on leaveRoom and disconnects them', async () => {
      const options = room();
      await provider.createRoom(options);
      const who = participant();
      const client = await connect(await provider.joinRoom(options.roomId, who));
      await eventually(
        async () => (await provider.listParticipants(options.roomId)).length === 1,
        Boolean,
        'the join',
      );
      await provider.leaveRoom(options.roomId, who.identity);
      await expect(client.disconnected).resolves.toBeUndefined();
      await eventually(
        async () => (await provider.listParticipants(options.roomId)).length === 0,
        Boolean,
        'the removal',
      );
    });

    it('answers leaveRoom for someone not in the room with PARTICIPANT_NOT_FOUND', async () => {
      const options = room();
      await provider.createRoom(options);
      await expectProviderError(
        provider.leaveRoom(options.roomId, 'nobody-here'),
        'PARTICIPANT_NOT_FOUND',
      );
    });

    it('rejects invalid participants with INVALID_ARGUMENT', async () => {
      const options = room();
      await provider.createRoom(options);
      await expectProviderError(
        provider.joinRoom(options.roomId, {
          identity: 'has spaces and ✨',
          displayName: 'x',
          role: 'visitor',
        }),
        'INVALID_ARGUMENT',
      );
      await expectProviderError(
        provider.joinRoom(options.roomId, { ...participant(), role: 'owner' as 'host' }),
        'INVALID_ARGUMENT',
      );
    });

    it('closes rooms idempotently, disconnecting everyone, and refuses joins afterwards', async () => {
      const options = room();
      await provider.createRoom(options);
      const client = await connect(await provider.joinRoom(options.roomId, participant()));
      await eventually(
        async () => (await provider.listParticipants(options.roomId)).length === 1,
        Boolean,
        'the join',
      );
      await provider.closeRoom(options.roomId);
      await expect(client.disconnected).resolves.toBeUndefined();
      await provider.closeRoom(options.roomId);
      await provider.closeRoom(randomUUID());
      await expectProviderError(provider.joinRoom(options.roomId, participant()), 'ROOM_NOT_FOUND');
    });

    it('declares recording methods exactly when it claims the recording capability', () => {
      const hasMethods =
        typeof provider.startRecording === 'function' &&
        typeof provider.stopRecording === 'function';
      expect(hasMethods).toBe(provider.capabilities.recording);
    });
  });
}
