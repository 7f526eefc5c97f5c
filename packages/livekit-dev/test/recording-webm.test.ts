// A room-composite egress records a 60-second two-person visit (generated audio and video
// published by two @livekit/rtc-node participants, tones of 400 and 700 Hz) into one WebM file,
// as LiveKit's egress would: ffprobe reads Opus + VP8 at the declared 1280x720 lasting 60 ± 2 s;
// frames grabbed 20 s apart show both tiles moving; the mixed audio carries both tones. The
// file's path and size appear in the egress info and the egress_ended webhook.
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
const RECORD_SECONDS = 60;

interface Probe {
  format: { duration: string; format_name: string };
  streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
}

let server: TestSignalServer;
let sink: WebhookSink;
const rooms: Room[] = [];
const stops: Array<() => void> = [];
let info: EgressInfo;
let file: string;

/** One grayscale frame at `seconds`, shrunk to 64x36 (each tile of two is 32 columns wide). */
async function grab(seconds: number): Promise<Buffer> {
  const { stdout } = await run(
    'ffmpeg',
    [
      '-v',
      'error',
      '-ss',
      String(seconds),
      '-i',
      file,
      '-frames:v',
      '1',
      '-vf',
      'scale=64:36',
    ].concat(['-f', 'rawvideo', '-pix_fmt', 'gray', '-']),
    { encoding: 'buffer', maxBuffer: 1 << 20 },
  );
  return stdout;
}

/** Mean absolute difference of two grabs over columns [from, to). */
function change(a: Buffer, b: Buffer, from: number, to: number): number {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < 36; y++)
    for (let x = from; x < to; x++, n++) sum += Math.abs(a[y * 64 + x]! - b[y * 64 + x]!);
  return sum / n;
}

/** Mean volume (dB) of the recording's audio in a narrow band around `hz`. */
async function bandVolume(hz: number): Promise<number> {
  const { stderr } = await run('ffmpeg', [
    '-v',
    'info',
    '-i',
    file,
    '-vn',
    '-af',
    `bandpass=f=${hz}:width_type=q:w=30,volumedetect`,
    '-f',
    'null',
    '-',
  ]);
  return Number(/mean_volume: (-?[\d.]+) dB/.exec(stderr)?.[1] ?? -Infinity);
}

describe('room-composite recording of a two-person visit', () => {
  beforeAll(async () => {
    sink = await startWebhookSink(DEV_API_KEY, DEV_API_SECRET);
    server = await startSignalServer({ webhookUrls: [sink.url] });
    for (const [identity, toneHz] of [
      ['resident', 400],
      ['visitor', 700],
    ] as const) {
      const room = new Room();
      await room.connect(server.url, await server.token(identity, 'recorded-visit'), {
        autoSubscribe: false,
        dynacast: false,
      });
      rooms.push(room);
      stops.push(await publishGeneratedMedia(room, toneHz));
    }
    const egress = new EgressClient(server.server.httpUrl, DEV_API_KEY, DEV_API_SECRET);
    const started = await egress.startRoomCompositeEgress('recorded-visit', {
      file: new EncodedFileOutput({ filepath: 'visit.webm' }),
    });
    await new Promise((resolve) => setTimeout(resolve, RECORD_SECONDS * 1000));
    await egress.stopEgress(started.egressId);
    info = await server.server.egress.settled(started.egressId);
    file = info.fileResults[0]?.location ?? '';
  }, 300_000);

  afterAll(async () => {
    for (const stop of stops) stop();
    for (const room of rooms) await room.disconnect();
    await server?.close();
    await sink?.close();
    await dispose();
  });

  it('completes with the file path and size in the egress info', async () => {
    expect(info.status).toBe(EgressStatus.EGRESS_COMPLETE);
    expect(file.endsWith('visit.webm')).toBe(true);
    expect(Number(info.fileResults[0]!.size)).toBe((await stat(file)).size);
  });

  it('writes Opus and VP8 at the declared 1280x720, as long as the visit (60 ± 2 s)', async () => {
    const { stdout } = await run('ffprobe', [
      '-v',
      'error',
      '-show_format',
      '-show_streams',
      '-of',
      'json',
      file,
    ]);
    const probe = JSON.parse(stdout) as Probe;
    expect(probe.format.format_name).toContain('webm');
    expect(probe.streams.map((s) => `${s.codec_type}/${s.codec_name}`).sort()).toEqual([
      'audio/opus',
      'video/vp8',
    ]);
    const video = probe.streams.find((s) => s.codec_type === 'video');
    expect([video?.width, video?.height]).toEqual([1280, 720]);
    expect(Math.abs(Number(probe.format.duration) - RECORD_SECONDS)).toBeLessThanOrEqual(2);
  });

  it('shows both participants side by side, both moving', async () => {
    const [early, late] = [await grab(20), await grab(40)];
    // Each half of the frame is one participant's tile; the generated pattern changes every frame.
    expect(change(early, late, 0, 32)).toBeGreaterThan(5);
    expect(change(early, late, 32, 64)).toBeGreaterThan(5);
  });

  it("mixes both participants' audio", async () => {
    const [resident, visitor, elsewhere] = [
      await bandVolume(400),
      await bandVolume(700),
      await bandVolume(2500),
    ];
    expect(resident).toBeGreaterThan(elsewhere + 20);
    expect(visitor).toBeGreaterThan(elsewhere + 20);
  });

  it('reports the file in the egress_ended webhook', async () => {
    const event = await sink.waitFor((e) => e.event === 'egress_ended', 10_000);
    const ended = event.egressInfo?.fileResults[0];
    expect(ended?.location).toBe(file);
    expect(Number(ended?.size)).toBe(Number(info.fileResults[0]!.size));
  });
});
