// Camera and microphone before a visit: opens a preview, lists the devices to choose from,
// measures the microphone's level (WebAudio AnalyserNode) and turns getUserMedia failures into
// problems a visitor can fix. Framework-free; the WaitingRoom page renders `store`.
import { createStore, type Store } from '../store/store.ts';

/** Why there is no camera or microphone, in terms a visitor can act on. */
export type MediaProblem =
  /** The visitor or the browser said no to camera and microphone. */
  | 'denied'
  /** Neither a camera nor a microphone is connected. */
  | 'noDevices'
  | 'noCamera'
  | 'noMicrophone'
  /** Another app is using the device, or the system blocked it. */
  | 'inUse'
  /** The page is not a secure context, so the browser offers no devices at all. */
  | 'insecure'
  | 'unknown';

export interface DeviceOption {
  deviceId: string;
  label: string;
}

export interface DevicePreviewState {
  status: 'idle' | 'starting' | 'ready' | 'failed';
  problem: MediaProblem | null;
  stream: MediaStream | null;
  cameras: readonly DeviceOption[];
  microphones: readonly DeviceOption[];
  cameraId: string | null;
  microphoneId: string | null;
  /** Microphone level, 0–1. */
  level: number;
  /** Join without video (set by the pre-call check when the network is poor). */
  audioOnly?: boolean;
}

/** The browser pieces this module uses; tests pass fakes. */
export interface MediaEnvironment {
  mediaDevices: Pick<MediaDevices, 'getUserMedia' | 'enumerateDevices'> &
    Partial<Pick<MediaDevices, 'addEventListener' | 'removeEventListener'>>;
  createAudioContext?: () => AudioContext;
  /** Calls `tick` about every `ms` until the returned stop function runs. */
  every?: (ms: number, tick: () => void) => () => void;
}

/** A visitor's chosen devices, handed from the waiting room to the video room. */
export interface MediaChoice {
  cameraId: string | null;
  microphoneId: string | null;
  /** Join with the camera off and no video received. */
  audioOnly?: boolean;
}

/** Classifies a getUserMedia failure by its DOMException name. */
export function classifyMediaError(error: unknown): MediaProblem {
  const name =
    typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'noDevices';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'inUse';
    default:
      return 'unknown';
  }
}

/** Root-mean-square level of 8-bit time-domain samples (128 = silence), scaled to 0–1. */
export function rmsLevel(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i += 1) {
    const v = ((samples[i] ?? 128) - 128) / 128;
    sum += v * v;
  }
  // Speech sits around 0.05–0.3 RMS; scale so normal speaking fills most of the meter.
  return Math.min(1, Math.sqrt(sum / samples.length) * 3);
}

/** getUserMedia constraints for a choice of devices (any device when none is chosen). */
export function constraintsFor(
  choice: MediaChoice,
  kinds = { audio: true, video: true },
): MediaStreamConstraints {
  return {
    audio:
      kinds.audio && (choice.microphoneId ? { deviceId: { exact: choice.microphoneId } } : true),
    video:
      kinds.video &&
      (choice.cameraId
        ? { deviceId: { exact: choice.cameraId }, width: { ideal: 1280 }, height: { ideal: 720 } }
        : { width: { ideal: 1280 }, height: { ideal: 720 } }),
  };
}

/** The devices of one kind as menu options; unnamed ones (no permission yet) get numbered. */
export function deviceOptions(
  devices: MediaDeviceInfo[],
  kind: MediaDeviceKind,
  fallback: string,
): DeviceOption[] {
  return devices
    .filter((d) => d.kind === kind && d.deviceId !== '')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `${fallback} ${i + 1}` }));
}

const defaultEvery = (ms: number, tick: () => void) => {
  const id = setInterval(tick, ms);
  return () => clearInterval(id);
};

export interface DevicePreview {
  store: Store<DevicePreviewState>;
  /** Opens camera and microphone (again); resolves when the preview runs or failed. */
  start(): Promise<void>;
  selectCamera(deviceId: string): Promise<void>;
  selectMicrophone(deviceId: string): Promise<void>;
  /** The devices to join the call with. */
  choice(): MediaChoice;
  /** Stops every track and the meter. */
  stop(): void;
}

