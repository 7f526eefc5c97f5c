// A room-composite egress records five seconds of a visit (generated audio and video published by
// @livekit/rtc-node) into a WebM file that ffprobe reads as Opus + VP8 of the right length, and
// the file's path and size appear in the egress info and the egress_ended webhook.
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EgressClient, EgressStatus, EncodedFileOutput, type EgressInfo } from 'livekit-server-sdk';
import { Room, dispose } from '@livekit/rtc-node';
import { DEV_API_KEY, DEV_API_SECRET } from '../src/index.ts';
import { publishGeneratedMedia } from './fixtures/generated-media.ts';
import { startSignalServer, type TestSignalServer } from './fixtures/signal-server.ts';
import { startWebhookSink, type WebhookSink } from './support/webhook-sink.ts';

const run = promisify(execFile);

interface Probe {
  format: { duration: string; format_name: string };
  streams: { codec_type: string; codec_name: string; width?: number }[];
}

let server: TestSignalServer;
let sink: WebhookSink;
let publisher: Room;
let stopMedia: (() => void) | undefined;
let info: EgressInfo;

describe('room-composite recording', () => {
  beforeAll(async () => {
    sink = await startWebhookSink(DEV_API_KEY, DEV_API_SECRET);
    server = await startSignalServer({ webhookUrls: [sink.url] });
    publisher = new Room();
    await publisher.connect(server.url, await server.token('resident', 'recorded-visit'), {
      autoSubscribe: false,
      dynacast: false,
    });
    stopMedia = await publishGeneratedMedia(publisher);
    const egress = new EgressClient(server.server.httpUrl, DEV_API_KEY, DEV_API_SECRET);
    const started = await egress.startRoomCompositeEgress('recorded-visit', {
      file: new EncodedFileOutput({ filepath: 'visit.webm' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    await egress.stopEgress(started.egressId);
    info = await server.server.egress.settled(started.egressId);
  }, 60_000);

  afterAll(async () => {
    stopMedia?.();
    await publisher?.disconnect();
    await server?.close();
    await sink?.close();
    await dispose();
  });

  it('completes with the file path and size in the egress info', async () => {
    expect(info.status).toBe(EgressStatus.EGRESS_COMPLETE);
    const file = info.fileResults[0]!;
    expect(file.location.endsWith('visit.webm')).toBe(true);
    expect(Number(file.size)).toBe((await stat(file.location)).size);
    expect(Number(file.size)).toBeGreaterThan(10_000);
  });

  it('writes a WebM file with an Opus and a VP8 track about five seconds long', async () => {
    const { stdout } = await run('ffprobe', [
      '-v',
      'error',
      '-show_format',
      '-show_streams',
      '-of',
      'json',
      info.fileResults[0]!.location,
    ]);
    const probe = JSON.parse(stdout) as Probe;
    expect(probe.format.format_name).toContain('webm');
    expect(probe.streams.map((s) => `${s.codec_type}/${s.codec_name}`).sort()).toEqual([
      'audio/opus',
      'video/vp8',
    ]);
    const duration = Number(probe.format.duration);
    expect(duration).toBeGreaterThan(3.5);
    expect(duration).toBeLessThan(8);
  });

  it('decodes: the video frames play back (ffprobe counts them by decoding)', async () => {
    const { stdout } = await run('ffprobe', [
      '-v',
      'error',
      '-count_frames',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=nb_read_frames,width,height',
      '-of',
      'json',
      info.fileResults[0]!.location,
    ]);
    const [video] = (JSON.parse(stdout) as { streams: { nb_read_frames: string; width: number }[] })
      .streams;
    expect(Number(video!.nb_read_frames)).toBeGreaterThan(50);
    expect(video!.width).toBe(320);
  });

  it('reports the file in the egress_ended webhook', async () => {
    const event = await sink.waitFor((e) => e.event === 'egress_ended', 10_000);
    const file = event.egressInfo?.fileResults[0];
    expect(file?.location).toBe(info.fileResults[0]!.location);
    expect(Number(file?.size)).toBe(Number(info.fileResults[0]!.size));
  });
});
