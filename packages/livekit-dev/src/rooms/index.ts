// The room registry's public surface, for the Twirp handlers, webhooks, egress and signal layer.
export { RoomRegistry, LIVEKIT_ROOM_DEFAULTS } from './registry.ts';
export type {
  RoomDefaults,
  RoomOptions,
  JoinOptions,
  ParticipantPatch,
  PermissionInit,
  TrackInit,
} from './registry.ts';
export type { RegistryEvents, RegistryEventName, RoomDataMessage, RoomEndCause } from './events.ts';
export { RoomError } from './errors.ts';
export type { RoomErrorKind } from './errors.ts';
export { newId } from './ids.ts';
export type { IdPrefix } from './ids.ts';
