// A device menu beside a microphone or camera button in the control bar, like LiveKit's
// MediaDeviceMenu: a small button that opens the list of cameras (or microphones) above the
// bar; the one in use is marked pressed. Escape closes it and focus returns to the button.
// Both providers use it; each hands it its own device list.
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { DeviceOption } from '../../lobby/devices.ts';
import { CallControl } from './ControlBar.tsx';
import { focusOnMount } from '../../ui/focus-on-mount.ts';

interface DeviceMenuProps {
  /** The button's label, e.g. "Choose camera" (a tooltip; always its accessible name). */
  label: string;
  devices: readonly DeviceOption[];
  activeId: string | null;
  onSelect(deviceId: string): void;
}

/** A menu of devices of one kind. */
export function DeviceMenu({ label, devices, activeId, onSelect }: DeviceMenuProps) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  if (devices.length === 0) return null;

  function close() {
    setOpen(false);
    toggleRef.current?.focus();
  }
  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      close();
    }
  }

  return (
    <div className="device-menu" onKeyDown={onKeyDown}>
      <CallControl
        ref={toggleRef}
        icon="caret"
        label={label}
        tipOnly
        className="control--caret"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      />
      {open && (
        <ul id={listId} className="device-menu__list" aria-label={label}>
          {devices.map((device, index) => (
            <li key={device.deviceId}>
              <button
                type="button"
                className="button button--secondary device-menu__item"
                aria-pressed={device.deviceId === activeId}
                // Opening the menu puts focus on the first device, so the keyboard is already there.
                ref={index === 0 ? focusOnMount : undefined}
                onClick={() => {
                  close();
                  if (device.deviceId !== activeId) onSelect(device.deviceId);
                }}
              >
                {device.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
