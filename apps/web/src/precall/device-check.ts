// The pre-call check's device part: whether the preview's camera delivers frames (and at what
// size), how loud the microphone got while the check ran, and a short test tone for the speaker
// made with WebAudio (the visitor says whether they heard it: no page can hear its own speaker).
import type { PrecallResult } from '@openconnect/contracts';

/** A level below this is the noise floor of a quiet room, not a voice or a sound. */
export const SILENT_BELOW = 0.02;

/** The microphone's verdict from the loudest level (0–1) seen during the check. */
export function microphoneResult(hasTrack: boolean, peak: number): PrecallResult['microphone'] {
  const bounded = Math.round(Math.min(1, Math.max(0, peak)) * 1000) / 1000;
  if (!hasTrack) return { status: 'none', peak: 0 };
  return { status: bounded >= SILENT_BELOW ? 'ok' : 'silent', peak: bounded };
}

/**
 * Whether the camera of `stream` delivers frames within `timeoutMs`, and their size. Plays the
 * stream in a detached, muted video element and waits for a decoded frame.
 */
export async function checkCamera(
  stream: MediaStream | null,
  timeoutMs = 8000,
): Promise<PrecallResult['camera']> {
  const track = stream?.getVideoTracks()[0];
  if (!stream || !track || track.readyState !== 'live') {
    return { status: 'none', width: null, height: null };
  }
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  try {
    // The first decoded frame: whichever the browser reports first. requestVideoFrameCallback
    // (Safari 15.4, Firefox 132) may wait for a paint a detached element does not get on a busy
    // device; `loadeddata` says the current frame is there.
    const frame = new Promise<boolean>((resolve) => {
      video.requestVideoFrameCallback(() => resolve(true));
      video.addEventListener('loadeddata', () => resolve(true), { once: true });
    });
    await video.play().catch(() => undefined);
    const arrived = await Promise.race([
      frame,
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs)),
    ]);
    if (!arrived || video.videoWidth === 0) {
      return { status: 'noFrames', width: null, height: null };
    }
    return { status: 'ok', width: video.videoWidth, height: video.videoHeight };
  } finally {
    video.pause();
    video.srcObject = null;
  }
}

/** Plays a soft two-note chime of about a second through the default speaker. */
export async function playTestTone(
  createContext: () => AudioContext = () => new AudioContext(),
): Promise<void> {
  const context = createContext();
  try {
    await context.resume();
    const gain = context.createGain();
    gain.connect(context.destination);
    const start = context.currentTime + 0.05;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.25, start + 0.05);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 1.1);
    for (const [frequency, at] of [
      [660, 0],
      [880, 0.35],
    ] as const) {
      const tone = context.createOscillator();
      tone.type = 'sine';
      tone.frequency.value = frequency;
      tone.connect(gain);
      tone.start(start + at);
      tone.stop(start + 1.1);
    }
    await new Promise((resolve) => setTimeout(resolve, 1200));
  } finally {
    await context.close().catch(() => undefined);
  }
}
