// The signal WebSocket of the development server: authenticates a joining client, registers it in
// the room registry, and runs its session (signal + media). Two paths, as LiveKit's server:
// `/rtc/v1`, current clients' default, with the JoinRequest (and the client's first offer) in the
// URL and one peer connection per participant; and the classic `/rtc`, with query parameters and
// a publisher and a subscriber peer connection. The join check is `src/validate.ts`, which also
// answers `/rtc/validate` and `/rtc/v1/validate`.
import {
  DisconnectReason,
  LeaveRequest,
  LeaveRequest_Action,
  ParticipantInfo_Kind,
} from '@livekit/protocol';
import { WebSocketServer, type WebSocket } from 'ws';
import { signJwt, type VerifiedToken } from '../auth/index.ts';
import type { RecorderFactory } from '../egress/index.ts';
import { RoomError } from '../rooms/index.ts';
import type { SignalAttachment, SignalContext as ServerSignalContext } from '../server.ts';
import type { SfuPeerOptions } from '../sfu/peer-factory.ts';
import { encodeSignalResponse } from './codec.ts';
import { rejectUpgrade } from './http-reply.ts';
import { SignalHub, type SignalStats, type TrackMediaStats } from './hub.ts';
import { buildJoinResponse, buildReconnectResponse } from './join.ts';
import { createRecorderFactory } from '../recorder/index.ts';
import { admitConnect, type Admission } from '../validate.ts';
import { ParticipantSession } from './session.ts';

export type { SignalStats, TrackMediaStats } from './hub.ts';

/** Tuning the signal layer accepts besides the server's context (all optional). */
export interface SignalOptions {
  /** Seconds a participant whose signal connection dropped may resume before it is removed. */
  resumeGraceSeconds?: number;
  /** Host addresses offered as ICE candidates besides the machine's own (default: 127.0.0.1). */
  hostAddresses?: string[];
  /** Interval between refreshed tokens sent to clients, in seconds (default 300). */
  tokenRefreshSeconds?: number;
  /** Seconds before dynacast pauses layers nobody watches (default 5, LiveKit's). */
  dynacastPauseSeconds?: number;
}

/** What the signal layer needs: the server's context (registry, keys, egress, config) at least. */
export type SignalServerContext = Pick<ServerSignalContext, 'registry' | 'keys'> &
  Partial<Pick<ServerSignalContext, 'egress' | 'config' | 'faults'>> &
  SignalOptions;

/** What the HTTP server plugs in: upgrades, the recorder, shutdown. */
export interface SignalServer extends SignalAttachment {
  /** Records a room's media to WebM (already registered with `ctx.egress` when given). */
  recorderFactory: RecorderFactory;
  readonly stats: SignalStats;
  /** Media counters of every track published in a room. */
  mediaStats(roomName: string): TrackMediaStats[];
  /** Sessions with a token refresh scheduled (one per live session). */
  readonly pendingTokenRefreshes: number;
}

