// Watches each provider's health: a breaker per provider, fed by periodic health probes and by
// the outcome of real calls. The join flow asks it whether a provider may take new visits.
import type { FastifyBaseLogger } from 'fastify';
import { startIntervalJob } from '../jobs/interval-job.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { BaseVideoProvider } from '../providers/base-video-provider.ts';
import { ProviderError } from '../providers/provider-error.ts';
import type { ProviderSet } from '../providers/provider-set.ts';
import { CircuitBreaker, type CircuitState } from './circuit-breaker.ts';

const stateValue: Record<CircuitState, number> = { closed: 0, half_open: 1, open: 2 };

export interface ProviderHealthOptions {
  failureThreshold?: number;
  cooldownMs?: number;
  probeEveryMs?: number;
}

export class ProviderHealth {
  private readonly breakers = new Map<string, CircuitBreaker>();
  private stopProbes: (() => void) | undefined;

  constructor(
    private readonly providers: ProviderSet,
    private readonly metrics: Metrics,
    private readonly options: ProviderHealthOptions = {},
  ) {
    for (const provider of providers.all()) {
      this.breakers.set(
        provider.type,
        new CircuitBreaker({
          failureThreshold: options.failureThreshold ?? 3,
          cooldownMs: options.cooldownMs ?? 15_000,
        }),
      );
      this.metrics.circuitState.set({ provider: provider.type }, 0);
    }
  }

  private breaker(type: string): CircuitBreaker | undefined {
    return this.breakers.get(type);
  }

  /** Whether the provider may take new visits now. */
  isAvailable(type: string): boolean {
    return this.breaker(type)?.available ?? false;
  }

  state(type: string): CircuitState | undefined {
    return this.breaker(type)?.state;
  }

  /** Feeds the outcome of a real call: only failures that say the service is down count. */
  report(type: string, error?: unknown): void {
    const breaker = this.breaker(type);
    if (!breaker) return;
    if (error === undefined) breaker.recordSuccess();
    else if (error instanceof ProviderError && error.retryable) breaker.recordFailure();
    this.metrics.circuitState.set({ provider: type }, stateValue[breaker.state]);
  }

  /** Probes every provider whose breaker allows it; returns once all probes have answered. */
  async probe(): Promise<void> {
    await Promise.all(
      this.providers.all().map(async (provider: BaseVideoProvider) => {
        const breaker = this.breaker(provider.type);
        if (!breaker?.probeDue) return;
        const health = await provider.health().catch(() => ({ ok: false }));
        if (health.ok) breaker.recordSuccess();
        else breaker.recordFailure();
        this.metrics.circuitState.set({ provider: provider.type }, stateValue[breaker.state]);
      }),
    );
  }

  /** Starts periodic probes. */
  start(log: FastifyBaseLogger): void {
    this.stopProbes?.();
    this.stopProbes = startIntervalJob({
      everyMs: this.options.probeEveryMs ?? 5_000,
      run: () => this.probe(),
      onError: (error) => log.error({ err: error }, 'provider health probe failed'),
    });
  }

  stop(): void {
    this.stopProbes?.();
    this.stopProbes = undefined;
  }
}
