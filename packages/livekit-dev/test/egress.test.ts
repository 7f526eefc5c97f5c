// Egress over real HTTP with livekit-server-sdk's EgressClient: the job lifecycle
// (STARTING → ACTIVE → ENDING → COMPLETE / FAILED / ABORTED), file bookkeeping and the webhooks
// that report it. Media is the SFU's part; here a recorder that writes known bytes stands in for it.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EgressClient,
  EgressStatus,
  EncodedFileOutput,
  RoomServiceClient,
  TwirpError,
} from 'livekit-server-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startLiveKitDevServer,
  type LiveKitDevServer,
  type RecorderFactory,
} from '../src/index.ts';
import { startWebhookSink, type WebhookSink } from './support/webhook-sink.ts';

let server: LiveKitDevServer;
let egress: EgressClient;
let rooms: RoomServiceClient;
let sink: WebhookSink;
let dir: string;

const writesBytes: RecorderFactory = async (job) => {
  await writeFile(job.filepath, 'media-bytes');
  return { stop: async () => {} };
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'livekit-dev-egress-'));
  sink = await startWebhookSink('devkey', 'secret');
  // No signal layer: a recorder that writes known bytes stands in for the SFU's.
  server = await startLiveKitDevServer({
    port: 0,
    recordingsDir: dir,
    webhookUrls: [sink.url],
    createSignal: false,
  });
  egress = new EgressClient(server.url, server.apiKey, server.apiSecret);
  rooms = new RoomServiceClient(server.url, server.apiKey, server.apiSecret);
});

afterEach(() => {
  server.egress.setRecorderFactory(undefined);
});

afterAll(async () => {
  await server.close();
  await sink.close();
  await rm(dir, { recursive: true, force: true });
});

function fileOutput(filepath: string) {
  return { file: new EncodedFileOutput({ filepath }) };
}

async function failure(call: Promise<unknown>): Promise<TwirpError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TwirpError);
  return err as TwirpError;
}

