// Routes `POST /twirp/<package>.<Service>/<Method>` to a service table, after LiveKit's auth
// middleware and the test fault switches. Errors are Twirp JSON, except failed authentication,
// which LiveKit's middleware answers with 401 and a plain-text message before Twirp is reached.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthError, authenticate, type KeyProvider } from '../auth/index.ts';
import type { Faults } from '../faults/faults.ts';
import { RoomError } from '../rooms/errors.ts';
import { decodeRequest, encodeResponse, encodingOf } from './codec.ts';
import { TwirpError, writeTwirpError } from './errors.ts';
import type { TwirpService } from './method.ts';

/** Everything the router needs. */
export interface TwirpRouterOptions {
  /** Services by full name, e.g. `livekit.RoomService`. */
  services: Record<string, TwirpService>;
  keys: KeyProvider;
  faults: Faults;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes?: number;
}

const PREFIX = '/twirp/';

/** True when the path belongs to the Twirp router. */
export function isTwirpPath(pathname: string): boolean {
  return pathname.startsWith(PREFIX);
}

/** Serves one Twirp request. */
export async function handleTwirp(
  req: IncomingMessage,
  res: ServerResponse,
  options: TwirpRouterOptions,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  try {
    const token = authenticate(
      req.headers.authorization,
      url.searchParams.get('access_token'),
      options.keys,
    );
    await options.faults.delay();
    const injected = options.faults.takeFailure();
    if (injected) throw injected;
    if (req.method !== 'POST') {
      throw new TwirpError(
        'bad_route',
        `unsupported method ${JSON.stringify(req.method)} (only POST is allowed)`,
      );
    }
    const [serviceName = '', methodName = ''] = url.pathname.slice(PREFIX.length).split('/');
    const handler = options.services[serviceName]?.[methodName];
    if (!handler)
      throw new TwirpError('bad_route', `no handler for path ${JSON.stringify(url.pathname)}`);
    const encoding = encodingOf(req.headers['content-type']);
    const body = await readBody(req, options.maxBodyBytes ?? 16 * 1024 * 1024);
    const request = decodeRequest(handler.input, body, encoding);
    const response = await handler.handle(request, { token });
    const encoded = encodeResponse(response, encoding);
    res.writeHead(200, {
      'Content-Type': encoded.contentType,
      'Content-Length': encoded.body.length,
    });
    res.end(encoded.body);
  } catch (err) {
    if (err instanceof AuthError) {
      res.writeHead(err.status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(err.message);
      return;
    }
    writeTwirpError(res, toTwirpError(err));
  }
}

/** Maps registry and unexpected errors to Twirp errors with LiveKit's messages (pkg/service/errors.go). */
export function toTwirpError(err: unknown): TwirpError {
  if (err instanceof TwirpError) return err;
  if (err instanceof RoomError) {
    switch (err.kind) {
      case 'room_not_found':
        return new TwirpError('not_found', 'requested room does not exist');
      case 'participant_not_found':
        return new TwirpError('not_found', 'participant does not exist');
      case 'track_not_found':
        return new TwirpError('not_found', 'track is not found');
      case 'room_full':
        return new TwirpError('resource_exhausted', err.message);
    }
  }
  return new TwirpError('internal', err instanceof Error ? err.message : String(err));
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new TwirpError('malformed', `request body larger than ${limit} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
