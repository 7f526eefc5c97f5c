// Delivery of webhooks to one URL: an ordered, bounded queue with retries, as LiveKit's URLNotifier
// (a bounded queue that drops when full, go-retryablehttp retrying transport errors, 5xx and 429
// with exponential backoff). Dropped events are counted in the next event's `numDropped`.
import type { WebhookEvent } from '@livekit/protocol';
import { WEBHOOK_CONTENT_TYPE, signWebhook } from './sign.ts';

/** Retry and queue limits. LiveKit's defaults: queue 100, 4 retries, 1 s to 30 s backoff. */
export interface WebhookDeliveryOptions {
  queueSize: number;
  maxRetries: number;
  retryWaitMinMs: number;
  retryWaitMaxMs: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
}

/** LiveKit's delivery defaults. */
export const LIVEKIT_WEBHOOK_DELIVERY: WebhookDeliveryOptions = {
  queueSize: 100,
  maxRetries: 4,
  retryWaitMinMs: 1000,
  retryWaitMaxMs: 30_000,
  timeoutMs: 30_000,
};

/** Counters for tests and logs. */
export interface DeliveryStats {
  sent: number;
  failed: number;
  dropped: number;
}

/** What happened to one event. */
export type DeliveryOutcome = 'sent' | 'failed' | 'dropped';

/** An ordered delivery queue for one webhook URL. */
export class WebhookQueue {
  readonly stats: DeliveryStats = { sent: 0, failed: 0, dropped: 0 };
  private readonly pending: WebhookEvent[] = [];
  private droppedSinceLastSend = 0;
  private running: Promise<void> | undefined;
  private closed = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly url: string,
    private readonly apiKey: string,
    private readonly apiSecret: string,
    private readonly options: WebhookDeliveryOptions,
    private readonly onOutcome: (
      event: WebhookEvent,
      outcome: DeliveryOutcome,
      url: string,
    ) => void,
  ) {}

  /** Queues an event; drops it when the queue is full. */
  push(event: WebhookEvent): void {
    if (this.closed || this.pending.length >= this.options.queueSize) {
      this.drop(event);
      return;
    }
    this.pending.push(event);
    this.running ??= this.drain().finally(() => (this.running = undefined));
  }

  /** Counts an event as dropped without sending it. */
  drop(event: WebhookEvent): void {
    this.droppedSinceLastSend += 1;
    this.stats.dropped += 1;
    this.onOutcome(event, 'dropped', this.url);
  }

  /** Resolves when the queue is empty. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops delivering: waits up to `graceMs` for the queue, then abandons what is left. */
  async close(graceMs: number): Promise<void> {
    this.closed = true;
    const timer = setTimeout(() => this.abort.abort(), graceMs);
    timer.unref();
    await this.idle();
    clearTimeout(timer);
  }

  private async drain(): Promise<void> {
    for (let event = this.pending.shift(); event; event = this.pending.shift()) {
      if (this.abort.signal.aborted) {
        this.drop(event);
        continue;
      }
      event.numDropped = this.droppedSinceLastSend;
      this.droppedSinceLastSend = 0;
      const sent = await this.send(event);
      if (sent) this.stats.sent += 1;
      else {
        this.stats.failed += 1;
        this.droppedSinceLastSend += 1;
      }
      this.onOutcome(event, sent ? 'sent' : 'failed', this.url);
    }
  }

  private async send(event: WebhookEvent): Promise<boolean> {
    const body = event.toJsonString();
    for (let attempt = 0; attempt <= this.options.maxRetries; attempt += 1) {
      if (attempt > 0) await this.backoff(attempt);
      if (this.abort.signal.aborted) return false;
      try {
        const response = await this.abortable(this.options.timeoutMs, (signal) =>
          fetch(this.url, {
            method: 'POST',
            body,
            headers: {
              Authorization: signWebhook(body, this.apiKey, this.apiSecret),
              'Content-Type': WEBHOOK_CONTENT_TYPE,
              'User-Agent': 'LiveKit',
            },
            signal,
          }),
        );
        await response.arrayBuffer().catch(() => undefined);
        const retryable =
          response.status === 429 || (response.status >= 500 && response.status !== 501);
        if (!retryable) return true;
      } catch {
        // Transport error or timeout: retried like go-retryablehttp does.
      }
    }
    return false;
  }

  private async backoff(attempt: number): Promise<void> {
    const wait = Math.min(
      this.options.retryWaitMaxMs,
      this.options.retryWaitMinMs * 2 ** (attempt - 1),
    );
    await this.abortable(
      wait,
      (signal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve())),
    );
  }

  /** Runs `work` with a signal that aborts after `ms` or when the queue is closed for good. */
  private async abortable<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const onClose = () => controller.abort();
    this.abort.signal.addEventListener('abort', onClose, { once: true });
    const timer = setTimeout(() => controller.abort(), ms);
    try {
      return await work(controller.signal);
    } finally {
      clearTimeout(timer);
      this.abort.signal.removeEventListener('abort', onClose);
    }
  }
}
