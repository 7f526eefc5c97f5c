import { describe, expect, it, vi } from 'vitest';
import {
  classifyMediaError,
  constraintsFor,
  createDevicePreview,
  rmsLevel,
  type MediaEnvironment,
} from './devices.ts';

const labels = { camera: 'Camera', microphone: 'Microphone' };

function fakeTrack(kind: 'audio' | 'video', deviceId: string) {
  return { kind, stop: vi.fn(), getSettings: () => ({ deviceId }) };
}
function fakeStream(tracks: ReturnType<typeof fakeTrack>[]) {
  return {
    getTracks: () => tracks,
    getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'),
    getVideoTracks: () => tracks.filter((t) => t.kind === 'video'),
  } as unknown as MediaStream;
}
const domError = (name: string) => Object.assign(new Error(name), { name });

function env(getUserMedia: (c: MediaStreamConstraints) => Promise<MediaStream>): MediaEnvironment {
  return {
    mediaDevices: {
      getUserMedia: vi.fn(getUserMedia),
      enumerateDevices: async () =>
        [
          { kind: 'videoinput', deviceId: 'cam1', label: 'Front camera' },
          { kind: 'videoinput', deviceId: 'cam2', label: '' },
          { kind: 'audioinput', deviceId: 'mic1', label: 'Headset' },
        ] as MediaDeviceInfo[],
    },
  };
}

describe('classifyMediaError', () => {
  it('names what the visitor can do about each failure', () => {
    expect(classifyMediaError(domError('NotAllowedError'))).toBe('denied');
    expect(classifyMediaError(domError('NotFoundError'))).toBe('noDevices');
    expect(classifyMediaError(domError('NotReadableError'))).toBe('inUse');
    expect(classifyMediaError(new Error('x'))).toBe('unknown');
  });
});

describe('rmsLevel', () => {
  it('is 0 for silence and grows with amplitude, capped at 1', () => {
    expect(rmsLevel(new Uint8Array(64).fill(128))).toBe(0);
    const quiet = rmsLevel(Uint8Array.from({ length: 64 }, (_, i) => (i % 2 ? 138 : 118)));
    const loud = rmsLevel(Uint8Array.from({ length: 64 }, (_, i) => (i % 2 ? 200 : 56)));
    expect(quiet).toBeGreaterThan(0);
    expect(loud).toBeGreaterThan(quiet);
    expect(rmsLevel(Uint8Array.from({ length: 64 }, (_, i) => (i % 2 ? 255 : 0)))).toBe(1);
  });
});

describe('constraintsFor', () => {
  it('asks for the chosen devices exactly', () => {
    const c = constraintsFor({ cameraId: 'cam2', microphoneId: 'mic1' });
    expect(c.audio).toEqual({ deviceId: { exact: 'mic1' } });
    expect((c.video as MediaTrackConstraints).deviceId).toEqual({ exact: 'cam2' });
  });
});

describe('device preview', () => {
  it('opens both devices and lists them, naming unlabelled ones', async () => {
    const stream = fakeStream([fakeTrack('audio', 'mic1'), fakeTrack('video', 'cam1')]);
    const preview = createDevicePreview(
      labels,
      env(async () => stream),
    );
    await preview.start();
    const state = preview.store.get();
    expect(state.status).toBe('ready');
    expect(state.cameras.map((c) => c.label)).toEqual(['Front camera', 'Camera 2']);
    expect(preview.choice()).toEqual({ cameraId: 'cam1', microphoneId: 'mic1' });
  });

  it('reports a refusal without trying further', async () => {
    const e = env(async () => Promise.reject(domError('NotAllowedError')));
    const preview = createDevicePreview(labels, e);
    await preview.start();
    expect(preview.store.get()).toMatchObject({ status: 'failed', problem: 'denied' });
    expect(e.mediaDevices.getUserMedia).toHaveBeenCalledTimes(1);
  });

  it('still previews the microphone when there is no camera', async () => {
    const preview = createDevicePreview(
      labels,
      env(async (c) =>
        c.video
          ? Promise.reject(domError('NotFoundError'))
          : fakeStream([fakeTrack('audio', 'mic1')]),
      ),
    );
    await preview.start();
    expect(preview.store.get()).toMatchObject({ status: 'ready', problem: 'noCamera' });
  });

  it('says so when no device exists at all', async () => {
    const preview = createDevicePreview(
      labels,
      env(async () => Promise.reject(domError('NotFoundError'))),
    );
    await preview.start();
    expect(preview.store.get()).toMatchObject({ status: 'failed', problem: 'noDevices' });
  });

  it('switches camera by stopping the old tracks and opening the chosen one', async () => {
    const first = fakeTrack('video', 'cam1');
    const streams = [fakeStream([first]), fakeStream([fakeTrack('video', 'cam2')])];
    const e = env(async () => streams.shift()!);
    const preview = createDevicePreview(labels, e);
    await preview.start();
    await preview.selectCamera('cam2');
    expect(first.stop).toHaveBeenCalled();
    expect(preview.choice().cameraId).toBe('cam2');
  });

  it('explains that devices need a secure page when the browser offers none', async () => {
    const preview = createDevicePreview(labels, undefined);
    await preview.start();
    expect(preview.store.get()).toMatchObject({ status: 'failed', problem: 'insecure' });
  });
});