describe('Egress', () => {
  it('records a room to a file: STARTING, ACTIVE, ENDING, then COMPLETE with the file’s size', async () => {
    server.egress.setRecorderFactory(writesBytes);
    await rooms.createRoom({ name: 'recorded' });
    const started = await egress.startRoomCompositeEgress(
      'recorded',
      fileOutput('visit-{room_name}.webm'),
    );
    expect(started.status).toBe(EgressStatus.EGRESS_STARTING);
    expect(started.egressId).toMatch(/^EG_/);
    await sink.waitFor(
      (e) => e.event === 'egress_updated' && e.egressInfo?.status === EgressStatus.EGRESS_ACTIVE,
    );
    const [active] = await egress.listEgress({ roomName: 'recorded', active: true });
    expect(active?.status).toBe(EgressStatus.EGRESS_ACTIVE);

    const stopping = await egress.stopEgress(started.egressId);
    expect(stopping.status).toBe(EgressStatus.EGRESS_ENDING);
    const ended = await sink.waitFor(
      (e) => e.event === 'egress_ended' && e.egressInfo?.egressId === started.egressId,
    );
    expect(ended.egressInfo?.status).toBe(EgressStatus.EGRESS_COMPLETE);
    const file = ended.egressInfo?.fileResults[0];
    expect(file?.filename).toBe('visit-recorded.webm');
    expect(file?.size).toBe(11n);
    expect(await readFile(join(dir, 'visit-recorded.webm'), 'utf8')).toBe('media-bytes');
    expect((await egress.listEgress({ egressId: started.egressId }))[0]?.status).toBe(
      EgressStatus.EGRESS_COMPLETE,
    );
    expect(await egress.listEgress({ roomName: 'recorded', active: true })).toEqual([]);
    expect(
      sink.received.some(
        (r) =>
          r.event.event === 'egress_started' && r.event.egressInfo?.egressId === started.egressId,
      ),
    ).toBe(true);
  });

  it('fails the job with a clear error when no recorder can provide media', async () => {
    await rooms.createRoom({ name: 'no-media' });
    const started = await egress.startRoomCompositeEgress('no-media', fileOutput('x.webm'));
    const final = await server.egress.settled(started.egressId);
    expect(final.status).toBe(EgressStatus.EGRESS_FAILED);
    expect(final.error).toMatch(/no media recorder/);
    expect(final.fileResults).toEqual([]);
  });

  it('fails the job when the recording ends without any media written', async () => {
    server.egress.setRecorderFactory(async () => ({ stop: async () => {} }));
    await rooms.createRoom({ name: 'empty-file' });
    const started = await egress.startRoomCompositeEgress('empty-file', fileOutput('empty.webm'));
    await sink.waitFor(
      (e) =>
        e.egressInfo?.egressId === started.egressId &&
        e.egressInfo.status === EgressStatus.EGRESS_ACTIVE,
    );
    await egress.stopEgress(started.egressId);
    const final = await server.egress.settled(started.egressId);
    expect([final.status, final.error]).toEqual([
      EgressStatus.EGRESS_FAILED,
      'the recording contains no media',
    ]);
  });

  it('aborts a job stopped before its recording started', async () => {
    let release = () => {};
    server.egress.setRecorderFactory(async (job) => {
      await new Promise<void>((resolve) => (release = resolve));
      return writesBytes(job);
    });
    await rooms.createRoom({ name: 'aborted' });
    const started = await egress.startRoomCompositeEgress('aborted', fileOutput('aborted.webm'));
    const stopped = await egress.stopEgress(started.egressId);
    expect(stopped.status).toBe(EgressStatus.EGRESS_ABORTED);
    release();
    const ended = await sink.waitFor(
      (e) => e.event === 'egress_ended' && e.egressInfo?.egressId === started.egressId,
    );
    expect(ended.egressInfo?.status).toBe(EgressStatus.EGRESS_ABORTED);
  });

  it('completes the recording when its room is deleted', async () => {
    server.egress.setRecorderFactory(writesBytes);
    await rooms.createRoom({ name: 'closing' });
    const started = await egress.startRoomCompositeEgress('closing', fileOutput('closing.webm'));
    await sink.waitFor(
      (e) =>
        e.egressInfo?.egressId === started.egressId &&
        e.egressInfo.status === EgressStatus.EGRESS_ACTIVE,
    );
    await rooms.deleteRoom('closing');
    expect((await server.egress.settled(started.egressId)).status).toBe(
      EgressStatus.EGRESS_COMPLETE,
    );
  });

  it('answers not_found for an unknown room or egress, and failed_precondition for a finished one', async () => {
    const noRoom = await failure(
      egress.startRoomCompositeEgress('ghost-room', fileOutput('g.webm')),
    );
    expect([noRoom.status, noRoom.code, noRoom.message]).toEqual([
      404,
      'not_found',
      'requested room does not exist',
    ]);
    const noEgress = await failure(egress.stopEgress('EG_unknown'));
    expect([noEgress.status, noEgress.code, noEgress.message]).toEqual([
      404,
      'not_found',
      'egress does not exist',
    ]);
    await rooms.createRoom({ name: 'finished' });
    const started = await egress.startRoomCompositeEgress('finished', fileOutput('f.webm'));
    await server.egress.settled(started.egressId);
    const again = await failure(egress.stopEgress(started.egressId));
    expect([again.status, again.code]).toEqual([412, 'failed_precondition']);
  });

  it('refuses a file path that leaves the recordings directory', async () => {
    await rooms.createRoom({ name: 'escape' });
    const err = await failure(
      egress.startRoomCompositeEgress('escape', fileOutput('../../etc/evil.webm')),
    );
    expect([err.status, err.code]).toEqual([400, 'invalid_argument']);
  });
});
