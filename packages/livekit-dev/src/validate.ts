// The one check of a join request, as LiveKit's RTCService.validateInternal and
// ValidateConnectRequest (pkg/service/rtcservice.go, utils.go): used by the signal WebSocket
// (`/rtc`, `/rtc/v1`) before it upgrades, and by `GET /rtc/validate` and `/rtc/v1/validate`,
// which answer 200 "success" or the status and plain-text message LiveKit uses. One function, so
// the socket and its validate endpoint can never disagree.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AuthError,
  findToken,
  joinableRoom,
  verifyAccessToken,
  type KeyProvider,
  type VerifiedToken,
} from './auth/index.ts';
import type { RoomRegistry } from './rooms/registry.ts';
import {
  ConnectParamsError,
  parseConnectParams,
  type ConnectParams,
} from './signal/connect-params.ts';

/** The outcome of a join check: who may join which room, or LiveKit's refusal. */
export type Admission =
  | { ok: true; params: ConnectParams; token: VerifiedToken; roomName: string }
  | { ok: false; status: number; message: string };

const CONNECT_PATH = /^\/rtc(\/v1)?(\/validate)?$/;

/** Checks a connect (or validate) URL and its credentials; never throws. */
export function admitConnect(
  url: URL,
  authorization: string | undefined,
  keys: KeyProvider,
  registry: RoomRegistry,
): Admission {
  const match = CONNECT_PATH.exec(url.pathname);
  if (!match) return { ok: false, status: 404, message: '404 page not found' };
  let token: VerifiedToken | undefined;
  try {
    // Browsers put the token in the query; native SDKs send an Authorization header.
    const raw = findToken(authorization, url.searchParams.get('access_token'));
    token = raw === undefined ? undefined : verifyAccessToken(raw, keys);
  } catch (error) {
    if (error instanceof AuthError)
      return { ok: false, status: error.status, message: error.message };
    throw error;
  }
  // LiveKit's auth middleware lets a request without a token through with no grants; the RTC
  // service then refuses it with rtc.ErrPermissionDenied.
  if (!token?.claims.video)
    return { ok: false, status: 401, message: 'no permissions to access the room' };
  // /rtc/v1 requires the wrapped JoinRequest; it is parsed before the grants are checked.
  if (match[1] && !url.searchParams.get('join_request'))
    return { ok: false, status: 400, message: 'join_request is required' };
  let params: ConnectParams;
  try {
    params = parseConnectParams(url);
  } catch (error) {
    const message =
      error instanceof ConnectParamsError ? error.message : 'malformed connect request';
    return { ok: false, status: 400, message };
  }
  const roomName = joinableRoom(token);
  if (roomName === undefined) return { ok: false, status: 401, message: 'permissions denied' };
  if (!token.identity) return { ok: false, status: 400, message: 'identity cannot be empty' };
  // LiveKit takes the room from the token only: there is no `room` query parameter any more.
  if (!roomName) return { ok: false, status: 400, message: 'no room name' };
  if (!registry.getRoom(roomName) && !registry.defaults.autoCreate)
    return { ok: false, status: 404, message: 'requested room does not exist' };
  return { ok: true, params, token, roomName };
}

/** Answers `GET /rtc/validate` or `/rtc/v1/validate`. */
export function handleValidate(
  req: IncomingMessage,
  res: ServerResponse,
  keys: KeyProvider,
  registry: RoomRegistry,
): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const admission = admitConnect(url, req.headers.authorization, keys, registry);
  // Browsers fetch this from the application's origin, so it must allow any origin (as LiveKit does).
  res.writeHead(admission.ok ? 200 : admission.status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Access-Control-Allow-Origin': '*',
  });
  res.end(admission.ok ? 'success' : admission.message);
}
