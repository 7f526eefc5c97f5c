// Turns registry and egress changes into LiveKit webhook events (room_started, room_finished,
// participant_joined, participant_left, track_published, track_unpublished, egress_started,
// egress_updated, egress_ended) and hands them to one delivery queue per configured URL.
import { EventEmitter } from 'node:events';
import { WebhookEvent } from '@livekit/protocol';
import type { EgressManager } from '../egress/manager.ts';
import type { Faults } from '../faults/faults.ts';
import { newId } from '../rooms/ids.ts';
import type { RoomRegistry } from '../rooms/registry.ts';
import {
  WebhookQueue,
  type DeliveryOutcome,
  type DeliveryStats,
  type WebhookDeliveryOptions,
} from './queue.ts';

/** The webhook event names this server emits. */
export type WebhookEventName =
  | 'room_started'
  | 'room_finished'
  | 'participant_joined'
  | 'participant_left'
  | 'track_published'
  | 'track_unpublished'
  | 'egress_started'
  | 'egress_updated'
  | 'egress_ended';

/** Notifier event name → listener arguments. */
export interface NotifierEvents {
  /** Every event once its fate at one URL is known. */
  delivery: [event: { webhook: WebhookEvent; outcome: DeliveryOutcome; url: string }];
}

/** Builds webhook events and delivers them. */
export class WebhookNotifier extends EventEmitter<NotifierEvents> {
  private readonly queues: WebhookQueue[];
  private readonly faults: Faults;

  constructor(options: {
    urls: readonly string[];
    apiKey: string;
    apiSecret: string;
    delivery: WebhookDeliveryOptions;
    faults: Faults;
  }) {
    super();
    this.faults = options.faults;
    const report = (webhook: WebhookEvent, outcome: DeliveryOutcome, url: string) =>
      this.emit('delivery', { webhook, outcome, url });
    this.queues = options.urls.map(
      (url) => new WebhookQueue(url, options.apiKey, options.apiSecret, options.delivery, report),
    );
  }

  /** Listens to the registry and the egress manager. */
  attach(registry: RoomRegistry, egress: EgressManager): void {
    registry.on('roomCreated', ({ room }) => this.notify('room_started', { room }));
    registry.on('roomDeleted', ({ room }) => this.notify('room_finished', { room }));
    registry.on('participantJoined', ({ room, participant }) =>
      this.notify('participant_joined', { room, participant }),
    );
    registry.on('participantLeft', ({ room, participant }) =>
      this.notify('participant_left', { room, participant }),
    );
    registry.on('trackPublished', ({ room, participant, track }) =>
      this.notify('track_published', { room, participant, track }),
    );
    registry.on('trackUnpublished', ({ room, participant, track }) =>
      this.notify('track_unpublished', { room, participant, track }),
    );
    egress.on('egressStarted', (egressInfo) => this.notify('egress_started', { egressInfo }));
    egress.on('egressUpdated', (egressInfo) => this.notify('egress_updated', { egressInfo }));
    egress.on('egressEnded', (egressInfo) => this.notify('egress_ended', { egressInfo }));
  }

  /** Queues one event for every URL (or drops it while the fault switch says so). */
  notify(
    name: WebhookEventName,
    fields: Omit<ConstructorParameters<typeof WebhookEvent>[0] & object, 'event'>,
  ): void {
    for (const queue of this.queues) {
      const event = new WebhookEvent({
        ...fields,
        event: name,
        id: newId('EV_'),
        createdAt: BigInt(Math.floor(Date.now() / 1000)),
      });
      if (this.faults.droppingWebhooks) queue.drop(event);
      else queue.push(event);
    }
  }

  /** Delivery counters summed over all URLs. */
  get stats(): DeliveryStats {
    return this.queues.reduce(
      (sum, q) => ({
        sent: sum.sent + q.stats.sent,
        failed: sum.failed + q.stats.failed,
        dropped: sum.dropped + q.stats.dropped,
      }),
      { sent: 0, failed: 0, dropped: 0 },
    );
  }

  /** Resolves when every queue is empty. */
  async idle(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.idle()));
  }

  /** Flushes what it can within `graceMs`, then stops. */
  async close(graceMs = 2000): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close(graceMs)));
  }
}
