// Webhooks: events built from registry and egress changes, signed and delivered as LiveKit does.
export { WebhookNotifier } from './notifier.ts';
export type { NotifierEvents, WebhookEventName } from './notifier.ts';
export { LIVEKIT_WEBHOOK_DELIVERY, WebhookQueue } from './queue.ts';
export type { DeliveryOutcome, DeliveryStats, WebhookDeliveryOptions } from './queue.ts';
export { WEBHOOK_CONTENT_TYPE, signWebhook } from './sign.ts';
