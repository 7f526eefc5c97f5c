// One participant's signal session: its WebSocket (replaced on resume), its peer connections
// (publisher and subscriber on `/rtc`, a single one on `/rtc/v1`), the tracks it publishes and the
// requests it sends. Room-wide fan-out (participant updates, data, subscriptions) goes through the
// hub.
import type {
  AddTrackRequest,
  ParticipantInfo,
  SignalRequest,
  UpdateTrackSettings,
} from '@livekit/protocol';
import {
  DisconnectReason,
  LeaveRequest,
  LeaveRequest_Action,
  MediaSectionsRequirement,
  Pong,
  SessionDescription,
  SignalTarget,
  TrackInfo,
  TrackPublishedResponse,
  TrackUnpublishedResponse,
  TrackType,
  VideoQuality,
} from '@livekit/protocol';
import type { WebSocket } from 'ws';
import { addTrickledCandidate } from '../sfu/ice.ts';
import type { TrackSettings } from '../sfu/layers.ts';
import { sendingTrackIds } from '../sfu/offer-tracks.ts';
import { PublishedTrack } from '../sfu/published-track.ts';
import type { Downlink } from '../sfu/downlink.ts';
import { PublisherTransport, type IncomingTrack } from '../sfu/publisher-transport.ts';
import { SinglePeerTransport } from '../sfu/single-peer-transport.ts';
import { SubscriberTransport } from '../sfu/subscriber-transport.ts';
import type { SfuPeerOptions } from '../sfu/peer-factory.ts';
import { decodeSignalRequest, encodeSignalResponse, type SignalResponseMessage } from './codec.ts';
import { newId } from '../rooms/index.ts';
import { Dynacast } from './dynacast.ts';
import { SubscriberSettings } from './track-settings.ts';
import type { SignalHub } from './hub.ts';

/** A track this session publishes: its registry record and its media. */
export interface SessionTrack {
  info: TrackInfo;
  media: PublishedTrack;
  cid: string;
}

/** One participant's connection to a room. */
export class ParticipantSession {
  readonly roomName: string;
  readonly sid: string;
  readonly identity: string;
  readonly autoSubscribe: boolean;
  /** Whether the client joined on `/rtc/v1`: one peer connection for both directions. */
  readonly singlePeerConnection: boolean;
  /** The connection the client publishes on (its only one in single peer connection mode). */
  readonly publisher: PublisherTransport;
  /** Where the participant's media and data go: `publisher` itself, or the subscriber connection. */
  readonly subscriber: Downlink;
  /** The server-offered subscriber connection of the classic mode. */
  private readonly subscriberTransport?: SubscriberTransport;
  readonly tracks = new Map<string, SessionTrack>();
  /** The participant's UpdateTrackSettings per track it subscribes to (debounced as LiveKit's). */
  private readonly trackSettings: SubscriberSettings;
  /** Tells this participant's client which layers of its videos anyone watches. */
  private readonly dynacast: Dynacast;
  private ws?: WebSocket;
  private closed = false;
  private graceTimer?: NodeJS.Timeout;
  private readonly closeHooks: Array<() => void> = [];

  constructor(
    private readonly hub: SignalHub,
    participant: ParticipantInfo,
    roomName: string,
    autoSubscribe: boolean,
    peerOptions: SfuPeerOptions,
    singlePeerConnection = false,
    /** The client sizes its subscriptions itself (UpdateTrackSettings from its video elements). */
    readonly adaptiveStream = false,
  ) {
    this.roomName = roomName;
    this.sid = participant.sid;
    this.identity = participant.identity;
    this.autoSubscribe = autoSubscribe;
    this.singlePeerConnection = singlePeerConnection;
    this.dynacast = new Dynacast(
      (update) => this.send({ case: 'subscribedQualityUpdate', value: update }),
      hub.dynacastPauseDelayMs,
    );
    this.trackSettings = new SubscriberSettings((sid, settings) =>
      this.subscriber.updateTrackSettings(sid, settings),
    );
    const publisherEvents = {
      onTrack: (incoming: IncomingTrack) => this.attachIncoming(incoming),
      preferredCodec: (trackId: string) =>
        [...this.tracks.values()].find((t) => t.cid === trackId)?.info.mimeType,
      onData: (data: Buffer, label: string) => this.hub.relayData(this, data, label !== '_lossy'),
      onConnectionStateChange: (state: string) => state === 'failed' && this.transportFailed(),
    };
    if (singlePeerConnection) {
      const transport = new SinglePeerTransport(
        {
          ...publisherEvents,
          requireMediaSections: (numAudios, numVideos) => {
            const stats = this.hub.stats;
            stats.mediaSectionRequests++;
            stats.requestedSections.audio += numAudios;
            stats.requestedSections.video += numVideos;
            this.send({
              case: 'mediaSectionsRequirement',
              value: new MediaSectionsRequirement({ numAudios, numVideos }),
            });
          },
        },
        peerOptions,
      );
      this.publisher = transport;
      this.subscriber = transport;
      return;
    }
    this.publisher = new PublisherTransport(publisherEvents, peerOptions);
    this.subscriber = this.subscriberTransport = new SubscriberTransport(
      {
        sendOffer: (sdp, offerId) =>
          this.send({
            case: 'offer',
            value: new SessionDescription({ type: 'offer', sdp, id: offerId }),
          }),
        onData: (data, reliable) => this.hub.relayData(this, data, reliable),
        onConnectionStateChange: (state) => state === 'failed' && this.transportFailed(),
      },
      peerOptions,
    );
  }

