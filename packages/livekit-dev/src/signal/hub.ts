// The signal layer's view of all rooms: live sessions by participant sid, the registry events
// turned into signal messages (participant updates, subscriptions, mutes, room updates), data
// packet relay, and the periodic active-speaker and connection-quality reports.
import {
  ConnectionQuality,
  ConnectionQualityInfo,
  ConnectionQualityUpdate,
  DataPacket,
  DataPacket_Kind,
  DisconnectReason,
  MuteTrackRequest,
  ParticipantUpdate,
  RoomUpdate,
  SpeakerInfo,
  SpeakersChanged,
  UserPacket,
  type LeaveRequest_Action,
  type ParticipantInfo,
  type Room,
  type TrackInfo,
  type UpdateParticipantMetadata,
} from '@livekit/protocol';
import type { RegistryEvents, RoomRegistry, TrackInit } from '../rooms/index.ts';
import type { ParticipantSession } from './session.ts';
import type { SinkStats } from '../sfu/published-track.ts';

/** Audio level above which a participant counts as speaking (0..1, 1 = 0 dBov). */
const SPEAKING_LEVEL = 0.02;
const SPEAKER_INTERVAL_MS = 400;
const QUALITY_INTERVAL_MS = 5000;

/** Counters of what clients did on the signal paths (for tests and diagnostics). */
export interface SignalStats {
  /** Sessions joined on `/rtc` (publisher and subscriber connections). */
  joinedV0: number;
  /** Sessions joined on `/rtc/v1` (single peer connection). */
  joinedV1: number;
  /** Sessions resumed, on either path. */
  resumed: number;
  /** Resumes of a session the server no longer has (the client is told to rejoin). */
  resumesRefused: number;
  /** WebSocket upgrades refused with an HTTP error, by status. */
  refused: Record<number, number>;
  /** MediaSectionsRequirements sent to single peer connection clients (renegotiation requests). */
  mediaSectionRequests: number;
  /** Receive sections those requirements asked for, by kind. */
  requestedSections: { audio: number; video: number };
}

/** What the SFU sees of one published track (for tests, benchmarks and diagnostics). */
export interface TrackMediaStats {
  trackSid: string;
  identity: string;
  kind: 'audio' | 'video';
  /** TrackSource (1 camera, 2 microphone, 3 screen share, 4 screen share audio). */
  source: number;
  packetsReceived: number;
  /** Packets received per simulcast layer (0 low … 2 high); a paused layer stops growing. */
  layerPackets: Record<number, number>;
  packetsForwarded: number;
  keyframeRequests: number;
  /** What each receiver of the track is being sent (layer, packets, switches). */
  receivers: SinkStats[];
  /** The SSRCs seen per layer. */
  layerSsrcs: Record<number, number[]>;
}

/** Live sessions and the glue between the registry and the signal connections. */
export class SignalHub {
  readonly resumeGraceMs: number;
  /** How long dynacast waits before it pauses layers nobody watches any more. */
  readonly dynacastPauseDelayMs?: number;
  readonly stats: SignalStats = {
    joinedV0: 0,
    joinedV1: 0,
    resumed: 0,
    resumesRefused: 0,
    refused: {},
    mediaSectionRequests: 0,
    requestedSections: { audio: 0, video: 0 },
  };
  private readonly sessions = new Map<string, ParticipantSession>();
  private readonly speaking = new Map<string, number>();
  /** Running recordings (egress ids) per room, for `Room.activeRecording`. */
  private readonly recordings = new Map<string, Set<string>>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly detach: () => void;

  constructor(
    readonly registry: RoomRegistry,
    options: {
      resumeGraceMs?: number;
      dynacastPauseDelayMs?: number;
      log?: (message: string, error?: unknown) => void;
    } = {},
  ) {
    this.resumeGraceMs = options.resumeGraceMs ?? 15_000;
    this.dynacastPauseDelayMs = options.dynacastPauseDelayMs;
    this.log = options.log ?? (() => undefined);
    this.detach = this.listen();
    this.timers.push(setInterval(() => this.reportSpeakers(), SPEAKER_INTERVAL_MS));
    this.timers.push(setInterval(() => this.reportQuality(), QUALITY_INTERVAL_MS));
  }

