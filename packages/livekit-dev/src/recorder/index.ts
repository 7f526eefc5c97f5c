// Room-composite recording for egress: takes the room's first microphone and first camera (or
// screen share) track from the SFU and writes them to a WebM file with werift's MediaRecorder.
// While a recording runs, the room is reported with `activeRecording` so clients show it.
import { MediaStreamTrack, RTCRtpCodecParameters } from 'werift';
import { MediaRecorder } from 'werift/nonstandard';
import type { RecorderFactory, RecordingJob, RoomRecorder } from '../egress/index.ts';
import { Forwarder } from '../sfu/forwarder.ts';
import { HIGHEST_LAYER } from '../sfu/layers.ts';
import type { SignalHub } from '../signal/hub.ts';
import type { SessionTrack } from '../signal/session.ts';

/** How long a recording waits for the room to publish something before it fails. */
const WAIT_FOR_TRACKS_MS = 10_000;

/** Creates the egress recorder factory backed by the SFU's tracks. */
export function createRecorderFactory(hub: SignalHub): RecorderFactory {
  return async (job) => {
    const picked = await waitForTracks(hub, job);
    const inputs = picked.map((track) => toRecorderInput(track));
    const video = picked.find((t) => t.media.kind === 'video');
    const recorder = new MediaRecorder({
      path: job.filepath,
      numOfTracks: inputs.length,
      width: video?.info.width || 640,
      height: video?.info.height || 480,
      // Forwarded RTP carries no sender reports: time comes from RTP timestamps alone.
      disableNtp: true,
      disableLipSync: true,
    });
    recorder.onError.subscribe((error) => job.fail(`recording failed: ${error.message}`));
    for (const input of inputs) {
      input.forwarder.start();
      await recorder.addTrack(input.track);
    }
    hub.setRecording(job.roomName, job.egressId, true);
    let stopped = false;
    const handle: RoomRecorder = {
      async stop() {
        if (stopped) return;
        stopped = true;
        for (const input of inputs) input.forwarder.stop();
        hub.setRecording(job.roomName, job.egressId, false);
        await recorder.stop();
      },
    };
    return handle;
  };
}

interface RecorderInput {
  source: SessionTrack;
  track: MediaStreamTrack;
  forwarder: Forwarder;
}

function toRecorderInput(source: SessionTrack): RecorderInput {
  const kind = source.media.kind;
  const mimeType =
    source.media.mimeType ??
    source.info.mimeType ??
    (kind === 'audio' ? 'audio/opus' : 'video/VP8');
  const codec = new RTCRtpCodecParameters({
    mimeType,
    clockRate: kind === 'audio' ? 48000 : 90000,
    channels: kind === 'audio' ? 2 : undefined,
    payloadType: kind === 'audio' ? 111 : 96,
  });
  const track = new MediaStreamTrack({ kind, codec });
  // The best layer, started on a keyframe like any subscriber (a file must begin decodable).
  const forwarder = new Forwarder(
    source.media,
    { write: (packet) => track.writeRtp(packet), writable: true },
    HIGHEST_LAYER,
  );
  return { source, track, forwarder };
}

/** Picks the tracks to record, waiting a while for a room that has not published yet. */
async function waitForTracks(hub: SignalHub, job: RecordingJob): Promise<SessionTrack[]> {
  const deadline = Date.now() + WAIT_FOR_TRACKS_MS;
  for (;;) {
    const picked = pickTracks(hub, job);
    const wantsBoth = !job.audioOnly && !job.videoOnly;
    const complete = wantsBoth ? picked.length === 2 : picked.length === 1;
    if (complete || (picked.length > 0 && Date.now() >= deadline)) return picked;
    if (Date.now() >= deadline)
      throw new Error(`room ${job.roomName} has no published tracks to record`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function pickTracks(hub: SignalHub, job: RecordingJob): SessionTrack[] {
  const all = hub.inRoom(job.roomName).flatMap((session) => [...session.tracks.values()]);
  const live = all.filter((t) => t.media.hasSource);
  const audio = live.find((t) => t.media.kind === 'audio');
  // A camera first (source 1 = CAMERA), then any video such as a screen share.
  const video =
    live.find((t) => t.media.kind === 'video' && t.info.source === 1) ??
    live.find((t) => t.media.kind === 'video');
  const picked: SessionTrack[] = [];
  if (audio && !job.videoOnly) picked.push(audio);
  if (video && !job.audioOnly) picked.push(video);
  return picked;
}
