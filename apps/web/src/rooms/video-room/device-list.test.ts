import { describe, expect, it } from 'vitest';
import { createDeviceList, type DeviceSource } from './device-list.ts';

function fakeSource(devices: Array<Pick<MediaDeviceInfo, 'kind' | 'deviceId' | 'label'>>) {
  const listeners = new Set<() => void>();
  const source = {
    enumerateDevices: async () => devices as MediaDeviceInfo[],
    addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
  } as unknown as DeviceSource; // Only the three members the list calls.
  return { source, devices, listeners };
}

const labels = { camera: 'Camera', microphone: 'Microphone' };

describe('the device list', () => {
  it('lists cameras and microphones, naming unlabelled ones', async () => {
    const { source } = fakeSource([
      { kind: 'videoinput', deviceId: 'c1', label: 'Front camera' },
      { kind: 'videoinput', deviceId: 'c2', label: '' },
      { kind: 'audioinput', deviceId: 'm1', label: 'Headset' },
      { kind: 'audiooutput', deviceId: 's1', label: 'Speakers' },
    ]);
    const list = createDeviceList(labels, source);
    await list.refresh();
    expect(list.store.get()).toEqual({
      cameras: [
        { deviceId: 'c1', label: 'Front camera' },
        { deviceId: 'c2', label: 'Camera 2' },
      ],
      microphones: [{ deviceId: 'm1', label: 'Headset' }],
    });
  });

  it('follows devices plugged in while it runs, and stops listening when told', async () => {
    const { source, devices, listeners } = fakeSource([]);
    const list = createDeviceList(labels, source);
    const stop = list.start();
    devices.push({ kind: 'audioinput', deviceId: 'm2', label: 'USB headset' });
    for (const listener of listeners) listener();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(list.store.get().microphones).toEqual([{ deviceId: 'm2', label: 'USB headset' }]);
    stop();
    expect(listeners.size).toBe(0);
  });

  it('stays empty where the browser has no media devices', async () => {
    const list = createDeviceList(labels, undefined);
    await list.refresh();
    expect(list.store.get()).toEqual({ cameras: [], microphones: [] });
  });
});
