// The cameras and microphones this browser has, kept current while a call runs (a headset
// plugged in mid-call shows up in the menu). Framework-free; the p2p room's device menus read it.
import { deviceOptions, type DeviceOption } from '../../lobby/devices.ts';
import { createStore, type Store } from '../../store/store.ts';

export interface DeviceListState {
  cameras: readonly DeviceOption[];
  microphones: readonly DeviceOption[];
}

/** The parts of `navigator.mediaDevices` the list uses; tests pass a fake. */
export type DeviceSource = Pick<MediaDevices, 'enumerateDevices'> &
  Partial<Pick<MediaDevices, 'addEventListener' | 'removeEventListener'>>;

export interface DeviceList {
  store: Store<DeviceListState>;
  /** Lists the devices now and on every change; returns the function that stops listening. */
  start(): () => void;
  refresh(): Promise<void>;
}

/** Creates the device list; `labels` name devices the browser gives no label. */
export function createDeviceList(
  labels: { camera: string; microphone: string },
  source: DeviceSource | undefined = globalThis.navigator?.mediaDevices,
): DeviceList {
  const store = createStore<DeviceListState>({ cameras: [], microphones: [] });
  async function refresh(): Promise<void> {
    if (!source) return;
    const devices = await source.enumerateDevices().catch(() => []);
    store.set({
      cameras: deviceOptions(devices, 'videoinput', labels.camera),
      microphones: deviceOptions(devices, 'audioinput', labels.microphone),
    });
  }
  return {
    store,
    refresh,
    start() {
      const onChange = () => void refresh();
      source?.addEventListener?.('devicechange', onChange);
      void refresh();
      return () => source?.removeEventListener?.('devicechange', onChange);
    },
  };
}
