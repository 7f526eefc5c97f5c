// Room-composite recording for egress, as LiveKit's egress lays a room out: every camera (and
// screen share) of the room in a grid, a share on the stage, all microphones mixed, at the
// declared resolution and the cameras' own frame rate. While the recording runs, each track is
// written as received to its own WebM file (werift's recorder, started on a keyframe of the best
// layer through the SFU's forwarder); tracks published later join in. At the end ffmpeg composes
// the parts into the requested file (compose.ts). The room reports `activeRecording` meanwhile.
import { mkdtemp, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MediaStreamTrack, RTCRtpCodecParameters } from 'werift';
import { MediaRecorder } from 'werift/nonstandard';
import type { RecorderFactory, RecordingJob, RoomRecorder } from '../egress/index.ts';
import { Forwarder } from '../sfu/forwarder.ts';
import { HIGHEST_LAYER } from '../sfu/layers.ts';
import type { SignalHub } from '../signal/hub.ts';
import type { SessionTrack } from '../signal/session.ts';
import { compose, type ComposePart } from './compose.ts';
import { compositeLayout } from './layout.ts';

/** How long a recording waits for the room to publish something before it fails. */
const WAIT_FOR_TRACKS_MS = 10_000;
/** How often the room is checked for tracks published after the recording started. */
const SCAN_MS = 500;
/** TrackSource values (livekit_models.proto). */
const SCREEN_SHARE = 3;
const DEFAULT_FRAMERATE = 30;

/** One track being written to its own file. */
interface Part {
  source: SessionTrack;
  path: string;
  recorder: MediaRecorder;
  forwarder: Forwarder;
  /** When its first packet was written (ms since epoch). */
  firstAt?: number;
  lastAt?: number;
  /** Video frames written (packets with the marker bit). */
  frames: number;
}

/** Creates the egress recorder factory backed by the SFU's tracks. */
export function createRecorderFactory(hub: SignalHub): RecorderFactory {
  return async (job) => {
    await waitForTracks(hub, job);
    const startedAt = Date.now();
    const dir = await mkdtemp(join(dirname(job.filepath), '.egress-parts-'));
    const parts = new Map<string, Part>();
    const scan = () => {
      for (const track of wantedTracks(hub, job)) {
        if (parts.has(track.media.sid)) continue;
        parts.set(track.media.sid, startPart(track, join(dir, `${track.media.sid}.webm`), job));
      }
    };
    scan();
    const scanner = setInterval(scan, SCAN_MS);
    hub.setRecording(job.roomName, job.egressId, true);
    let stopped = false;
    const handle: RoomRecorder = {
      async stop() {
        if (stopped) return;
        stopped = true;
        clearInterval(scanner);
        const durationSeconds = (Date.now() - startedAt) / 1000;
        for (const part of parts.values()) part.forwarder.stop();
        await Promise.all([...parts.values()].map((part) => stopRecorder(part.recorder)));
        hub.setRecording(job.roomName, job.egressId, false);
        try {
          await composeRoom([...parts.values()], job, startedAt, durationSeconds);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    };
    return handle;
  };
}

/** Starts writing one track to its own file. */
function startPart(source: SessionTrack, path: string, job: RecordingJob): Part {
  const kind = source.media.kind;
  // Audio reaches sinks as Opus, also when published as RED (werift unwraps it on arrival).
  const mimeType =
    kind === 'audio'
      ? 'audio/opus'
      : (source.media.mimeType ?? source.info.mimeType ?? 'video/VP8');
  const codec = new RTCRtpCodecParameters({
    mimeType,
    clockRate: kind === 'audio' ? 48000 : 90000,
    channels: kind === 'audio' ? 2 : undefined,
    payloadType: kind === 'audio' ? 111 : 96,
  });
  const track = new MediaStreamTrack({ kind, codec });
  const recorder = new MediaRecorder({
    path,
    numOfTracks: 1,
    width: source.info.width || job.width,
    height: source.info.height || job.height,
    // Forwarded RTP carries no sender reports: time comes from RTP timestamps alone.
    disableNtp: true,
    disableLipSync: true,
  });
  recorder.onError.subscribe((error) => job.fail(`recording failed: ${error.message}`));
  const part: Part = { source, path, recorder, frames: 0, forwarder: undefined! };
  part.forwarder = new Forwarder(
    source.media,
    {
      write(packet) {
        const now = Date.now();
        part.firstAt ??= now;
        part.lastAt = now;
        // The marker bit ends a video frame.
        if (kind === 'video' && (packet[1]! & 0x80) !== 0) part.frames++;
        track.writeRtp(packet);
      },
      writable: true,
    },
    HIGHEST_LAYER,
  );
  void recorder.addTrack(track).then(() => part.forwarder.start());
  return part;
}

/** Stops a part's recorder, giving up on one that never got media. */
async function stopRecorder(recorder: MediaRecorder): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    recorder.stop().catch(() => undefined),
    new Promise((resolve) => (timer = setTimeout(resolve, 5000))),
  ]);
  clearTimeout(timer);
}

