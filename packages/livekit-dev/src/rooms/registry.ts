// The in-memory registry of rooms, participants and tracks: the single source of truth for the
// development server. Twirp handlers and the signal layer change state only through it, and it
// reports every change as an event (see events.ts). Returned objects are snapshots (clones).
import { EventEmitter } from 'node:events';
import {
  DisconnectReason,
  ParticipantInfo,
  ParticipantInfo_State,
  ParticipantPermission,
  Room,
  TrackInfo,
  type ParticipantInfo_Kind,
} from '@livekit/protocol';
import { RoomError } from './errors.ts';
import type { RegistryEvents, RoomDataMessage, RoomEndCause } from './events.ts';
import { newId } from './ids.ts';
import { RoomTimers } from './timers.ts';

/** Plain-object forms the protobuf message classes accept in their constructors. */
export type PermissionInit = NonNullable<ConstructorParameters<typeof ParticipantPermission>[0]>;
export type TrackInit = NonNullable<ConstructorParameters<typeof TrackInfo>[0]>;

/** Defaults applied to rooms that do not set their own (LiveKit's `room:` config section). */
export interface RoomDefaults {
  /** Seconds a room with nobody in it stays open after creation. LiveKit default: 300. */
  emptyTimeout: number;
  /** Seconds a room stays open after its last participant left. LiveKit default: 20. */
  departureTimeout: number;
  /** 0 = unlimited. */
  maxParticipants: number;
  /** Whether joining a room that does not exist creates it. LiveKit default: true. */
  autoCreate: boolean;
}

/** LiveKit's defaults (config-sample.yaml, `room:` section). */
export const LIVEKIT_ROOM_DEFAULTS: RoomDefaults = {
  emptyTimeout: 300,
  departureTimeout: 20,
  maxParticipants: 0,
  autoCreate: true,
};

/** What CreateRoom (or a join's room configuration) may set. */
export interface RoomOptions {
  name: string;
  emptyTimeout?: number;
  departureTimeout?: number;
  maxParticipants?: number;
  metadata?: string;
}

/** Who is joining, as the access token and join request describe them. */
export interface JoinOptions {
  identity: string;
  name?: string;
  metadata?: string;
  attributes?: Record<string, string>;
  permission?: PermissionInit;
  kind?: ParticipantInfo_Kind;
}

/** What UpdateParticipant may change. */
export interface ParticipantPatch {
  name?: string;
  metadata?: string;
  attributes?: Record<string, string>;
  permission?: PermissionInit;
  state?: ParticipantInfo_State;
}

interface RoomRecord {
  room: Room;
  participants: Map<string, ParticipantInfo>;
}

/** Rooms, participants and tracks, with change events. */
export class RoomRegistry extends EventEmitter<RegistryEvents> {
  readonly defaults: RoomDefaults;
  private readonly rooms = new Map<string, RoomRecord>();
  private readonly timers: RoomTimers;

  constructor(defaults: Partial<RoomDefaults> = {}) {
    super();
    this.defaults = { ...LIVEKIT_ROOM_DEFAULTS, ...defaults };
    this.timers = new RoomTimers((name, cause) => this.closeRoom(name, cause));
  }

  /** Creates a room, or returns the existing one unchanged (LiveKit's CreateRoom is idempotent). */
  createRoom(options: RoomOptions): { room: Room; created: boolean } {
    const existing = this.rooms.get(options.name);
    if (existing) return { room: existing.room.clone(), created: false };
    const now = Date.now();
    const room = new Room({
      sid: newId('RM_'),
      name: options.name,
      emptyTimeout: options.emptyTimeout || this.defaults.emptyTimeout,
      departureTimeout: options.departureTimeout || this.defaults.departureTimeout,
      maxParticipants: options.maxParticipants || this.defaults.maxParticipants,
      metadata: options.metadata ?? '',
      creationTime: BigInt(Math.floor(now / 1000)),
      creationTimeMs: BigInt(now),
    });
    this.rooms.set(room.name, { room, participants: new Map() });
    this.timers.armEmpty(room.name, room.emptyTimeout);
    this.emit('roomCreated', { room: room.clone() });
    return { room: room.clone(), created: true };
  }

  /** Returns the room for a join, creating it when auto-create is on; throws when it may not. */
  ensureRoom(name: string, options: Omit<RoomOptions, 'name'> = {}): Room {
    if (!this.rooms.has(name) && !this.defaults.autoCreate) {
      throw new RoomError('room_not_found', `room ${name} does not exist and auto-create is off`);
    }
    return this.createRoom({ ...options, name }).room;
  }

  /** Returns a snapshot of the room, or undefined. */
  getRoom(name: string): Room | undefined {
    return this.rooms.get(name)?.room.clone();
  }

