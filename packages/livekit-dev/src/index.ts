// Public API of the LiveKit-compatible development server.
export { startLiveKitDevServer } from './server.ts';
export type {
  LiveKitDevServer,
  SignalAttachment,
  SignalContext,
  SignalFactory,
  StartOptions,
} from './server.ts';
export { DEFAULT_PORT, DEV_API_KEY, DEV_API_SECRET, resolveConfig } from './config.ts';
export type { LiveKitDevServerConfig, LiveKitDevServerOptions } from './config.ts';
export { RoomRegistry, RoomError, LIVEKIT_ROOM_DEFAULTS } from './rooms/index.ts';
export type { RegistryEventName, RegistryEvents, RoomDefaults } from './rooms/index.ts';
export { EgressManager } from './egress/index.ts';
export type { RecorderFactory, RecordingJob, RoomRecorder } from './egress/index.ts';
export { Faults } from './faults/index.ts';
export type { TwirpCode } from './twirp/errors.ts';
export { WebhookNotifier } from './webhooks/index.ts';
export type { WebhookEventName } from './webhooks/index.ts';