/** Creates the signal layer for a server. */
// A factory: its inner functions (join, resume, token refresh) share the hub and the socket
// server through this closure, and each of them is short.
export function createSignalServer(ctx: SignalServerContext): SignalServer {
  const hub = new SignalHub(ctx.registry, {
    resumeGraceMs: (ctx.resumeGraceSeconds ?? 15) * 1000,
    dynacastPauseDelayMs:
      ctx.dynacastPauseSeconds === undefined ? undefined : ctx.dynacastPauseSeconds * 1000,
    log: ctx.config
      ? (message, error) => ctx.config?.log(error ? `${message}: ${String(error)}` : message)
      : undefined,
  });
  const peerOptions: SfuPeerOptions = { hostAddresses: ctx.hostAddresses };
  const wss = new WebSocketServer({ noServer: true });
  const refreshTimers = new Map<ParticipantSession, NodeJS.Timeout>();
  const stats = hub.stats;
  // Faults: a participant's peer connections fail as a real failure would make them.
  const stopFaults = ctx.faults?.onPeerConnectionFailure((identity) => {
    for (const session of hub.ofIdentity(identity)) session.transportFailed();
  });
  const stopLosses = ctx.faults?.onSessionLoss((identity) => {
    for (const session of hub.ofIdentity(identity)) {
      session.cutSocket();
      void hub.endSession(session, DisconnectReason.UNKNOWN_REASON);
    }
  });

  function join(ws: WebSocket, admission: Extract<Admission, { ok: true }>): void {
    const { token, roomName, params } = admission;
    const claims = token.claims;
    ctx.registry.ensureRoom(roomName);
    const participant = ctx.registry.joinParticipant(roomName, {
      identity: token.identity,
      name: claims.name,
      metadata: claims.metadata,
      attributes: claims.attributes,
      permission: {
        canSubscribe: claims.video?.canSubscribe ?? true,
        canPublish: claims.video?.canPublish ?? true,
        canPublishData: claims.video?.canPublishData ?? true,
        hidden: claims.video?.hidden ?? false,
        recorder: claims.video?.recorder ?? false,
        canUpdateMetadata: claims.video?.canUpdateOwnMetadata ?? false,
      },
      kind: claims.kind === 'egress' ? ParticipantInfo_Kind.EGRESS : ParticipantInfo_Kind.STANDARD,
    });
    const session = new ParticipantSession(
      hub,
      participant,
      roomName,
      params.autoSubscribe,
      {
        ...peerOptions,
        link: { videoLoss: () => ctx.faults?.videoLossTo(participant.identity) ?? 0 },
      },
      params.singlePeerConnection,
      params.adaptiveStream,
    );
    hub.add(session);
    session.attachSocket(ws);
    const room = ctx.registry.getRoom(roomName);
    const others = ctx.registry.listParticipants(roomName).filter((p) => p.sid !== participant.sid);
    if (room) {
      session.send({
        case: 'join',
        value: buildJoinResponse(
          hub.describeRoom(room),
          participant,
          others,
          params.singlePeerConnection,
        ),
      });
    }
    if (params.singlePeerConnection) stats.joinedV1++;
    else stats.joinedV0++;
    session.open();
    hub.subscribeToExisting(session);
    // The offer sent with the join: answered once the existing tracks wait for its sections.
    if (params.publisherOffer) {
      session
        .answerOffer(params.publisherOffer)
        .catch((error: unknown) => hub.log('answering the join offer failed', error));
    }
    scheduleTokenRefresh(session, token);
  }

  function resume(ws: WebSocket, session: ParticipantSession, token: VerifiedToken): void {
    stats.resumed++;
    session.attachSocket(ws);
    session.send({ case: 'reconnect', value: buildReconnectResponse() });
    session.subscriber.requestKeyframes();
    scheduleTokenRefresh(session, token);
  }

  /**
   * Sends the client a fresh token a second after it connects and every `tokenRefreshSeconds`
   * after that. One timer per session: a resume restarts the chain instead of adding a second
   * one, and the timer goes when the session ends, not at shutdown.
   */
  function scheduleTokenRefresh(session: ParticipantSession, token: VerifiedToken): void {
    const secret = ctx.keys.get(token.apiKey);
    if (!secret || session.isClosed) return;
    const claims = token.claims;
    const ttl = claims.exp && claims.iat ? claims.exp - claims.iat : 600;
    const arm = (ms: number) => {
      clearTimeout(refreshTimers.get(session));
      refreshTimers.set(session, setTimeout(send, ms));
    };
    const send = () => {
      const now = Math.floor(Date.now() / 1000);
      const fresh = signJwt({ ...claims, iat: now, nbf: now, exp: now + ttl }, secret);
      session.send({ case: 'refreshToken', value: fresh });
      arm((ctx.tokenRefreshSeconds ?? 300) * 1000);
    };
    if (!refreshTimers.has(session)) {
      session.onClose(() => {
        clearTimeout(refreshTimers.get(session));
        refreshTimers.delete(session);
      });
    }
    arm(1000);
  }

  const recorderFactory = createRecorderFactory(hub);
  ctx.egress?.setRecorderFactory(recorderFactory);
  return {
    recorderFactory,
    stats,
    mediaStats: (roomName) => hub.mediaStats(roomName),
    get pendingTokenRefreshes() {
      return refreshTimers.size;
    },
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const admission = url.pathname.endsWith('/validate')
        ? ({ ok: false, status: 404, message: '404 page not found' } as const)
        : admitConnect(url, req.headers.authorization, ctx.keys, ctx.registry);
      if (!admission.ok) {
        stats.refused[admission.status] = (stats.refused[admission.status] ?? 0) + 1;
        rejectUpgrade(socket, admission.status, admission.message);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        try {
          if (admission.params.reconnect) {
            const session = admission.params.sid ? hub.get(admission.params.sid) : undefined;
            if (
              session &&
              !session.isClosed &&
              session.identity === admission.token.identity &&
              session.singlePeerConnection === admission.params.singlePeerConnection
            ) {
              resume(ws, session, admission.token);
              return;
            }
            // Nothing to resume: tell the client to rejoin from scratch.
            stats.resumesRefused++;
            const leave = new LeaveRequest({
              canReconnect: true,
              reason: DisconnectReason.STATE_MISMATCH,
              action: LeaveRequest_Action.RECONNECT,
            });
            ws.send(encodeSignalResponse({ case: 'leave', value: leave }));
            ws.close(1000, 'session not found');
            return;
          }
          join(ws, admission);
        } catch (error) {
          const reason =
            error instanceof RoomError && error.kind === 'room_full'
              ? 'room is full'
              : 'join failed';
          hub.log(reason, error);
          const leave = new LeaveRequest({
            canReconnect: false,
            reason:
              error instanceof RoomError
                ? DisconnectReason.JOIN_FAILURE
                : DisconnectReason.UNKNOWN_REASON,
            action: LeaveRequest_Action.DISCONNECT,
          });
          ws.send(encodeSignalResponse({ case: 'leave', value: leave }));
          ws.close(1000, reason);
        }
      });
    },
    async close() {
      stopFaults?.();
      stopLosses?.();
      for (const timer of refreshTimers.values()) clearTimeout(timer);
      await hub.close();
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