// Whole on purpose: split, it cost ~40 bytes gzip on the visitor's budgeted path.
/** Creates a device preview; `labels` names unlabelled devices ("Camera 1"). */
export function createDevicePreview(
  labels: { camera: string; microphone: string },
  env: MediaEnvironment | undefined = typeof navigator !== 'undefined' && navigator.mediaDevices
    ? { mediaDevices: navigator.mediaDevices, createAudioContext: () => new AudioContext() }
    : undefined,
): DevicePreview {
  const store = createStore<DevicePreviewState>({
    status: 'idle',
    problem: null,
    stream: null,
    cameras: [],
    microphones: [],
    cameraId: null,
    microphoneId: null,
    level: 0,
  });
  const every = env?.every ?? defaultEvery;
  let stopMeter: (() => void) | undefined;
  let generation = 0;
  const patch = (next: Partial<DevicePreviewState>) => store.set((s) => ({ ...s, ...next }));

  function release(): void {
    stopMeter?.();
    stopMeter = undefined;
    store
      .get()
      .stream?.getTracks()
      .forEach((track) => track.stop());
  }

  function meter(stream: MediaStream): void {
    if (!env?.createAudioContext || stream.getAudioTracks().length === 0) return;
    let context: AudioContext;
    try {
      context = env.createAudioContext();
    } catch {
      return; // No WebAudio: the preview works without a meter.
    }
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Uint8Array(analyser.fftSize);
    const stopTicks = every(100, () => {
      analyser.getByteTimeDomainData(samples);
      patch({ level: rmsLevel(samples) });
    });
    stopMeter = () => {
      stopTicks();
      void context.close().catch(() => undefined);
      patch({ level: 0 });
    };
  }

  async function enumerate(): Promise<void> {
    if (!env) return;
    const devices = await env.mediaDevices.enumerateDevices().catch(() => []);
    patch({
      cameras: deviceOptions(devices, 'videoinput', labels.camera),
      microphones: deviceOptions(devices, 'audioinput', labels.microphone),
    });
  }

  /** Tries both devices, then each alone, so one missing device does not hide the other. */
  async function open(
    choice: MediaChoice,
  ): Promise<{ stream: MediaStream | null; problem: MediaProblem | null }> {
    if (!env) return { stream: null, problem: 'insecure' };
    const get = (kinds: { audio: boolean; video: boolean }) =>
      env.mediaDevices.getUserMedia(constraintsFor(choice, kinds));
    try {
      return { stream: await get({ audio: true, video: true }), problem: null };
    } catch (error) {
      const problem = classifyMediaError(error);
      if (problem !== 'noDevices') return { stream: null, problem };
    }
    try {
      return { stream: await get({ audio: true, video: false }), problem: 'noCamera' };
    } catch {
      // No microphone either, or not alone: try the camera alone.
    }
    try {
      return { stream: await get({ audio: false, video: true }), problem: 'noMicrophone' };
    } catch {
      return { stream: null, problem: 'noDevices' };
    }
  }

  async function restart(choice: MediaChoice): Promise<void> {
    const mine = ++generation;
    release();
    patch({ status: 'starting', stream: null, problem: null, ...choice });
    const { stream, problem } = await open(choice);
    if (mine !== generation) {
      stream?.getTracks().forEach((track) => track.stop());
      return;
    }
    if (!stream) {
      patch({ status: 'failed', problem });
      return;
    }
    // Record which devices are really in use, so the menus show them selected.
    const camera = stream.getVideoTracks()[0]?.getSettings().deviceId ?? choice.cameraId;
    const microphone = stream.getAudioTracks()[0]?.getSettings().deviceId ?? choice.microphoneId;
    patch({
      status: 'ready',
      stream,
      problem,
      cameraId: camera ?? null,
      microphoneId: microphone ?? null,
    });
    meter(stream);
    // Labels are only readable once permission was given.
    await enumerate();
  }

  const onDeviceChange = () => void enumerate();

  return {
    store,
    async start() {
      env?.mediaDevices.addEventListener?.('devicechange', onDeviceChange);
      const { cameraId, microphoneId } = store.get();
      await restart({ cameraId, microphoneId });
    },
    selectCamera: (deviceId) =>
      restart({ cameraId: deviceId, microphoneId: store.get().microphoneId }),
    selectMicrophone: (deviceId) =>
      restart({ cameraId: store.get().cameraId, microphoneId: deviceId }),
    choice: () => {
      const { cameraId, microphoneId, audioOnly } = store.get();
      return { cameraId, microphoneId, audioOnly };
    },
    stop() {
      generation += 1;
      env?.mediaDevices.removeEventListener?.('devicechange', onDeviceChange);
      release();
      patch({ status: 'idle', stream: null });
    },
  };
}
