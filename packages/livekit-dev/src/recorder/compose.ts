// Turns the per-track files of a room-composite recording into the one file LiveKit's egress
// would write: every video scaled into its tile (layout.ts) over a dark background at the
// declared resolution, each starting when it started in the room, all audio mixed, cut to the
// recording's length. ffmpeg (Debian's) does the decoding, compositing and encoding.
import { execFile } from 'node:child_process';
import type { Tile } from './layout.ts';

/** One recorded track: its file and when its first packet came, after the recording started. */
export interface ComposePart {
  path: string;
  kind: 'audio' | 'video';
  offsetSeconds: number;
  /** For video: where it goes. */
  tile?: Tile;
}

/** The output: size, frame rate, length, path. */
export interface ComposeTarget {
  width: number;
  height: number;
  framerate: number;
  durationSeconds: number;
  output: string;
}

const BACKGROUND = '0x202020';

/** ffmpeg's arguments for a composition (exported for tests). */
// Long by listing: one ffmpeg input and filter per part, then the output options.
export function composeArgs(parts: ComposePart[], target: ComposeTarget): string[] {
  const { width, height, framerate, durationSeconds } = target;
  const duration = durationSeconds.toFixed(3);
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `color=c=${BACKGROUND}:s=${width}x${height}:r=${framerate}:d=${duration}`,
  ];
  const filters: string[] = [];
  let base = '0:v';
  const audio: string[] = [];
  parts.forEach((part, i) => {
    const input = i + 1;
    args.push('-i', part.path);
    const offset = Math.max(0, part.offsetSeconds);
    if (part.kind === 'video' && part.tile) {
      const { x, y, width: w, height: h } = part.tile;
      filters.push(
        `[${input}:v]setpts=PTS-STARTPTS+${offset.toFixed(3)}/TB,` +
          `scale=${w}:${h}:force_original_aspect_ratio=decrease,` +
          `pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:color=${BACKGROUND}[v${input}]`,
        `[${base}][v${input}]overlay=x=${x}:y=${y}:eof_action=pass[b${input}]`,
      );
      base = `b${input}`;
    } else if (part.kind === 'audio') {
      const delay = Math.round(offset * 1000);
      filters.push(
        `[${input}:a]aresample=48000,asetpts=PTS-STARTPTS,adelay=${delay}:all=1[a${input}]`,
      );
      audio.push(`[a${input}]`);
    }
  });
  filters.push(`[${base}]fps=${framerate}[vout]`);
  if (audio.length > 0) {
    filters.push(
      `${audio.join('')}amix=inputs=${audio.length}:duration=longest:normalize=0,apad[aout]`,
    );
  }
  args.push('-filter_complex', filters.join(';'), '-map', '[vout]');
  if (audio.length > 0) args.push('-map', '[aout]', '-c:a', 'libopus', '-b:a', '96k');
  args.push(
    '-c:v',
    'libvpx',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-b:v',
    '2M',
    '-r',
    String(framerate),
    '-t',
    duration,
    '-f',
    'webm',
    target.output,
  );
  return args;
}

/** Runs ffmpeg; rejects with the end of its error output. */
export function compose(parts: ComposePart[], target: ComposeTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'ffmpeg',
      composeArgs(parts, target),
      { maxBuffer: 16 * 1024 * 1024, timeout: 15 * 60_000 },
      (error, _stdout, stderr) => {
        if (!error) resolve();
        else
          reject(new Error(`ffmpeg failed: ${String(stderr).trim().slice(-500) || error.message}`));
      },
    );
  });
}
