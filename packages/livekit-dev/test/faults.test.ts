// Fault switches drive real failures that livekit-server-sdk sees as it would from a broken
// LiveKit: Twirp errors with their statuses, slow answers, refused connections.
import { RoomServiceClient, TwirpError } from 'livekit-server-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLiveKitDevServer, type LiveKitDevServer } from '../src/index.ts';

let server: LiveKitDevServer;
let rooms: RoomServiceClient;

beforeAll(async () => {
  server = await startLiveKitDevServer({ port: 0 });
  rooms = new RoomServiceClient(server.url, server.apiKey, server.apiSecret);
});

afterEach(async () => {
  await server.faults.reset();
});

afterAll(async () => {
  await server.close();
});

describe('faults', () => {
  it('fails exactly the next N calls with the chosen Twirp error, then recovers', async () => {
    server.faults.failNext(2, 'unavailable');
    for (let i = 0; i < 2; i += 1) {
      const err = await rooms.listRooms().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TwirpError);
      expect([(err as TwirpError).status, (err as TwirpError).code]).toEqual([503, 'unavailable']);
    }
    await expect(rooms.listRooms()).resolves.toBeInstanceOf(Array);
  });

  it('maps each chosen code to its Twirp HTTP status', async () => {
    const cases = [
      ['resource_exhausted', 429],
      ['deadline_exceeded', 408],
      ['internal', 500],
      ['not_found', 404],
    ] as const;
    for (const [code, status] of cases) {
      server.faults.failNext(1, code, 'injected');
      const err = (await rooms.createRoom({ name: 'x' }).catch((e: unknown) => e)) as TwirpError;
      expect([err.status, err.code, err.message]).toEqual([status, code, 'injected']);
    }
  });

  it('adds latency to every call', async () => {
    server.faults.setLatency(300);
    const started = performance.now();
    await rooms.listRooms();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('refuses connections until switched back, on the same URL', async () => {
    await server.faults.refuseConnections(true);
    const err = await rooms.listRooms().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(TwirpError);
    await server.faults.refuseConnections(false);
    await expect(rooms.listRooms()).resolves.toBeInstanceOf(Array);
  });
});
