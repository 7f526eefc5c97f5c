// React binding of the call telemetry: reports the room's state changes, reads the media path
// from the call's stats while it is up, and returns a callback ref for the stage so the first
// remote video frame is timed. One set of reports per mounted room.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RoomConnectionState } from '../room-types.ts';
import { watchFirstRemoteFrame } from './first-frame.ts';
import { watchMediaPath, type StatsSource } from './telemetry-media-path.ts';
import { createCallTelemetry, type TelemetryProvider } from './telemetry.ts';

/** Reports the call's timings; put the returned ref on the stage element. */
export function useCallTelemetry(
  provider: TelemetryProvider,
  state: RoomConnectionState,
  /** `performance.now()` when the participant pressed Join or was admitted. */
  startedAt: number | undefined,
  /** The call's connection stats, for the media path (host/srflx/relay, UDP/TCP/TLS). */
  stats?: StatsSource,
): (stage: HTMLElement | null) => (() => void) | undefined {
  const [telemetry] = useState(() =>
    createCallTelemetry({ provider, startedAt: startedAt ?? performance.now() }),
  );
  useEffect(() => telemetry.state(state), [telemetry, state]);
  const source = useRef(stats);
  useEffect(() => {
    source.current = stats;
  });
  const connected = state === 'connected';
  useEffect(() => (connected ? watchMediaPath(() => source.current?.()) : undefined), [connected]);
  return useCallback(
    (stage: HTMLElement | null) =>
      stage ? watchFirstRemoteFrame(stage, () => telemetry.firstFrame()) : undefined,
    [telemetry],
  );
}
