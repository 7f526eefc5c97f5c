// The countdown at the end of a scheduled visit's call: hidden until five minutes before the end,
// then the time left, then "over". Pure functions: the time is always passed in.
import type { COUNTDOWN_FROM_MS as CountdownFromMs } from '@openconnect/contracts';

/**
 * From this long before the end, everyone in the call sees the countdown: the contracts' value,
 * typed from them (a change there fails the build here) but not imported, which would bring zod
 * into the call's and the invite page's chunks.
 */
const COUNTDOWN_FROM_MS: typeof CountdownFromMs = 300_000;

/** The end of a call as it is shown: nothing until 5 minutes before, then the time left. */
export type Countdown =
  | { phase: 'hidden' }
  | {
      phase: 'counting';
      /** "4:05": minutes and seconds left, for the eye. */
      clock: string;
      /** Whole minutes left, rounded up: what is announced, once per minute. */
      minutes: number;
    }
  | { phase: 'over' };

/** The countdown at `now` for a visit ending at `endsAt`. */
export function countdown(endsAt: string, now: number): Countdown {
  const left = Date.parse(endsAt) - now;
  if (Number.isNaN(left) || left > COUNTDOWN_FROM_MS) return { phase: 'hidden' };
  if (left <= 0) return { phase: 'over' };
  const seconds = Math.ceil(left / 1000);
  const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  return { phase: 'counting', clock, minutes: Math.ceil(left / 60_000) };
}

/** How long to wait before the countdown next changes what it shows (at most a second). */
export function msUntilNextTick(endsAt: string, now: number): number {
  const left = Date.parse(endsAt) - now;
  if (left > COUNTDOWN_FROM_MS) return Math.min(left - COUNTDOWN_FROM_MS, 60_000);
  const intoSecond = left % 1000;
  return intoSecond > 0 ? intoSecond : 1000;
}
