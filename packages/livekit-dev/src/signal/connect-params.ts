// Reads what a client says about itself when it opens the signal WebSocket: the access token and
// either the classic query parameters (`/rtc`) or a wrapped, optionally gzipped `JoinRequest`
// (`/rtc/v1`, `join_request=`).
import { gunzipSync } from 'node:zlib';
import type { SessionDescription } from '@livekit/protocol';
import { JoinRequest, WrappedJoinRequest, WrappedJoinRequest_Compression } from '@livekit/protocol';

/** What the signal layer needs from a connect URL. */
export interface ConnectParams {
  token: string;
  autoSubscribe: boolean;
  /** The client sends UpdateTrackSettings from its video elements (`adaptiveStream`). */
  adaptiveStream: boolean;
  /** True for a resume of an existing session (`reconnect=1`). */
  reconnect: boolean;
  /** Participant sid of the session being resumed. */
  sid?: string;
  /** Whether the client asked for the single peer connection protocol (`/rtc/v1`). */
  singlePeerConnection: boolean;
  /** Publisher offer sent along with the join (`/rtc/v1` only). */
  publisherOffer?: SessionDescription;
  /** Client SDK name and version, for logs and ParticipantInfo.clientInfo-like fields. */
  sdk?: string;
  /** Signal protocol version the client speaks. */
  protocol: number;
}

/** Parses a connect URL; throws a ConnectParamsError (a 400 response) when it is malformed. */
export function parseConnectParams(url: URL): ConnectParams {
  const query = url.searchParams;
  const token = query.get('access_token') ?? '';
  const joinRequest = query.get('join_request');
  if (joinRequest) {
    const request = decodeJoinRequest(joinRequest);
    return {
      token,
      autoSubscribe: request.connectionSettings?.autoSubscribe ?? true,
      adaptiveStream: request.connectionSettings?.adaptiveStream ?? false,
      reconnect: request.reconnect,
      sid: request.participantSid || undefined,
      singlePeerConnection: true,
      publisherOffer: request.publisherOffer,
      sdk: request.clientInfo
        ? `${request.clientInfo.sdk}:${request.clientInfo.version}`
        : undefined,
      protocol: request.clientInfo?.protocol ?? 0,
    };
  }
  return {
    token,
    autoSubscribe: query.get('auto_subscribe') !== '0',
    adaptiveStream: ['1', 'true'].includes(query.get('adaptive_stream') ?? ''),
    reconnect: query.get('reconnect') === '1',
    sid: query.get('sid') ?? undefined,
    singlePeerConnection: false,
    sdk: query.get('sdk') ?? undefined,
    protocol: Number(query.get('protocol') ?? 0),
  };
}

/** A malformed connect request; the message is LiveKit's (`rtcservice.go` validateInternal). */
export class ConnectParamsError extends Error {}

/** Decodes the base64url `join_request` parameter. */
export function decodeJoinRequest(encoded: string): JoinRequest {
  const bytes = Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  let wrapped: WrappedJoinRequest;
  try {
    wrapped = WrappedJoinRequest.fromBinary(bytes);
  } catch {
    throw new ConnectParamsError('cannot unmarshal wrapped join request');
  }
  let inner = wrapped.joinRequest;
  if (wrapped.compression === WrappedJoinRequest_Compression.GZIP) {
    try {
      inner = gunzipSync(wrapped.joinRequest);
    } catch {
      throw new ConnectParamsError('cannot read decompressed join request');
    }
  }
  try {
    return JoinRequest.fromBinary(inner);
  } catch {
    throw new ConnectParamsError('cannot unmarshal join request');
  }
}
