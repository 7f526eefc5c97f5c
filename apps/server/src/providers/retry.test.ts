import { describe, expect, it } from 'vitest';
import { ProviderError } from './provider-error.ts';
import { withRetry } from './retry.ts';

const unavailable = () => new ProviderError('PROVIDER_UNAVAILABLE', 'down', { provider: 'test' });
const denied = () => new ProviderError('PERMISSION_DENIED', 'no', { provider: 'test' });

describe('withRetry', () => {
  it('retries retryable failures with growing delays until one succeeds', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw unavailable();
        return 'ok';
      },
      { attempts: 5, baseDelayMs: 100, sleep: async (ms) => void delays.push(ms) },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(50);
    expect(delays[0]).toBeLessThanOrEqual(150);
    expect(delays[1]).toBeGreaterThanOrEqual(100);
    expect(delays[1]).toBeLessThanOrEqual(300);
  });

  it('gives up after the last attempt with the last error', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls += 1;
          throw unavailable();
        },
        { attempts: 3, baseDelayMs: 1, sleep: async () => undefined },
      ),
    ).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect(calls).toBe(3);
  });

  it('never retries a failure that retrying cannot fix', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls += 1;
          throw denied();
        },
        { attempts: 5, baseDelayMs: 1, sleep: async () => undefined },
      ),
    ).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(calls).toBe(1);
  });
});