  /** Diagnostic logger (silent unless the server passes one). */
  readonly log: (message: string, error?: unknown) => void;

  /** Registers a session that has just joined. */
  add(session: ParticipantSession): void {
    this.sessions.set(session.sid, session);
  }

  /** Returns a live session by participant sid. */
  get(sid: string): ParticipantSession | undefined {
    return this.sessions.get(sid);
  }

  /** Sessions currently in a room. */
  /** The live sessions of a participant identity (in any room). */
  ofIdentity(identity: string): ParticipantSession[] {
    return [...this.sessions.values()].filter((s) => s.identity === identity && !s.isClosed);
  }

  inRoom(roomName: string): ParticipantSession[] {
    return [...this.sessions.values()].filter((s) => s.roomName === roomName && !s.isClosed);
  }

  /** Media counters of every track published in a room. */
  mediaStats(roomName: string): TrackMediaStats[] {
    return this.inRoom(roomName).flatMap((session) =>
      [...session.tracks.values()].map(({ info, media }) => ({
        trackSid: media.sid,
        identity: session.identity,
        kind: media.kind,
        source: info.source,
        packetsReceived: media.packetsReceived,
        layerPackets: media.layerPackets,
        packetsForwarded: media.packetsForwarded,
        keyframeRequests: media.keyframeRequests,
        receivers: media.sinkStats,
        layerSsrcs: media.layerSsrcs,
      })),
    );
  }

  /** Whether a room is being recorded. */
  isRecording(roomName: string): boolean {
    return (this.recordings.get(roomName)?.size ?? 0) > 0;
  }

  /** Marks a recording of a room as started or stopped and tells the room when that changes. */
  setRecording(roomName: string, egressId: string, active: boolean): void {
    const before = this.isRecording(roomName);
    const running = this.recordings.get(roomName) ?? new Set<string>();
    if (active) running.add(egressId);
    else running.delete(egressId);
    if (running.size > 0) this.recordings.set(roomName, running);
    else this.recordings.delete(roomName);
    const room = this.registry.getRoom(roomName);
    if (room && before !== this.isRecording(roomName)) this.broadcastRoom(room);
  }

  /** Returns a room snapshot with the SFU's view of it (active recording) filled in. */
  describeRoom(room: Room): Room {
    room.activeRecording = this.isRecording(room.name);
    return room;
  }

  /** Ends a session: closes its connections and removes the participant from the registry. */
  async endSession(
    session: ParticipantSession,
    reason: DisconnectReason,
    action?: LeaveRequest_Action,
  ): Promise<void> {
    this.sessions.delete(session.sid);
    const closing = session.close(reason, action);
    this.registry.leaveParticipant(session.roomName, session.identity, reason);
    await closing;
  }

  /** Records a track in the registry (which announces it to the room). */
  publishTrack(session: ParticipantSession, track: TrackInit): TrackInfo {
    return this.registry.publishTrack(session.roomName, session.identity, track);
  }

  /** Removes a track from the registry (which tells the room and ends its subscriptions). */
  unpublishTrack(session: ParticipantSession, trackSid: string): void {
    this.registry.unpublishTrack(session.roomName, session.identity, trackSid);
  }

  /** Applies a client's mute request. */
  setMuted(session: ParticipantSession, trackSid: string, muted: boolean): void {
    if (!session.tracks.has(trackSid)) return;
    this.registry.setTrackMuted(session.roomName, session.identity, trackSid, muted);
  }

  /** Subscribes (or unsubscribes) a session to a track of another participant in its room. */
  setSubscribed(session: ParticipantSession, trackSid: string, subscribe: boolean): void {
    if (!subscribe) {
      session.subscriber.unsubscribe(trackSid);
      return;
    }
    for (const publisher of this.inRoom(session.roomName)) {
      const track = publisher.tracks.get(trackSid);
      if (!track || publisher === session) continue;
      session.subscriber.subscribe(track.media, {
        publisherSid: publisher.sid,
        trackSid,
        mimeType: track.info.mimeType,
        settings: session.settingsFor(trackSid),
      });
    }
  }

