// A circuit breaker per provider: after repeated failures it opens and the provider is not used
// for new visits; after a cool-down one probe (a health check) decides whether it closes again.
export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses before a probe may run. */
  cooldownMs: number;
  now?: () => number;
}

export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.cooldownMs) {
      this.current = 'half_open';
    }
    return this.current;
  }

  /** Whether new work may go to the provider now. Half-open waits for its probe. */
  get available(): boolean {
    return this.state === 'closed';
  }

  /** Whether a probe should run now (closed circuits are probed too, to notice outages). */
  get probeDue(): boolean {
    return this.state !== 'open';
  }

  recordSuccess(): void {
    this.failures = 0;
    this.current = 'closed';
  }

  recordFailure(): void {
    this.failures += 1;
    if (this.current === 'half_open' || this.failures >= this.options.failureThreshold) {
      this.current = 'open';
      this.openedAt = this.now();
    }
  }
}
