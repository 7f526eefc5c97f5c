// Call timings the browser reports to `POST /api/v1/telemetry`: time from Join (or admission) to
// connected, time to the first remote video frame (each once per call), and every reconnect.
// Reports are fire-and-forget: keepalive so they survive the page closing, no retries, and a
// failure (rate limit, offline) never reaches the call.
import type { TelemetryBody } from '@openconnect/contracts';
import type { RoomConnectionState } from '../room-types.ts';
import { noteCallTiming } from '../../reports/call-record.ts';

export type TelemetryProvider = TelemetryBody['provider'];

/**
 * The endpoint, spelled out rather than built with api/client.ts: importing the client here made
 * the bundler split it out of the entry into a chunk of its own, one more request for visitors.
 */
const TELEMETRY_URL = '/api/v1/telemetry';

/** The server refuses timings above this (10 minutes); a call that slow is not a timing. */
const MAX_VALUE_MS = 600_000;

export type SendTelemetry = (report: TelemetryBody) => void;

/** The `fetch` reports go through; tests pass a fake one. */
export type TelemetryFetch = (input: string, init: RequestInit) => Promise<unknown>;

/** Posts one report without waiting for or looking at the answer. */
export function sendTelemetry(
  report: TelemetryBody,
  fetchImpl: TelemetryFetch = (input, init) => fetch(input, init),
): void {
  noteCallTiming(report);
  try {
    fetchImpl(TELEMETRY_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(report),
      credentials: 'same-origin',
      keepalive: true,
    }).catch(() => undefined);
  } catch {
    // A fetch that throws at once (no network stack, a blocked keepalive) loses one report only.
  }
}

export interface CallTelemetryOptions {
  provider: TelemetryProvider;
  /** When the participant pressed Join or was admitted, on the `now` clock. */
  startedAt: number;
  /** Milliseconds on a monotonic clock; `performance.now()` by default. */
  now?: () => number;
  send?: SendTelemetry;
}

export interface CallTelemetry {
  /** The room's connection state, as it changes. */
  state(state: RoomConnectionState): void;
  /** The first remote video frame was shown. */
  firstFrame(): void;
}

/** The reports of one call. */
export function createCallTelemetry(options: CallTelemetryOptions): CallTelemetry {
  const now = options.now ?? (() => performance.now());
  const send = options.send ?? ((report) => sendTelemetry(report));
  const { provider } = options;
  let connected = false;
  let framed = false;
  let last: RoomConnectionState | undefined;

  function timing(kind: 'time_to_connected' | 'time_to_first_frame'): void {
    const valueMs = Math.round(now() - options.startedAt);
    if (valueMs < 0 || valueMs > MAX_VALUE_MS) return;
    send({ provider, kind, valueMs });
  }

  return {
    state(state) {
      if (state === last) return;
      const previous = last;
      last = state;
      if (state === 'connected' && !connected) {
        connected = true;
        timing('time_to_connected');
      } else if (state === 'reconnecting' && previous === 'connected') {
        send({ provider, kind: 'reconnect' });
      }
    },
    firstFrame() {
      if (framed) return;
      framed = true;
      timing('time_to_first_frame');
    },
  };
}
