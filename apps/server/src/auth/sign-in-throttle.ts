// Slows password guessing without handing anyone a way to lock the owner out. Failures are
// counted per account *and* address, so guesses from elsewhere never delay the owner's own
// sign-in; a success clears the count; past a few free failures each further one doubles the
// wait, capped, instead of a hard lock. Kept in memory: losing it on restart only forgives.

/** Failures allowed per account and address before each further one costs a wait. */
export const FREE_FAILURES = 5;
/** The longest wait between attempts, however many failures. */
export const MAX_DELAY_MS = 15 * 60_000;
/** Failures are forgotten this long after the last one. */
const FORGET_AFTER_MS = 60 * 60_000;

interface Failures {
  count: number;
  last: number;
  blockedUntil: number;
}

export class SignInThrottle {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly maxKeys = 100_000) {}

  private static key(account: string, address: string): string {
    return `${address}\n${account}`;
  }

  /** Seconds this address must wait before trying this account again; 0 when it may try now. */
  wait(account: string, address: string, now = Date.now()): number {
    const entry = this.failures.get(SignInThrottle.key(account, address));
    if (!entry || entry.blockedUntil <= now) return 0;
    return Math.ceil((entry.blockedUntil - now) / 1000);
  }

  /** Records a failed attempt; past FREE_FAILURES each one waits twice as long as the last. */
  failed(account: string, address: string, now = Date.now()): void {
    const key = SignInThrottle.key(account, address);
    let entry = this.failures.get(key);
    if (!entry || now - entry.last > FORGET_AFTER_MS) {
      if (this.failures.size >= this.maxKeys) this.sweep(now);
      entry = { count: 0, last: now, blockedUntil: 0 };
      this.failures.set(key, entry);
    }
    entry.count += 1;
    entry.last = now;
    const over = entry.count - FREE_FAILURES;
    if (over >= 0) entry.blockedUntil = now + Math.min(1000 * 2 ** over, MAX_DELAY_MS);
  }

  /** A correct password clears the count for this account from this address. */
  succeeded(account: string, address: string): void {
    this.failures.delete(SignInThrottle.key(account, address));
  }

  /** How many account-and-address pairs are remembered. */
  get size(): number {
    return this.failures.size;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.failures) {
      if (now - entry.last > FORGET_AFTER_MS) this.failures.delete(key);
    }
    // Still full: forget the oldest rather than grow without bound.
    if (this.failures.size >= this.maxKeys) {
      const oldest = this.failures.keys().next();
      if (!oldest.done) this.failures.delete(oldest.value);
    }
  }
}
