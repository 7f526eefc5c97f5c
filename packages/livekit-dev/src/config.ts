// Options of the development server and their defaults. The defaults match `livekit-server --dev`
// (port 7880, key `devkey`, secret `secret`), except that it binds 127.0.0.1 only.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RoomDefaults } from './rooms/registry.ts';
import type { RoomServiceLimits } from './twirp/room-service.ts';
import { LIVEKIT_WEBHOOK_DELIVERY, type WebhookDeliveryOptions } from './webhooks/queue.ts';
import { LIVEKIT_ROOM_DEFAULTS } from './rooms/registry.ts';

/** What `startLiveKitDevServer` accepts; every field is optional. */
export interface LiveKitDevServerOptions {
  /** TCP port; 0 picks a free one. Default 7880. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** Default `devkey`. */
  apiKey?: string;
  /** Default `secret`. */
  apiSecret?: string;
  /** URLs that receive webhooks, signed with `apiKey`/`apiSecret`. */
  webhookUrls?: string[];
  /** Where egress files are written. Default `<os tmpdir>/livekit-dev-recordings`. */
  recordingsDir?: string;
  /** Room defaults (LiveKit's `room:` config). */
  room?: Partial<RoomDefaults>;
  /** API limits (LiveKit's `limit:` config and `room.enable_remote_unmute`). */
  limits?: Partial<RoomServiceLimits>;
  /** Webhook queue and retry settings. */
  webhookDelivery?: Partial<WebhookDeliveryOptions>;
  /** Log sink; silent by default. */
  log?: (message: string) => void;
}

/** Options with defaults applied, frozen. */
export interface LiveKitDevServerConfig {
  readonly port: number;
  readonly host: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly webhookUrls: readonly string[];
  readonly recordingsDir: string;
  readonly room: Readonly<RoomDefaults>;
  readonly limits: Readonly<Partial<RoomServiceLimits>>;
  readonly webhookDelivery: Readonly<WebhookDeliveryOptions>;
  readonly log: (message: string) => void;
}

/** The credentials `livekit-server --dev` uses. */
export const DEV_API_KEY = 'devkey';
export const DEV_API_SECRET = 'secret';
export const DEFAULT_PORT = 7880;

/** Applies defaults. */
export function resolveConfig(options: LiveKitDevServerOptions = {}): LiveKitDevServerConfig {
  return Object.freeze({
    port: options.port ?? DEFAULT_PORT,
    host: options.host ?? '127.0.0.1',
    apiKey: options.apiKey ?? DEV_API_KEY,
    apiSecret: options.apiSecret ?? DEV_API_SECRET,
    webhookUrls: Object.freeze([...(options.webhookUrls ?? [])]),
    recordingsDir: options.recordingsDir ?? join(tmpdir(), 'livekit-dev-recordings'),
    room: Object.freeze({ ...LIVEKIT_ROOM_DEFAULTS, ...options.room }),
    limits: Object.freeze({ ...options.limits }),
    webhookDelivery: Object.freeze({ ...LIVEKIT_WEBHOOK_DELIVERY, ...options.webhookDelivery }),
    log: options.log ?? (() => {}),
  });
}
