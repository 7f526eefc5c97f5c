// Bounded retries with exponential backoff and jitter, for retryable provider failures only.
import { ProviderError } from './provider-error.ts';

export interface RetryOptions {
  /** Attempts in all, including the first. */
  attempts: number;
  /** Delay before the second attempt; doubles each time, with ±50% jitter. */
  baseDelayMs: number;
  /** Waits between attempts; replaceable in tests. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `operation`, retrying while it throws a retryable ProviderError. */
export async function withRetry<T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      const retryable = error instanceof ProviderError && error.retryable;
      if (!retryable || attempt >= options.attempts) throw error;
      const delay = options.baseDelayMs * 2 ** (attempt - 1);
      await sleep(delay * (0.5 + Math.random()));
    }
  }
}
