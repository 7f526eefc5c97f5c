// A job that runs every so often and never overlaps itself: a run that is still going when the
// next tick comes is left to finish, and that tick is skipped. The timer never keeps the process
// alive. The waiting-room expiry, the reconciler and the provider health probes run this way.

/** Starts `run` every `everyMs`; returns the function that stops it. */
export function startIntervalJob(options: {
  everyMs: number;
  run: () => Promise<void>;
  /** Told about a failed run; the next tick runs again. */
  onError: (error: unknown) => void;
}): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    options
      .run()
      .catch(options.onError)
      .finally(() => {
        running = false;
      });
  }, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
