import { describe, expect, it } from 'vitest';
import { watchFirstFrame, type FrameSource } from './first-frame.ts';

/** A video element as far as the watcher cares. */
function fakeVideo(options: { rvfc: boolean; readyState?: number }) {
  const frameCallbacks = new Map<number, () => void>();
  const listeners = new Set<() => void>();
  let next = 1;
  const video: FrameSource = {
    readyState: options.readyState ?? 0,
    addEventListener: (_type, listener) => listeners.add(listener),
    removeEventListener: (_type, listener) => listeners.delete(listener),
    ...(options.rvfc
      ? {
          requestVideoFrameCallback: (callback: () => void) => {
            frameCallbacks.set(next, callback);
            return next++;
          },
          cancelVideoFrameCallback: (handle: number) => frameCallbacks.delete(handle),
        }
      : {}),
  };
  return {
    video,
    frameCallbacks,
    listeners,
    presentFrame: () => [...frameCallbacks.values()].forEach((callback) => callback()),
    loadData: () => [...listeners].forEach((listener) => listener()),
  };
}

describe('watchFirstFrame', () => {
  it('waits for the first presented frame where requestVideoFrameCallback exists', () => {
    const fake = fakeVideo({ rvfc: true });
    let frames = 0;
    watchFirstFrame(fake.video, () => (frames += 1));
    expect(frames).toBe(0);
    fake.presentFrame();
    expect(frames).toBe(1);
    expect(fake.listeners.size).toBe(0);
  });

  it('falls back to loadeddata, once', () => {
    const fake = fakeVideo({ rvfc: false });
    let frames = 0;
    watchFirstFrame(fake.video, () => (frames += 1));
    fake.loadData();
    fake.loadData();
    expect(frames).toBe(1);
  });

  it('counts a video that already has data without waiting for an event', () => {
    const fake = fakeVideo({ rvfc: false, readyState: 2 });
    let frames = 0;
    watchFirstFrame(fake.video, () => (frames += 1));
    expect(frames).toBe(1);
  });

  it('stops waiting when told to', () => {
    const fake = fakeVideo({ rvfc: true });
    let frames = 0;
    const stop = watchFirstFrame(fake.video, () => (frames += 1));
    stop();
    fake.presentFrame();
    expect(frames).toBe(0);
  });
});
