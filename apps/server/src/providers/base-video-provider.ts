// BaseVideoProvider: the one seam between OpenConnect and a video backend. Providers are dumb
// and honest: they do what is asked or throw a ProviderError. Policy (which provider, fallback,
// rollout) lives above them.
import type { FastifyPluginAsync } from 'fastify';
import type { Capabilities, JoinCredentials, ParticipantRole } from '@openconnect/contracts';
import { z } from 'zod';

export const RoomOptions = z.strictObject({
  /** Our room id (the visit id); providers derive their own names from it. */
  roomId: z.uuid(),
  facilityId: z.uuid(),
  maxParticipants: z.number().int().min(2).max(100).optional(),
  /** Seconds an empty room is kept before the provider may close it. */
  emptyTimeoutSeconds: z.number().int().min(10).max(86_400).default(600),
  /** Seconds after the last participant left before the room closes. */
  departureTimeoutSeconds: z.number().int().min(0).max(3_600).default(60),
  allowScreenShare: z.boolean().default(true),
});
export type RoomOptions = z.input<typeof RoomOptions>;

export const Participant = z.strictObject({
  /** Stable identity chosen by OpenConnect (per staff member or lobby entry). */
  identity: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'identity: letters, digits and _ . : - only'),
  displayName: z.string().trim().min(1).max(120),
  role: z.enum(['host', 'visitor']),
});
export type Participant = z.infer<typeof Participant>;

/** How credentials are issued: `notAfter` caps their lifetime below the provider's own limit. */
export interface JoinOptions {
  notAfter?: Date;
}

export interface ProviderRoom {
  roomId: string;
  /** The provider's own name or id for the room. */
  providerRoomId: string;
  maxParticipants: number;
}

export interface ProviderParticipant {
  identity: string;
  displayName: string;
  role: ParticipantRole;
  joinedAt: Date;
}

export interface ProviderHealth {
  ok: boolean;
  latencyMs: number;
  detail?: string;
}

export interface RecordingHandle {
  recordingId: string;
  status: 'starting' | 'active';
}

/** Someone connected to or left a provider's room, as the provider itself saw it. */
export interface PresenceEvent {
  roomId: string;
  identity: string;
  kind: 'joined' | 'left';
  at: Date;
}

/** A provider's webhook, verified and reduced to what OpenConnect acts on. */
export interface ProviderWebhookEvent {
  /** Unique per event, for de-duplication. */
  id: string;
  kind:
    | 'room_started'
    | 'room_finished'
    | 'participant_joined'
    | 'participant_left'
    | 'recording_started'
    | 'recording_updated'
    | 'recording_ended'
    | 'other';
  /** The provider's name for the event, as received. */
  name: string;
  roomId: string | null;
  identity: string | null;
  recording: {
    recordingId: string;
    status: 'starting' | 'active' | 'ended' | 'failed';
    location: string | null;
    error: string | null;
  } | null;
  createdAt: Date | null;
}

/** The contract every video provider implements. */
export abstract class BaseVideoProvider {
  /** The name used in PROVIDER_TYPE and in JoinCredentials.provider. */
  abstract readonly type: JoinCredentials['provider'];
  abstract readonly capabilities: Capabilities;
  /** Routes the provider serves on OpenConnect's own server (p2p signaling), if any. */
  readonly routes?: FastifyPluginAsync;

  /** Connects to the backend and checks configuration; called once at start. */
  abstract initialize(): Promise<void>;

  /** Creates the room, or returns the existing one (idempotent). */
  abstract createRoom(options: RoomOptions): Promise<ProviderRoom>;

  /**
   * Issues credentials for one participant of one room; with `notAfter`, they (and any TURN
   * credentials issued with them) expire by then at the latest: a scheduled visit's end.
   */
  abstract joinRoom(
    roomId: string,
    participant: Participant,
    options?: JoinOptions,
  ): Promise<JoinCredentials>;

  /** Removes a participant; PARTICIPANT_NOT_FOUND when they are not in the room. */
  abstract leaveRoom(roomId: string, participantId: string): Promise<void>;

  /** Closes the room and disconnects everyone; closing a closed or unknown room succeeds. */
  abstract closeRoom(roomId: string): Promise<void>;

  /** Who is in the room now, for reconciliation. */
  abstract listParticipants(roomId: string): Promise<ProviderParticipant[]>;

  /** Whether the backend answers, and how fast. */
  abstract health(): Promise<ProviderHealth>;

  /** Starts recording the room; only when `capabilities.recording`. */
  startRecording?(roomId: string, options: { fileName: string }): Promise<RecordingHandle>;

  /** Stops a recording started by startRecording. */
  stopRecording?(recordingId: string): Promise<void>;

  /**
   * Verifies a webhook's signature on the raw body and decodes it; throws PERMISSION_DENIED for a
   * bad signature, tampered body, wrong key or expired token. Only providers that send webhooks.
   */
  receiveWebhook?(
    rawBody: string,
    authorization: string | undefined,
  ): Promise<ProviderWebhookEvent>;

  /** The current state of a recording, for reconciliation when webhooks were missed. */
  recordingStatus?(recordingId: string): Promise<ProviderWebhookEvent['recording']>;

  /**
   * Follows joins and departures as they happen, for providers that see them in this process
   * (p2p signaling). Providers that report by webhook leave this out. Returns the unsubscribe.
   */
  onPresence?(listener: (event: PresenceEvent) => void): () => void;

  /** Releases connections and timers; called once at shutdown. */
  abstract close(): Promise<void>;
}
