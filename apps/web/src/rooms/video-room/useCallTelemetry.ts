// React binding of the call telemetry: reports the room's state changes, and returns a callback
// ref for the stage so the first remote video frame is timed. One set of reports per mounted room.
import { useCallback, useEffect, useState } from 'react';
import type { RoomConnectionState } from '../room-types.ts';
import { watchFirstRemoteFrame } from './first-frame.ts';
import { createCallTelemetry, type TelemetryProvider } from './telemetry.ts';

/** Reports the call's timings; put the returned ref on the stage element. */
export function useCallTelemetry(
  provider: TelemetryProvider,
  state: RoomConnectionState,
  /** `performance.now()` when the participant pressed Join or was admitted. */
  startedAt: number | undefined,
): (stage: HTMLElement | null) => (() => void) | undefined {
  const [telemetry] = useState(() =>
    createCallTelemetry({ provider, startedAt: startedAt ?? performance.now() }),
  );
  useEffect(() => telemetry.state(state), [telemetry, state]);
  return useCallback(
    (stage: HTMLElement | null) =>
      stage ? watchFirstRemoteFrame(stage, () => telemetry.firstFrame()) : undefined,
    [telemetry],
  );
}