  /** Subscribes a newly joined session to everything already published in its room. */
  subscribeToExisting(session: ParticipantSession): void {
    if (!session.autoSubscribe) return;
    for (const other of this.inRoom(session.roomName)) {
      if (other === session) continue;
      for (const sid of other.tracks.keys()) this.setSubscribed(session, sid, true);
    }
  }

  /** Applies UpdateParticipantMetadata from a client. */
  updateMetadata(session: ParticipantSession, update: UpdateParticipantMetadata): void {
    this.registry.updateParticipant(session.roomName, session.identity, {
      ...(update.name ? { name: update.name } : {}),
      ...(update.metadata ? { metadata: update.metadata } : {}),
      attributes: update.attributes,
    });
  }

  /** Relays a DataPacket from one participant to the others (or to its destination identities). */
  relayData(from: ParticipantSession, data: Buffer, reliable: boolean): void {
    let packet: DataPacket;
    try {
      packet = DataPacket.fromBinary(data);
    } catch {
      return;
    }
    packet.participantIdentity = from.identity;
    packet.participantSid = from.sid;
    const destinations = new Set(packet.destinationIdentities);
    if (packet.value.case === 'user') {
      const user: UserPacket = packet.value.value;
      user.participantSid = from.sid;
      user.participantIdentity = from.identity;
      for (const identity of user.destinationIdentities) destinations.add(identity);
    }
    const targets = this.inRoom(from.roomName).filter(
      (s) => s !== from && (destinations.size === 0 || destinations.has(s.identity)),
    );
    this.deliver(targets, packet, reliable);
  }