  /** Lists rooms, all of them or those whose names are given. */
  listRooms(names: readonly string[] = []): Room[] {
    const records = [...this.rooms.values()];
    const picked =
      names.length === 0 ? records : records.filter((r) => names.includes(r.room.name));
    return picked.map((r) => r.room.clone());
  }

  /** Closes a room: removes its participants, then reports it deleted. Returns false if unknown. */
  deleteRoom(name: string): boolean {
    return this.closeRoom(name, 'deleted');
  }

  /** Sets a room's metadata. */
  updateRoomMetadata(name: string, metadata: string): Room {
    const record = this.record(name);
    record.room.metadata = metadata;
    this.emit('roomUpdated', { room: record.room.clone() });
    return record.room.clone();
  }

  /**
   * Adds a participant to an existing room (call `ensureRoom` first). A participant already
   * present with the same identity is removed with DUPLICATE_IDENTITY, as LiveKit does.
   * Throws `room_full` when `maxParticipants` is reached.
   */
  joinParticipant(roomName: string, options: JoinOptions): ParticipantInfo {
    const record = this.record(roomName);
    const duplicate = record.participants.get(options.identity);
    const { maxParticipants } = record.room;
    if (!duplicate && maxParticipants > 0 && record.participants.size >= maxParticipants) {
      throw new RoomError(
        'room_full',
        `room ${roomName} is full (${maxParticipants} participants)`,
      );
    }
    if (duplicate)
      this.dropParticipant(record, duplicate, DisconnectReason.DUPLICATE_IDENTITY, true);
    const now = Date.now();
    const participant = new ParticipantInfo({
      sid: newId('PA_'),
      identity: options.identity,
      name: options.name ?? '',
      metadata: options.metadata ?? '',
      attributes: { ...options.attributes },
      permission: new ParticipantPermission({
        canSubscribe: true,
        canPublish: true,
        canPublishData: true,
        ...options.permission,
      }),
      state: ParticipantInfo_State.JOINED,
      joinedAt: BigInt(Math.floor(now / 1000)),
      joinedAtMs: BigInt(now),
      version: 1,
      ...(options.kind === undefined ? {} : { kind: options.kind }),
    });
    record.participants.set(participant.identity, participant);
    this.timers.clear(roomName);
    this.countParticipants(record);
    this.emit('participantJoined', { room: record.room.clone(), participant: participant.clone() });
    return participant.clone();
  }

  /** Removes a participant that left on its own (or whose connection closed). No-op if absent. */
  leaveParticipant(
    roomName: string,
    identity: string,
    reason = DisconnectReason.CLIENT_INITIATED,
  ): void {
    const record = this.rooms.get(roomName);
    const participant = record?.participants.get(identity);
    if (record && participant) this.dropParticipant(record, participant, reason, false);
  }

  /** RemoveParticipant: takes a participant out and asks its connection to close. */
  removeParticipant(roomName: string, identity: string): void {
    const record = this.record(roomName);
    const participant = this.participantIn(record, identity);
    this.dropParticipant(record, participant, DisconnectReason.PARTICIPANT_REMOVED, true);
  }

  /** Returns a snapshot of one participant; throws when the room or participant is unknown. */
  getParticipant(roomName: string, identity: string): ParticipantInfo {
    return this.participantIn(this.record(roomName), identity).clone();
  }

  /** Lists a room's participants; throws when the room is unknown. */
  listParticipants(roomName: string): ParticipantInfo[] {
    return [...this.record(roomName).participants.values()].map((p) => p.clone());
  }

  /** Changes a participant's name, metadata, attributes (merged; "" deletes), permission or state. */
  updateParticipant(roomName: string, identity: string, patch: ParticipantPatch): ParticipantInfo {
    const record = this.record(roomName);
    const participant = this.participantIn(record, identity);
    if (patch.name !== undefined) participant.name = patch.name;
    if (patch.metadata !== undefined) participant.metadata = patch.metadata;
    if (patch.state !== undefined) participant.state = patch.state;
    if (patch.permission) participant.permission = new ParticipantPermission(patch.permission);
    for (const [key, value] of Object.entries(patch.attributes ?? {})) {
      if (value === '') delete participant.attributes[key];
      else participant.attributes[key] = value;
    }
    return this.changed(record, participant);
  }

  /** Records a published track; a sid is generated when the track has none. */
  publishTrack(roomName: string, identity: string, track: TrackInit): TrackInfo {
    const record = this.record(roomName);
    const participant = this.participantIn(record, identity);
    const info = new TrackInfo({ ...track, sid: track.sid || newId('TR_') });
    participant.tracks.push(info);
    participant.isPublisher = true;
    this.countParticipants(record);
    this.changed(record, participant);
    this.emit('trackPublished', {
      room: record.room.clone(),
      participant: participant.clone(),
      track: info.clone(),
    });
    return info.clone();
  }

