// A device menu in the call's control bar, like LiveKit's MediaDeviceMenu: a button that opens
// the list of cameras (or microphones); the one in use is marked pressed. Escape closes it and
// focus returns to the button.
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { DeviceOption } from '../../lobby/devices.ts';
import { Button } from '../../ui/Button.tsx';

interface DeviceMenuProps {
  /** The button's label, e.g. "Choose camera". */
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
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      close();
    }
  }

  return (
    <div className="device-menu" onKeyDown={onKeyDown}>
      <Button
        ref={toggleRef}
        variant="secondary"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        {label}
      </Button>
      {open && (
        <ul id={listId} className="device-menu__list" aria-label={label}>
          {devices.map((device, index) => (
            <li key={device.deviceId}>
              <button
                type="button"
                className="button button--secondary device-menu__item"
                aria-pressed={device.deviceId === activeId}
                // Opening the menu puts focus on the first device, so the keyboard is already there.
                autoFocus={index === 0}
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
