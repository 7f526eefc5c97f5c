// The visitor's pre-call check, framework-free: runs the camera, microphone and network parts
// together, asks the visitor about the test tone, grades the network, and sends the result to the
// server after the automatic parts and again once the visitor answered about the tone, so staff
// see it as soon as there is something to see. Check.tsx renders `store`.
import type { PrecallGrade, PrecallIceConfig, PrecallResult } from '@openconnect/contracts';
import type { DevicePreview, DevicePreviewState } from '../lobby/devices.ts';
import { createStore, type Store } from '../store/store.ts';
import { checkCamera, microphoneResult } from './device-check.ts';
import { gradeNetwork, type NetworkMeasurement } from './grading.ts';
import { runNetworkTest } from './network-test.ts';

export interface PrecallCheckState {
  status: 'idle' | 'running' | 'done';
  camera: PrecallResult['camera'] | null;
  microphone: PrecallResult['microphone'] | null;
  speaker: PrecallResult['speaker'];
  network: PrecallResult['network'] | null;
  /** Whether the result reached the server (staff see it); false when sending failed. */
  shared: boolean | null;
}

export interface PrecallCheckDeps {
  preview: DevicePreview;
  fetchIce(): Promise<PrecallIceConfig>;
  saveResult(result: PrecallResult): Promise<void>;
  testNetwork?: (ice: PrecallIceConfig) => Promise<NetworkMeasurement>;
  testCamera?: (stream: MediaStream | null) => Promise<PrecallResult['camera']>;
  /** How long the check waits for a preview that is still opening the camera (15 s). */
  previewWaitMs?: number;
}

export interface PrecallCheck {
  store: Store<PrecallCheckState>;
  run(): Promise<void>;
  /** The visitor's answer about the test tone. */
  answerSpeaker(heard: boolean): Promise<void>;
}

const initial: PrecallCheckState = {
  status: 'idle',
  camera: null,
  microphone: null,
  speaker: 'skipped',
  network: null,
  shared: null,
};

const unreachable: NetworkMeasurement = {
  connected: false,
  relayed: false,
  rttMs: null,
  bitrateKbps: null,
  lossPercent: null,
};

/** The network part graded. */
export function gradedNetwork(m: NetworkMeasurement): PrecallResult['network'] {
  const grade: PrecallGrade = gradeNetwork(m);
  return { grade, ...m };
}

/** The preview once it is no longer starting, or as it is after `timeoutMs`. */
function settledPreview(preview: DevicePreview, timeoutMs: number): Promise<DevicePreviewState> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop();
      resolve(preview.store.get());
    };
    const timer = setTimeout(done, timeoutMs);
    const stop = preview.store.subscribe(() => {
      if (preview.store.get().status !== 'starting') done();
    });
    if (preview.store.get().status !== 'starting') done();
  });
}

/** Creates the check for one waiting visitor. */
export function createPrecallCheck(deps: PrecallCheckDeps): PrecallCheck {
  const store = createStore<PrecallCheckState>(initial);
  const testNetwork = deps.testNetwork ?? ((ice) => runNetworkTest(ice));
  const testCamera = deps.testCamera ?? ((stream) => checkCamera(stream));
  const patch = (next: Partial<PrecallCheckState>) => store.set((s) => ({ ...s, ...next }));

  async function share(): Promise<void> {
    const { camera, microphone, speaker, network } = store.get();
    if (!camera || !microphone || !network) return;
    try {
      await deps.saveResult({ camera, microphone, speaker, network });
      patch({ shared: true });
    } catch {
      patch({ shared: false });
    }
  }

  return {
    store,
    async run() {
      if (store.get().status === 'running') return;
      patch({ ...initial, speaker: store.get().speaker, status: 'running' });
      // A visitor may run the check before the camera has opened (a slow phone asks for it
      // as the waiting room opens): test what the preview ends up with, not its first moment.
      const preview = await settledPreview(deps.preview, deps.previewWaitMs ?? 15_000);
      const stream = preview.stream;
      // The loudest the microphone got while the check ran (the meter keeps updating the store).
      let peak = preview.level;
      const stopListening = deps.preview.store.subscribe(() => {
        peak = Math.max(peak, deps.preview.store.get().level);
      });
      const [camera, network] = await Promise.all([
        testCamera(stream),
        deps.fetchIce().then(testNetwork, () => unreachable),
      ]);
      stopListening();
      const hasMic = (deps.preview.store.get().stream?.getAudioTracks().length ?? 0) > 0;
      patch({
        camera,
        microphone: microphoneResult(hasMic, peak),
        network: gradedNetwork(network),
        status: 'done',
      });
      await share();
    },
    async answerSpeaker(heard) {
      patch({ speaker: heard ? 'heard' : 'notHeard' });
      await share();
    },
  };
}