  /** Removes a published track. */
  unpublishTrack(roomName: string, identity: string, trackSid: string): TrackInfo {
    const record = this.record(roomName);
    const participant = this.participantIn(record, identity);
    const track = this.trackOf(participant, trackSid);
    participant.tracks = participant.tracks.filter((t) => t.sid !== trackSid);
    participant.isPublisher = participant.tracks.length > 0;
    this.countParticipants(record);
    this.changed(record, participant);
    this.emit('trackUnpublished', {
      room: record.room.clone(),
      participant: participant.clone(),
      track,
    });
    return track.clone();
  }

  /** Sets a track's muted flag; `byServer` marks MutePublishedTrack (the client must follow). */
  setTrackMuted(
    roomName: string,
    identity: string,
    trackSid: string,
    muted: boolean,
    byServer = false,
  ): TrackInfo {
    const record = this.record(roomName);
    const participant = this.participantIn(record, identity);
    const track = this.trackOf(participant, trackSid);
    track.muted = muted;
    this.changed(record, participant);
    const snapshot = {
      room: record.room.clone(),
      participant: participant.clone(),
      track: track.clone(),
    };
    this.emit('trackMuted', { ...snapshot, muted, byServer });
    return track.clone();
  }

  /** UpdateSubscriptions: validates the participant and reports the requested change. */
  updateSubscriptions(
    roomName: string,
    identity: string,
    trackSids: string[],
    subscribe: boolean,
  ): void {
    const record = this.record(roomName);
    const participant = this.participantIn(record, identity);
    this.emit('subscriptionsUpdated', {
      room: record.room.clone(),
      participant: participant.clone(),
      trackSids: [...trackSids],
      subscribe,
    });
  }

  /** SendData: reports a message for the room's participants. */
  sendData(roomName: string, message: RoomDataMessage): void {
    const record = this.record(roomName);
    this.emit('dataSent', { room: record.room.clone(), message });
  }

  /** Closes every room (participants removed with SERVER_SHUTDOWN) and stops all timers. */
  close(): void {
    for (const name of [...this.rooms.keys()]) this.closeRoom(name, 'server_shutdown');
    this.timers.clearAll();
  }

  private closeRoom(name: string, cause: RoomEndCause): boolean {
    const record = this.rooms.get(name);
    if (!record) return false;
    this.timers.clear(name);
    const reason =
      cause === 'server_shutdown'
        ? DisconnectReason.SERVER_SHUTDOWN
        : DisconnectReason.ROOM_DELETED;
    for (const participant of [...record.participants.values()]) {
      this.dropParticipant(record, participant, reason, true, false);
    }
    this.rooms.delete(name);
    this.timers.clear(name);
    this.emit('roomDeleted', { room: record.room.clone(), cause });
    return true;
  }

  private dropParticipant(
    record: RoomRecord,
    participant: ParticipantInfo,
    reason: DisconnectReason,
    byServer: boolean,
    armTimers = true,
  ): void {
    const room = record.room;
    for (const track of participant.tracks) {
      this.emit('trackUnpublished', {
        room: room.clone(),
        participant: participant.clone(),
        track: track.clone(),
      });
    }
    record.participants.delete(participant.identity);
    participant.state = ParticipantInfo_State.DISCONNECTED;
    participant.disconnectReason = reason;
    this.countParticipants(record);
    const snapshot = { room: room.clone(), participant: participant.clone(), reason };
    if (byServer) this.emit('participantRemoved', snapshot);
    this.emit('participantLeft', snapshot);
    if (armTimers && record.participants.size === 0)
      this.timers.armDeparture(room.name, room.departureTimeout);
  }

  private changed(record: RoomRecord, participant: ParticipantInfo): ParticipantInfo {
    participant.version += 1;
    this.emit('participantUpdated', {
      room: record.room.clone(),
      participant: participant.clone(),
    });
    return participant.clone();
  }

  private countParticipants(record: RoomRecord): void {
    const all = [...record.participants.values()];
    record.room.numParticipants = all.length;
    record.room.numPublishers = all.filter((p) => p.isPublisher).length;
  }

  private record(name: string): RoomRecord {
    const record = this.rooms.get(name);
    if (!record) throw new RoomError('room_not_found', `requested room does not exist: ${name}`);
    return record;
  }

  private participantIn(record: RoomRecord, identity: string): ParticipantInfo {
    const participant = record.participants.get(identity);
    if (!participant)
      throw new RoomError('participant_not_found', `participant does not exist: ${identity}`);
    return participant;
  }

  private trackOf(participant: ParticipantInfo, trackSid: string): TrackInfo {
    const track = participant.tracks.find((t) => t.sid === trackSid);
    if (!track) throw new RoomError('track_not_found', `track does not exist: ${trackSid}`);
    return track;
  }
}
