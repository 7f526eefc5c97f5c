// LiveKitProvider: rooms through RoomService, join tokens through AccessToken, recording through
// Egress — all with livekit-server-sdk, every failure mapped to a ProviderError, calls bounded by
// a timeout and retried with backoff only when retrying can help.
import type { Capabilities, JoinCredentials } from '@openconnect/contracts';
import {
  EgressClient,
  EgressStatus,
  EncodedFileOutput,
  EncodedFileType,
  ParticipantPermission,
  RoomServiceClient,
  WebhookReceiver,
  type EgressInfo,
  type Room,
} from 'livekit-server-sdk';
import { z } from 'zod';
import {
  BaseVideoProvider,
  Participant,
  RoomOptions,
  type ProviderHealth,
  type ProviderParticipant,
  type ProviderWebhookEvent,
  type JoinOptions,
  type ProviderRoom,
  type RecordingHandle,
} from '../base-video-provider.ts';
import { ProviderError } from '../provider-error.ts';
import { withRetry } from '../retry.ts';
import { mapLiveKitError } from './error-mapping.ts';
import { createJoinToken, MAX_TOKEN_TTL_SECONDS } from './tokens.ts';

export const LiveKitConfig = z.object({
  url: z
    .string({ error: 'LIVEKIT_URL is required' })
    .regex(/^(wss?|https?):\/\//, 'LIVEKIT_URL must start with ws://, wss://, http:// or https://'),
  apiKey: z.string({ error: 'LIVEKIT_API_KEY is required' }).min(1),
  secret: z.string({ error: 'LIVEKIT_SECRET is required' }).min(1),
  requestTimeoutSeconds: z.number().positive().max(60).default(5),
  attempts: z.number().int().min(1).max(6).default(3),
  retryBaseDelayMs: z.number().int().min(1).default(200),
  tokenTtlSeconds: z
    .number()
    .int()
    .min(60)
    .max(MAX_TOKEN_TTL_SECONDS)
    .default(MAX_TOKEN_TTL_SECONDS),
  defaultMaxParticipants: z.number().int().min(2).max(100).default(10),
  /** Directory (on the egress host) where room recordings are written. */
  recordingsDir: z.string().min(1).default('recordings'),
});
export type LiveKitConfig = z.output<typeof LiveKitConfig>;

const PROVIDER = 'livekit';

interface RoomMetadata {
  visitId: string;
  facilityId: string;
  allowScreenShare: boolean;
}

function parseMetadata(room: Room): Partial<RoomMetadata> {
  try {
    return JSON.parse(room.metadata || '{}') as Partial<RoomMetadata>;
  } catch {
    return {};
  }
}

export class LiveKitProvider extends BaseVideoProvider {
  readonly type = 'livekit' as const;
  readonly capabilities: Capabilities;
  private readonly rooms: RoomServiceClient;
  private readonly egress: EgressClient;
  private readonly webhooks: WebhookReceiver;
  /** The URL browsers connect to (ws/wss). */
  private readonly clientUrl: string;

  constructor(private readonly config: LiveKitConfig) {
    super();
    const httpUrl = config.url.replace(/^ws/, 'http');
    this.clientUrl = config.url.replace(/^http/, 'ws');
    const options = { requestTimeout: config.requestTimeoutSeconds };
    this.rooms = new RoomServiceClient(httpUrl, config.apiKey, config.secret, options);
    this.egress = new EgressClient(httpUrl, config.apiKey, config.secret, options);
    this.webhooks = new WebhookReceiver(config.apiKey, config.secret);
    this.capabilities = {
      recording: true,
      screenShare: true,
      reactions: true,
      chat: true,
      maxParticipants: config.defaultMaxParticipants,
    };
  }

  async initialize(): Promise<void> {
    // Nothing to connect: the SDK is stateless HTTP. Reachability is health()'s job, so a LiveKit
    // outage at start leaves OpenConnect running and able to fall back.
  }

  private call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    return withRetry(
      async () => {
        try {
          return await fn();
        } catch (error) {
          throw mapLiveKitError(error, operation);
        }
      },
      { attempts: this.config.attempts, baseDelayMs: this.config.retryBaseDelayMs },
    );
  }

  private invalid(message: string, cause?: unknown): ProviderError {
    return new ProviderError('INVALID_ARGUMENT', message, { provider: PROVIDER, cause });
  }

  async createRoom(input: RoomOptions): Promise<ProviderRoom> {
    const parsed = RoomOptions.safeParse(input);
    if (!parsed.success)
      throw this.invalid(`Invalid room options: ${parsed.error.message}`, parsed.error);
    const options = parsed.data;
    const maxParticipants = options.maxParticipants ?? this.config.defaultMaxParticipants;
    const metadata: RoomMetadata = {
      visitId: options.roomId,
      facilityId: options.facilityId,
      allowScreenShare: options.allowScreenShare,
    };
    // LiveKit's CreateRoom returns the existing room when the name is taken: idempotent.
    const room = await this.call('createRoom', () =>
      this.rooms.createRoom({
        name: options.roomId,
        emptyTimeout: options.emptyTimeoutSeconds,
        departureTimeout: options.departureTimeoutSeconds,
        maxParticipants,
        metadata: JSON.stringify(metadata),
      }),
    );
    return { roomId: options.roomId, providerRoomId: room.sid || room.name, maxParticipants };
  }

  private async findRoom(roomId: string): Promise<Room | undefined> {
    const rooms = await this.call('listRooms', () => this.rooms.listRooms([roomId]));
    return rooms.find((r) => r.name === roomId);
  }

  async joinRoom(
    roomId: string,
    input: Participant,
    options: JoinOptions = {},
  ): Promise<JoinCredentials> {
    const parsed = Participant.safeParse(input);
    if (!parsed.success)
      throw this.invalid(`Invalid participant: ${parsed.error.issues[0]?.message}`, parsed.error);
    const participant = parsed.data;
    const room = await this.findRoom(roomId);
    if (!room) {
      throw new ProviderError(
        'ROOM_NOT_FOUND',
        'The LiveKit room for this visit does not exist (closed or never created).',
        {
          provider: PROVIDER,
        },
      );
    }
    if (room.maxParticipants > 0 && room.numParticipants >= room.maxParticipants) {
      // Someone already in the room (a reload, a dropped connection LiveKit still counts) takes no
      // second seat: LiveKit replaces their old connection before it checks capacity.
      const present = await this.call('listParticipants', () =>
        this.rooms.listParticipants(roomId),
      );
      if (!present.some((p) => p.identity === participant.identity)) {
        throw new ProviderError(
          'ROOM_FULL',
          `This visit is full (${room.maxParticipants} people).`,
          { provider: PROVIDER },
        );
      }
    }
    const metadata = parseMetadata(room);
    const { token, expiresAt } = await createJoinToken({
      apiKey: this.config.apiKey,
      secret: this.config.secret,
      roomName: roomId,
      participant,
      allowScreenShare: metadata.allowScreenShare ?? true,
      ttlSeconds: this.config.tokenTtlSeconds,
      notAfter: options.notAfter,
    });
    return {
      provider: 'livekit',
      url: this.clientUrl,
      token,
      roomId,
      identity: participant.identity,
      displayName: participant.displayName,
      role: participant.role,
      expiresAt: expiresAt.toISOString(),
      capabilities: {
        ...this.capabilities,
        maxParticipants: room.maxParticipants || this.capabilities.maxParticipants,
      },
    };
  }

  async leaveRoom(roomId: string, participantId: string): Promise<void> {
    // Strip every permission first: LiveKit refreshes connected clients' tokens from their current
    // grants, so the last token the removed client holds can no longer publish or subscribe.
    await this.call('removeParticipant', () =>
      this.rooms.updateParticipant(roomId, participantId, {
        permission: new ParticipantPermission({
          canPublish: false,
          canSubscribe: false,
          canPublishData: false,
        }),
      }),
    );
    await this.call('removeParticipant', () => this.rooms.removeParticipant(roomId, participantId));
  }

  async closeRoom(roomId: string): Promise<void> {
    try {
      await this.call('closeRoom', () => this.rooms.deleteRoom(roomId));
    } catch (error) {
      if (error instanceof ProviderError && error.code === 'ROOM_NOT_FOUND') return;
      throw error;
    }
  }

  async listParticipants(roomId: string): Promise<ProviderParticipant[]> {
    let participants;
    try {
      participants = await this.call('listParticipants', () => this.rooms.listParticipants(roomId));
    } catch (error) {
      if (error instanceof ProviderError && error.code === 'ROOM_NOT_FOUND') return [];
      throw error;
    }
    return participants.map((p) => ({
      identity: p.identity,
      displayName: p.name,
      role: p.attributes.role === 'host' ? 'host' : 'visitor',
      joinedAt: new Date(Number(p.joinedAt) * 1000),
    }));
  }

  async health(): Promise<ProviderHealth> {
    const started = performance.now();
    try {
      // One attempt: health is a measurement, not a request that must succeed.
      await this.rooms.listRooms(['openconnect-health-probe']);
      return { ok: true, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      const mapped = mapLiveKitError(error, 'health');
      return {
        ok: false,
        latencyMs: Math.round(performance.now() - started),
        detail: mapped.message,
      };
    }
  }

  override async startRecording(
    roomId: string,
    options: { fileName: string },
  ): Promise<RecordingHandle> {
    // No extension: the egress picks the container and appends it.
    const output = new EncodedFileOutput({
      fileType: EncodedFileType.DEFAULT_FILETYPE,
      filepath: `${this.config.recordingsDir.replace(/\/+$/, '')}/${options.fileName}`,
    });
    try {
      const info = await this.call('startRecording', () =>
        this.egress.startRoomCompositeEgress(roomId, output, { layout: 'grid' }),
      );
      return {
        recordingId: info.egressId,
        status: info.status === EgressStatus.EGRESS_ACTIVE ? 'active' : 'starting',
      };
    } catch (error) {
      if (error instanceof ProviderError && error.code !== 'ROOM_NOT_FOUND') {
        throw new ProviderError('RECORDING_FAILED', `Recording could not start: ${error.message}`, {
          provider: PROVIDER,
          cause: error,
          retryable: error.retryable,
        });
      }
      throw error;
    }
  }

  override async stopRecording(recordingId: string): Promise<void> {
    await this.call('stopRecording', () => this.egress.stopEgress(recordingId));
  }

  override async recordingStatus(recordingId: string): Promise<ProviderWebhookEvent['recording']> {
    const list = await this.call('recordingStatus', () =>
      this.egress.listEgress({ egressId: recordingId }),
    );
    const info = list.find((e) => e.egressId === recordingId);
    return info ? recordingFromEgress(info) : null;
  }

  override async receiveWebhook(
    rawBody: string,
    authorization: string | undefined,
  ): Promise<ProviderWebhookEvent> {
    let event;
    try {
      event = await this.webhooks.receive(rawBody, authorization);
    } catch (error) {
      throw new ProviderError('PERMISSION_DENIED', 'The webhook signature is not valid.', {
        provider: PROVIDER,
        cause: error,
      });
    }
    const kinds: Record<string, ProviderWebhookEvent['kind']> = {
      room_started: 'room_started',
      room_finished: 'room_finished',
      participant_joined: 'participant_joined',
      participant_left: 'participant_left',
      egress_started: 'recording_started',
      egress_updated: 'recording_updated',
      egress_ended: 'recording_ended',
    };
    return {
      id: event.id,
      kind: kinds[event.event] ?? 'other',
      name: event.event,
      roomId: event.room?.name ?? event.egressInfo?.roomName ?? null,
      identity: event.participant?.identity ?? null,
      recording: event.egressInfo ? recordingFromEgress(event.egressInfo) : null,
      createdAt: event.createdAt ? new Date(Number(event.createdAt) * 1000) : null,
    };
  }

  async close(): Promise<void> {
    // Stateless HTTP clients: nothing to release.
  }
}

function recordingFromEgress(info: EgressInfo): NonNullable<ProviderWebhookEvent['recording']> {
  const status: NonNullable<ProviderWebhookEvent['recording']>['status'] =
    info.status === EgressStatus.EGRESS_STARTING
      ? 'starting'
      : info.status === EgressStatus.EGRESS_ACTIVE || info.status === EgressStatus.EGRESS_ENDING
        ? 'active'
        : info.status === EgressStatus.EGRESS_COMPLETE
          ? 'ended'
          : 'failed';
  // Egress names the file it will write from the start; it exists only once the egress completed.
  const file = status === 'ended' ? info.fileResults[0] : undefined;
  return {
    recordingId: info.egressId,
    status,
    location: file ? file.location || file.filename || null : null,
    error: status === 'failed' ? info.error || 'The recording stopped unexpectedly.' : null,
  };
}
