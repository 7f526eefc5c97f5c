// Webhooks as LiveKit sends them, checked by livekit-server-sdk's WebhookReceiver on a real HTTP
// server: signature over the body, content type, unique ids, every event kind, retries, drops.
import { createServer } from 'node:net';
import { TrackType } from '@livekit/protocol';
import { RoomServiceClient, WebhookReceiver } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveKitDevServer, type LiveKitDevServer } from '../src/index.ts';
import { startWebhookSink, type WebhookSink } from './support/webhook-sink.ts';

let server: LiveKitDevServer;
let sink: WebhookSink;
let rooms: RoomServiceClient;

beforeAll(async () => {
  sink = await startWebhookSink('devkey', 'secret');
  server = await startLiveKitDevServer({
    port: 0,
    webhookUrls: [sink.url],
    webhookDelivery: { retryWaitMinMs: 20, retryWaitMaxMs: 50 },
  });
  rooms = new RoomServiceClient(server.url, server.apiKey, server.apiSecret);
});

afterAll(async () => {
  await server.close();
  await sink.close();
});

function eventsFor(room: string): string[] {
  return sink.received
    .filter((r) => (r.event.room?.name ?? r.event.egressInfo?.roomName) === room)
    .map((r) => r.event.event);
}

describe('webhooks', () => {
  it('reports a room’s life in order: started, joined, published, unpublished, left, finished', async () => {
    await rooms.createRoom({ name: 'life' });
    server.registry.joinParticipant('life', { identity: 'ana' });
    const track = server.registry.publishTrack('life', 'ana', {
      type: TrackType.VIDEO,
      name: 'cam',
    });
    server.registry.unpublishTrack('life', 'ana', track.sid);
    server.registry.leaveParticipant('life', 'ana');
    await rooms.deleteRoom('life');
    await sink.waitFor((e) => e.event === 'room_finished' && e.room?.name === 'life');
    expect(eventsFor('life')).toEqual([
      'room_started',
      'participant_joined',
      'track_published',
      'track_unpublished',
      'participant_left',
      'room_finished',
    ]);
    const published = sink.received.find(
      (r) => r.event.event === 'track_published' && r.event.room?.name === 'life',
    );
    expect(published?.event.participant?.identity).toBe('ana');
    expect(published?.event.track?.sid).toBe(track.sid);
  });

  it('signs each body with a JWT whose sha256 claim covers it, posted as application/webhook+json', async () => {
    await rooms.createRoom({ name: 'signed' });
    await sink.waitFor((e) => e.event === 'room_started' && e.room?.name === 'signed');
    const delivery = sink.received.find((r) => r.event.room?.name === 'signed');
    expect(delivery?.contentType).toBe('application/webhook+json');
    const receiver = new WebhookReceiver('devkey', 'secret');
    await expect(
      receiver.receive(delivery!.body.replace('signed', 'forged'), delivery!.authorization),
    ).rejects.toThrow(/sha256 checksum of body does not match/);
    await expect(
      new WebhookReceiver('devkey', 'other').receive(delivery!.body, delivery!.authorization),
    ).rejects.toThrow();
    expect(sink.rejected).toEqual([]);
  });

  it('gives every event a unique EV_ id and a creation time', async () => {
    await rooms.createRoom({ name: 'ids' });
    await rooms.deleteRoom('ids');
    await sink.waitFor((e) => e.event === 'room_finished' && e.room?.name === 'ids');
    const ids = sink.received.map((r) => r.event.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith('EV_'))).toBe(true);
    expect(sink.received.every((r) => r.event.createdAt > 0n)).toBe(true);
  });

  it('retries a delivery the receiver answered with 5xx', async () => {
    sink.failNext(2, 503);
    await rooms.createRoom({ name: 'retried' });
    const event = await sink.waitFor(
      (e) => e.event === 'room_started' && e.room?.name === 'retried',
    );
    expect(event.room?.name).toBe('retried');
  });

  it('drops webhooks while the fault switch is on, and counts them in the next event', async () => {
    server.faults.dropWebhooks(true);
    await rooms.createRoom({ name: 'dropped' });
    server.faults.dropWebhooks(false);
    await rooms.createRoom({ name: 'after-drop' });
    const next = await sink.waitFor((e) => e.room?.name === 'after-drop');
    expect(next.numDropped).toBeGreaterThanOrEqual(1);
    expect(eventsFor('dropped')).toEqual([]);
  });

  it('closes an empty room after emptyTimeout and reports room_finished', async () => {
    await rooms.createRoom({ name: 'short-lived', emptyTimeout: 1 });
    await sink.waitFor((e) => e.event === 'room_finished' && e.room?.name === 'short-lived', 4000);
    expect(await rooms.listRooms(['short-lived'])).toEqual([]);
  });
});

describe('webhook queue', () => {
  it('is bounded: events beyond the queue size are dropped while a delivery keeps failing', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const isolated = await startLiveKitDevServer({
      port: 0,
      webhookUrls: [`http://127.0.0.1:${closedPort}/hook`],
      webhookDelivery: { queueSize: 2, maxRetries: 2, retryWaitMinMs: 100, retryWaitMaxMs: 100 },
    });
    try {
      for (let i = 0; i < 6; i += 1) isolated.registry.createRoom({ name: `flood-${i}` });
      expect(isolated.webhooks.stats.dropped).toBe(3);
      await isolated.webhooks.idle();
      expect(isolated.webhooks.stats).toMatchObject({ sent: 0, failed: 3, dropped: 3 });
    } finally {
      await isolated.close();
    }
  });
});