  /** Whether the session has ended. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Runs `hook` once when the session ends, however it ends (at once if it already has). */
  onClose(hook: () => void): void {
    if (this.closed) hook();
    else this.closeHooks.push(hook);
  }

  /**
   * What this participant wants of a track when it subscribes: its last settings, or LiveKit's
   * default (`subscribedtrack.go`): the low layer for an adaptive-stream client, which then says
   * what its video element needs, else the high one. A re-subscription of an adaptive-stream
   * client drops `disabled`, so that the element's visibility is reported anew.
   */
  settingsFor(trackSid: string): TrackSettings {
    const last = this.trackSettings.get(trackSid);
    if (last) return this.adaptiveStream ? { ...last, disabled: false } : last;
    return { quality: this.adaptiveStream ? VideoQuality.LOW : VideoQuality.HIGH };
  }

  /**
   * Opens the media path after the join response: the server offers the subscriber connection
   * (with its data channels) at once; in single peer connection mode the client offers instead.
   */
  open(): void {
    this.subscriberTransport?.negotiate();
  }

  /** Answers an offer of the client (on its publisher or only connection). */
  async answerOffer(offer: SessionDescription): Promise<void> {
    const { sdp, midToTrackId } = await this.publisher.answer(offer.sdp);
    this.unpublishRemoved(offer.sdp);
    this.send({
      case: 'answer',
      value: new SessionDescription({ type: 'answer', sdp, id: offer.id, midToTrackId }),
    });
  }

  /** Binds a (new) WebSocket to the session and starts reading requests from it. */
  attachSocket(ws: WebSocket): void {
    clearTimeout(this.graceTimer);
    const previous = this.ws;
    this.ws = ws;
    if (previous && previous !== ws) previous.close(1000, 'replaced by a resumed connection');
    ws.on('message', (data, isBinary) => {
      let request: SignalRequest;
      try {
        request = decodeSignalRequest(data as Buffer, isBinary);
      } catch {
        return;
      }
      this.handleRequest(request).catch((error: unknown) =>
        this.hub.log('signal request failed', error),
      );
    });
    ws.on('close', () => {
      if (this.ws !== ws || this.closed) return;
      this.ws = undefined;
      // The client may resume within the grace period; after it, the participant has left.
      this.graceTimer = setTimeout(
        () => this.hub.endSession(this, DisconnectReason.CLIENT_INITIATED),
        this.hub.resumeGraceMs,
      );
    });
  }

  /** Cuts the WebSocket without a close handshake; nothing more reaches the client over it. */
  cutSocket(): void {
    const ws = this.ws;
    this.ws = undefined;
    ws?.terminate();
  }

