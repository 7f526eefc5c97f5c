// Finds the first remote camera video on the stage and calls back when it shows its first frame:
// requestVideoFrameCallback where the browser has it, the `loadeddata` event otherwise. Both room
// implementations mark tiles the same way (`.tile[data-kind][data-local]`), so one watcher serves.

/** Remote camera videos, in either room implementation. */
export const REMOTE_CAMERA_VIDEO = '.tile[data-kind="camera"]:not([data-local]) video';

/** The parts of a video element the watcher uses (a fake in tests). */
export interface FrameSource {
  readonly readyState: number;
  requestVideoFrameCallback?: (callback: () => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
  addEventListener(type: 'loadeddata', listener: () => void): void;
  removeEventListener(type: 'loadeddata', listener: () => void): void;
}

/** HTMLMediaElement.HAVE_CURRENT_DATA: a frame is there to show. */
const HAVE_CURRENT_DATA = 2;

/** Calls `onFrame` once, when the video presents a frame; returns a function that stops waiting. */
export function watchFirstFrame(video: FrameSource, onFrame: () => void): () => void {
  if (video.requestVideoFrameCallback) {
    const handle = video.requestVideoFrameCallback(() => onFrame());
    return () => video.cancelVideoFrameCallback?.(handle);
  }
  if (video.readyState >= HAVE_CURRENT_DATA) {
    onFrame();
    return () => undefined;
  }
  const listener = () => {
    video.removeEventListener('loadeddata', listener);
    onFrame();
  };
  video.addEventListener('loadeddata', listener);
  return () => video.removeEventListener('loadeddata', listener);
}

/**
 * Watches `stage` until a remote camera video appears, then waits for its first frame; calls
 * `onFrame` once. Returns a function that stops watching.
 */
export function watchFirstRemoteFrame(stage: Element, onFrame: () => void): () => void {
  let stopFrame: (() => void) | undefined;
  let watched: Element | undefined;
  let done = false;
  const observer = new MutationObserver(() => look());
  function finish(): void {
    if (done) return;
    done = true;
    observer.disconnect();
    stopFrame?.();
    onFrame();
  }
  function look(): void {
    const video = stage.querySelector<HTMLVideoElement>(REMOTE_CAMERA_VIDEO);
    // A tile that went away before its first frame hands over to the next remote video.
    if (!video || video === watched) return;
    stopFrame?.();
    watched = video;
    stopFrame = watchFirstFrame(video, finish);
  }
  observer.observe(stage, { childList: true, subtree: true });
  look();
  return () => {
    done = true;
    observer.disconnect();
    stopFrame?.();
  };
}
