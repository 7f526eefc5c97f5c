// GET /rtc/validate when no signal layer answers it: LiveKit's check that a join token is good
// (pkg/service/rtcservice.go validate + utils.go ValidateConnectRequest): 200 "success", or the
// status and plain-text message LiveKit uses.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthError, authenticate, joinableRoom, type KeyProvider } from './auth/index.ts';
import type { RoomRegistry } from './rooms/registry.ts';

/** Answers a validate request. */
export function handleValidate(
  req: IncomingMessage,
  res: ServerResponse,
  keys: KeyProvider,
  registry: RoomRegistry,
): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const reply = (status: number, text: string) => {
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Access-Control-Allow-Origin': '*',
    });
    res.end(text);
  };
  try {
    const token = authenticate(
      req.headers.authorization,
      url.searchParams.get('access_token'),
      keys,
    );
    const tokenRoom = joinableRoom(token);
    if (!token || tokenRoom === undefined) return reply(401, 'permissions denied');
    if (!token.identity) return reply(400, 'identity cannot be empty');
    const room = tokenRoom || (url.searchParams.get('room') ?? '');
    if (!room) return reply(400, 'no room name');
    if (!registry.getRoom(room) && !registry.defaults.autoCreate)
      return reply(404, 'requested room does not exist');
    reply(200, 'success');
  } catch (err) {
    if (err instanceof AuthError) return reply(err.status, err.message);
    reply(500, err instanceof Error ? err.message : String(err));
  }
}
