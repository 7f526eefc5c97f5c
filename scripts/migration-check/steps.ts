// Runs the check's steps in order, timing each one. The first failure stops the run: every later
// step depends on the earlier ones, and the rest are reported as not run.

/** A step that failed for a reason the operator can act on; its message says which. */
export class CheckFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CheckFailure';
  }
}

export type StepStatus = 'pass' | 'fail' | 'skip';

export interface StepResult {
  readonly name: string;
  readonly title: string;
  readonly status: StepStatus;
  readonly ms: number;
  /** What was seen (pass), what went wrong (fail), or why the step did not run (skip). */
  readonly detail: string;
}

export interface Step {
  /** Stable, short, kebab-case: what scripts and people grep for. */
  readonly name: string;
  readonly title: string;
  /** Returns a short detail of what it saw; a `string` starting with "skipped:" marks a skip. */
  run(signal: AbortSignal): Promise<string>;
}

/** The outcome of a run. */
export interface CheckReport {
  readonly target: string;
  readonly steps: readonly StepResult[];
  readonly ok: boolean;
  readonly failedStep: string | undefined;
  readonly ms: number;
}

const SKIPPED = /^skipped: ?/;

/** The message of any thrown value, on one line, without a stack. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  let message = error.message || error.name;
  // fetch reports "fetch failed" and keeps the reason (ECONNREFUSED, DNS) in its cause.
  const cause = error.cause instanceof Error ? error.cause.message : '';
  if (cause && !message.includes(cause)) message = `${message}: ${cause}`;
  return message.replace(/\s+/g, ' ').trim();
}

/** Runs `steps` one after another with a time limit each; stops at the first failure. */
export async function runSteps(
  target: string,
  steps: readonly Step[],
  timeoutMs: number,
  onResult: (result: StepResult) => void = () => undefined,
): Promise<CheckReport> {
  const started = performance.now();
  const results: StepResult[] = [];
  let failedStep: string | undefined;
  for (const step of steps) {
    if (failedStep) {
      const result: StepResult = {
        name: step.name,
        title: step.title,
        status: 'skip',
        ms: 0,
        detail: `not run: ${failedStep} failed`,
      };
      results.push(result);
      onResult(result);
      continue;
    }
    const t0 = performance.now();
    let result: StepResult;
    try {
      const detail = await runWithin(step, timeoutMs);
      const skipped = SKIPPED.test(detail);
      result = {
        name: step.name,
        title: step.title,
        status: skipped ? 'skip' : 'pass',
        ms: performance.now() - t0,
        detail: detail.replace(SKIPPED, ''),
      };
    } catch (error) {
      failedStep = step.name;
      result = {
        name: step.name,
        title: step.title,
        status: 'fail',
        ms: performance.now() - t0,
        detail: describeError(error),
      };
    }
    results.push(result);
    onResult(result);
  }
  return {
    target,
    steps: results,
    ok: failedStep === undefined,
    failedStep,
    ms: performance.now() - started,
  };
}

/** Runs one step; past `timeoutMs` it is aborted and may say, within a second, what it awaited. */
async function runWithin(step: Step, timeoutMs: number): Promise<string> {
  const controller = new AbortController();
  const running = step.run(controller.signal);
  let timer: NodeJS.Timeout | undefined;
  const elapsed = (ms: number) =>
    new Promise<'elapsed'>((resolve) => {
      timer = setTimeout(() => resolve('elapsed'), ms);
    });
  try {
    const first = await Promise.race([running, elapsed(timeoutMs)]);
    if (first !== 'elapsed') return first;
    controller.abort();
    clearTimeout(timer);
    const late = await Promise.race([
      running.then(
        () => undefined,
        (error: unknown) => error,
      ),
      elapsed(1_000),
    ]);
    const why = late && late !== 'elapsed' ? `: ${describeError(late)}` : '';
    throw new CheckFailure(`not done within ${Math.round(timeoutMs / 1000)} s${why}`);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