/** Composes the parts that received media into the job's file. */
async function composeRoom(
  parts: Part[],
  job: RecordingJob,
  startedAt: number,
  durationSeconds: number,
): Promise<void> {
  const recorded = parts.filter((p) => p.firstAt !== undefined);
  if (recorded.length === 0) throw new Error('no media arrived during the recording');
  const videos = recorded.filter((p) => p.source.media.kind === 'video');
  const tiles = compositeLayout(
    job.width,
    job.height,
    videos.map((v) => v.source.info.source === SCREEN_SHARE),
  );
  const composeParts: ComposePart[] = recorded.map((part) => ({
    path: part.path,
    kind: part.source.media.kind,
    offsetSeconds: ((part.firstAt ?? startedAt) - startedAt) / 1000,
    tile: part.source.media.kind === 'video' ? tiles[videos.indexOf(part)] : undefined,
  }));
  await compose(composeParts, {
    width: job.width,
    height: job.height,
    framerate: sourceFramerate(videos),
    durationSeconds,
    output: job.filepath,
  });
}

/** The cameras' frame rate as they were recorded (the fastest of them), in whole frames. */
function sourceFramerate(videos: Part[]): number {
  let best = 0;
  for (const part of videos) {
    const seconds = ((part.lastAt ?? 0) - (part.firstAt ?? 0)) / 1000;
    if (seconds >= 1) best = Math.max(best, part.frames / seconds);
  }
  return best > 0 ? Math.min(60, Math.max(1, Math.round(best))) : DEFAULT_FRAMERATE;
}

/** Waits for the room to publish something to record (a while, for a room just starting). */
async function waitForTracks(hub: SignalHub, job: RecordingJob): Promise<void> {
  const deadline = Date.now() + WAIT_FOR_TRACKS_MS;
  for (;;) {
    const wanted = wantedTracks(hub, job);
    const hasAudio = wanted.some((t) => t.media.kind === 'audio');
    const hasVideo = wanted.some((t) => t.media.kind === 'video');
    const complete = job.audioOnly ? hasAudio : job.videoOnly ? hasVideo : hasAudio && hasVideo;
    if (complete || (wanted.length > 0 && Date.now() >= deadline)) return;
    if (Date.now() >= deadline)
      throw new Error(`room ${job.roomName} has no published tracks to record`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The room's tracks with media that the job records. */
function wantedTracks(hub: SignalHub, job: RecordingJob): SessionTrack[] {
  return hub
    .inRoom(job.roomName)
    .flatMap((session) => [...session.tracks.values()])
    .filter((t) => t.media.hasSource)
    .filter((t) => (t.media.kind === 'audio' ? !job.videoOnly : !job.audioOnly));
}
