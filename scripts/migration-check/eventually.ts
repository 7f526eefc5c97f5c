// Polls until a condition holds: webhooks and egress move state some time after the call that
// caused them.
import { CheckFailure } from './steps.ts';

/** Calls `read` every `everyMs` until `ok` holds; on abort, fails saying what it waited for. */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  waitingFor: string,
  signal: AbortSignal,
  everyMs = 250,
): Promise<T> {
  let last: T | undefined;
  while (!signal.aborted) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  const seen = JSON.stringify(last) ?? 'nothing';
  throw new CheckFailure(
    `gave up waiting for ${waitingFor} (last seen: ${seen.length > 160 ? `${seen.slice(0, 160)}…` : seen})`,
  );
}
