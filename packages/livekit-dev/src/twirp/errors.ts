// Twirp errors: the codes of the Twirp spec, their HTTP statuses, and the JSON body
// `{ "code", "msg", "meta"? }` that twirp-go writes (and livekit-server-sdk's TwirpRpc parses).
import type { ServerResponse } from 'node:http';

/** Twirp error codes and the HTTP status each one maps to (twitchtv/twirp errors.go). */
export const TWIRP_STATUS = {
  canceled: 408,
  unknown: 500,
  invalid_argument: 400,
  malformed: 400,
  deadline_exceeded: 408,
  not_found: 404,
  bad_route: 404,
  already_exists: 409,
  permission_denied: 403,
  unauthenticated: 401,
  resource_exhausted: 429,
  failed_precondition: 412,
  aborted: 409,
  out_of_range: 400,
  unimplemented: 501,
  internal: 500,
  unavailable: 503,
  dataloss: 500,
} as const;

/** A Twirp error code. */
export type TwirpCode = keyof typeof TWIRP_STATUS;

/** An error a Twirp method answers with. */
export class TwirpError extends Error {
  readonly code: TwirpCode;
  readonly meta: Record<string, string> | undefined;

  constructor(code: TwirpCode, msg: string, meta?: Record<string, string>) {
    super(msg);
    this.name = 'TwirpError';
    this.code = code;
    this.meta = meta;
  }

  /** The HTTP status Twirp assigns to this error's code. */
  get status(): number {
    return TWIRP_STATUS[this.code];
  }
}

/** Writes a Twirp error response. The content type is exactly `application/json`, as twirp-go sends. */
export function writeTwirpError(res: ServerResponse, err: TwirpError): void {
  const body: { code: string; msg: string; meta?: Record<string, string> } = {
    code: err.code,
    msg: err.message,
  };
  if (err.meta) body.meta = err.meta;
  const text = JSON.stringify(body);
  res.writeHead(err.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** LiveKit's answer when a token lacks the grant a call needs (twirpAuthError(ErrPermissionDenied)). */
export function permissionsDenied(): TwirpError {
  return new TwirpError('unauthenticated', 'permissions denied');
}