  /** Sends a signal response; dropped while no WebSocket is attached. */
  send(message: SignalResponseMessage): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== ws.OPEN) return;
    ws.send(encodeSignalResponse(message));
  }

  /**
   * One of this participant's peer connections failed on the server's side (ICE or DTLS gave
   * up). As LiveKit's IssueFullReconnect (PEER_CONNECTION_DISCONNECTED): the participant leaves
   * and the client is told to join again, so the client's idea of its connection never outlives
   * the server's.
   */
  transportFailed(): void {
    if (this.closed) return;
    void this.hub.endSession(this, DisconnectReason.STATE_MISMATCH, LeaveRequest_Action.RECONNECT);
  }

  /** Sends a `leave` with a reason and closes the WebSocket, then ends the session. */
  async close(reason: DisconnectReason, action = LeaveRequest_Action.DISCONNECT): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.graceTimer);
    this.trackSettings.close();
    for (const hook of this.closeHooks.splice(0)) hook();
    this.dynacast.close();
    const canReconnect = action !== LeaveRequest_Action.DISCONNECT;
    this.send({ case: 'leave', value: new LeaveRequest({ reason, action, canReconnect }) });
    this.ws?.close(1000, 'leave');
    this.ws = undefined;
    for (const track of this.tracks.values()) track.media.close();
    await Promise.all([this.publisher.close(), this.subscriber.close()]);
  }

  private async handleRequest(request: SignalRequest): Promise<void> {
    const message = request.message;
    switch (message.case) {
      case 'offer':
        await this.answerOffer(message.value);
        return;
      case 'answer':
        await this.subscriberTransport?.handleAnswer(message.value.sdp);
        return;
      case 'trickle': {
        const pc =
          message.value.target === SignalTarget.SUBSCRIBER && this.subscriberTransport
            ? this.subscriberTransport.pc
            : this.publisher.pc;
        await addTrickledCandidate(pc, message.value.candidateInit);
        return;
      }
      case 'addTrack':
        this.addTrack(message.value);
        return;
      case 'mute':
        this.hub.setMuted(this, message.value.sid, message.value.muted);
        return;
      case 'subscription':
        for (const sid of message.value.trackSids)
          this.hub.setSubscribed(this, sid, message.value.subscribe);
        return;
      case 'leave':
        await this.hub.endSession(this, DisconnectReason.CLIENT_INITIATED);
        return;
      case 'ping':
        this.send({ case: 'pong', value: BigInt(Date.now()) });
        return;
      case 'pingReq':
        this.send({
          case: 'pongResp',
          value: new Pong({
            lastPingTimestamp: message.value.timestamp,
            timestamp: BigInt(Date.now()),
          }),
        });
        return;
      case 'updateMetadata':
        this.hub.updateMetadata(this, message.value);
        return;
      case 'simulate':
        this.simulate(message.value.scenario.case);
        return;
      case 'trackSetting':
        this.applyTrackSettings(message.value);
        return;
      default:
        // updateLayers, subscriptionPermission, syncState: nothing to change here.
        return;
    }
  }

  /** Takes UpdateTrackSettings: which layer (if any) each listed subscription receives. */
  private applyTrackSettings(update: UpdateTrackSettings): void {
    const settings: TrackSettings = {
      disabled: update.disabled,
      quality: update.quality,
      width: update.width,
      height: update.height,
    };
    for (const sid of update.trackSids) this.trackSettings.update(sid, settings);
  }

  /** Registers a track the client is about to publish and confirms it with its sid. */
  private addTrack(request: AddTrackRequest): void {
    const existing = [...this.tracks.values()].find((t) => t.cid === request.cid);
    if (existing) {
      this.send({
        case: 'trackPublished',
        value: new TrackPublishedResponse({ cid: request.cid, track: existing.info }),
      });
      return;
    }
    const codec = request.simulcastCodecs[0]?.codec;
    const kind = request.type === TrackType.AUDIO ? 'audio' : 'video';
    // The media side exists before the registry announces the track, so that subscribers added
    // by the announcement find it.
    const sid = newId('TR_');
    // Audio is sent as RED (Opus with the previous packets repeated) unless the client opted out,
    // as LiveKit's server answers a livekit-client that leaves `red` on (its default).
    const mimeType =
      kind === 'audio'
        ? request.disableRed
          ? 'audio/opus'
          : 'audio/red'
        : codec
          ? `video/${codec.toUpperCase()}`
          : 'video/VP8';
    const entry: SessionTrack = {
      info: new TrackInfo({ sid }),
      media: new PublishedTrack(sid, kind),
      cid: request.cid,
    };
    entry.media.layout = { width: request.width, height: request.height, layers: request.layers };
    entry.media.publishedMimeType = mimeType;
    if (kind === 'video') {
      // The codec the client publishes the track with: dynacast naming another one would ask the
      // client to publish that one too (a backup codec).
      entry.media.onDemandChange = (maxLayer) => this.dynacast.update(sid, mimeType, maxLayer);
    }
    this.tracks.set(sid, entry);
    entry.info = this.hub.publishTrack(this, {
      sid,
      name: request.name,
      type: request.type,
      source: request.source,
      muted: request.muted,
      width: request.width,
      height: request.height,
      simulcast: request.layers.length > 1,
      disableDtx: request.disableDtx,
      stereo: request.stereo,
      stream: request.stream,
      mimeType,
      layers: request.layers,
      encryption: request.encryption,
      audioFeatures: request.audioFeatures,
    });
    this.send({
      case: 'trackPublished',
      value: new TrackPublishedResponse({ cid: request.cid, track: entry.info }),
    });
  }

  /** Forgets an unpublished track: its media, its layer demand and what dynacast knew of it. */
  dropTrack(trackSid: string): void {
    const track = this.tracks.get(trackSid);
    if (!track) return;
    track.media.onDemandChange = undefined;
    track.media.close();
    this.tracks.delete(trackSid);
    this.dynacast.remove(trackSid);
  }

  /** Unpublishes tracks whose media the client stopped sending (their section left the offer). */
  private unpublishRemoved(offer: string): void {
    const sending = sendingTrackIds(offer);
    for (const [sid, track] of this.tracks) {
      if (!track.media.hasSource || sending.has(track.cid)) continue;
      this.hub.unpublishTrack(this, sid);
      this.send({
        case: 'trackUnpublished',
        value: new TrackUnpublishedResponse({ trackSid: sid }),
      });
    }
  }

  /** Connects an incoming RTP stream to the published track it belongs to. */
  private attachIncoming(incoming: IncomingTrack): void {
    const byCid = [...this.tracks.values()].find((t) => t.cid === incoming.remoteTrackId);
    // Fall back to the oldest track of that kind still waiting for media.
    const track =
      byCid ??
      [...this.tracks.values()].find((t) => !t.media.hasSource && t.media.kind === incoming.kind);
    track?.media.attachSource(incoming.track, incoming.receiver);
  }

  private simulate(scenario: string | undefined): void {
    if (scenario === 'signalReconnect') this.ws?.terminate();
  }
}