  /** Stops timers and listeners and closes every session. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.detach();
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((s) => s.close(DisconnectReason.SERVER_SHUTDOWN)));
  }

  private deliver(targets: ParticipantSession[], packet: DataPacket, reliable: boolean): void {
    const bytes = packet.toBinary();
    for (const target of targets) target.subscriber.sendData(bytes, reliable);
  }

  private broadcastRoom(room: Room): void {
    const update = new RoomUpdate({ room: this.describeRoom(room) });
    for (const session of this.inRoom(room.name))
      session.send({ case: 'roomUpdate', value: update });
  }

  private broadcastParticipant(
    roomName: string,
    participant: ParticipantInfo,
    skipSid?: string,
  ): void {
    const update = new ParticipantUpdate({ participants: [participant] });
    for (const session of this.inRoom(roomName)) {
      if (session.sid !== skipSid) session.send({ case: 'update', value: update });
    }
  }

  // Long by listing: one listener per registry event, added and removed together.
  private listen(): () => void {
    const registry = this.registry;
    const onJoined: Listener<'participantJoined'> = ({ room, participant }) =>
      this.broadcastParticipant(room.name, participant, participant.sid);
    const onUpdated: Listener<'participantUpdated'> = ({ room, participant }) =>
      this.broadcastParticipant(room.name, participant);
    const onLeft: Listener<'participantLeft'> = ({ room, participant }) => {
      this.speaking.delete(participant.sid);
      this.broadcastParticipant(room.name, participant, participant.sid);
    };
    const onRemoved: Listener<'participantRemoved'> = ({ participant, reason }) => {
      const session = this.sessions.get(participant.sid);
      if (!session) return;
      this.sessions.delete(participant.sid);
      void session.close(reason);
    };
    const onPublished: Listener<'trackPublished'> = ({ room, participant, track }) => {
      for (const session of this.inRoom(room.name)) {
        if (session.sid !== participant.sid && session.autoSubscribe)
          this.setSubscribed(session, track.sid, true);
      }
    };
    const onUnpublished: Listener<'trackUnpublished'> = ({ room, participant, track }) => {
      for (const session of this.inRoom(room.name)) session.subscriber.unsubscribe(track.sid);
      this.sessions.get(participant.sid)?.dropTrack(track.sid);
    };
    const onMuted: Listener<'trackMuted'> = ({ participant, track, muted, byServer }) => {
      // An unmuted camera starts again: every subscriber restarts from its next keyframe, asked
      // for now rather than when each receiver notices it cannot decode.
      if (!muted) this.sessions.get(participant.sid)?.tracks.get(track.sid)?.media.resyncSinks();
      if (!byServer) return;
      this.sessions.get(participant.sid)?.send({
        case: 'mute',
        value: new MuteTrackRequest({ sid: track.sid, muted }),
      });
    };
    const onSubscriptions: Listener<'subscriptionsUpdated'> = ({
      participant,
      trackSids,
      subscribe,
    }) => {
      const session = this.sessions.get(participant.sid);
      if (session) for (const sid of trackSids) this.setSubscribed(session, sid, subscribe);
    };
    const onData: Listener<'dataSent'> = ({ room, message }) => {
      const packet = new DataPacket({
        kind: message.kind === 1 ? DataPacket_Kind.LOSSY : DataPacket_Kind.RELIABLE,
        destinationIdentities: message.destinationIdentities,
        value: {
          case: 'user',
          value: new UserPacket({
            payload: message.payload,
            topic: message.topic,
            destinationIdentities: message.destinationIdentities,
          }),
        },
      });
      const sids = new Set(message.destinationSids);
      const identities = new Set(message.destinationIdentities);
      const everyone = sids.size === 0 && identities.size === 0;
      const targets = this.inRoom(room.name).filter(
        (s) => everyone || sids.has(s.sid) || identities.has(s.identity),
      );
      this.deliver(targets, packet, message.kind !== 1);
    };
    const onRoomUpdated: Listener<'roomUpdated'> = ({ room }) => this.broadcastRoom(room);
    registry.on('participantJoined', onJoined);
    registry.on('participantUpdated', onUpdated);
    registry.on('participantLeft', onLeft);
    registry.on('participantRemoved', onRemoved);
    registry.on('trackPublished', onPublished);
    registry.on('trackUnpublished', onUnpublished);
    registry.on('trackMuted', onMuted);
    registry.on('subscriptionsUpdated', onSubscriptions);
    registry.on('dataSent', onData);
    registry.on('roomUpdated', onRoomUpdated);
    return () => {
      registry.off('participantJoined', onJoined);
      registry.off('participantUpdated', onUpdated);
      registry.off('participantLeft', onLeft);
      registry.off('participantRemoved', onRemoved);
      registry.off('trackPublished', onPublished);
      registry.off('trackUnpublished', onUnpublished);
      registry.off('trackMuted', onMuted);
      registry.off('subscriptionsUpdated', onSubscriptions);
      registry.off('dataSent', onData);
      registry.off('roomUpdated', onRoomUpdated);
    };
  }

  /** Sends SpeakersChanged to a room when someone starts or stops speaking. */
  private reportSpeakers(): void {
    const rooms = new Map<string, ParticipantSession[]>();
    for (const session of this.sessions.values()) {
      rooms.set(session.roomName, [...(rooms.get(session.roomName) ?? []), session]);
    }
    for (const sessions of rooms.values()) {
      const changed: SpeakerInfo[] = [];
      for (const session of sessions) {
        let level = 0;
        for (const track of session.tracks.values()) {
          if (track.media.kind === 'audio' && !track.info.muted)
            level = Math.max(level, track.media.takeAudioLevel());
        }
        const active = level >= SPEAKING_LEVEL;
        const wasActive = this.speaking.has(session.sid);
        if (active) this.speaking.set(session.sid, level);
        else this.speaking.delete(session.sid);
        if (active !== wasActive)
          changed.push(new SpeakerInfo({ sid: session.sid, level: active ? level : 0, active }));
      }
      if (changed.length === 0) continue;
      const message = new SpeakersChanged({ speakers: changed });
      for (const session of sessions) session.send({ case: 'speakersChanged', value: message });
    }
  }

  /** Reports every participant's connection as excellent (all media stays on this machine). */
  private reportQuality(): void {
    const rooms = new Map<string, ParticipantSession[]>();
    for (const session of this.sessions.values()) {
      rooms.set(session.roomName, [...(rooms.get(session.roomName) ?? []), session]);
    }
    for (const sessions of rooms.values()) {
      const update = new ConnectionQualityUpdate({
        updates: sessions.map(
          (s) =>
            new ConnectionQualityInfo({
              participantSid: s.sid,
              quality: ConnectionQuality.EXCELLENT,
              score: 5,
            }),
        ),
      });
      for (const session of sessions) session.send({ case: 'connectionQuality', value: update });
    }
  }
}

type Listener<E extends keyof RegistryEvents> = (...args: RegistryEvents[E]) => void;
