// What a request and an error look like in the logs. Logs go to people and services that must
// never hold a credential, so both are cut down here, in the one place every log line passes:
// request paths lose their query string and the invite codes and entry ids in them, and
// database errors are logged by code, constraint and table only — their query parameters once
// carried a staff member's password hash into the log.

// Path segments that are secrets or lead to one: an invite code opens the waiting room, an entry
// id names one visitor's entry (its bearer token is separate, but the pair is not for logs).
const SECRET_SEGMENTS = /(\/(?:invites|join|lobby)\/)[^/]+/g;

/** A request path fit for the log: no query string, invite codes and entry ids redacted. */
export function loggablePath(url: string): string {
  return (url.split('?')[0] ?? '').replace(SECRET_SEGMENTS, '$1[redacted]');
}

/** Fastify's `req` serializer. */
export function serializeRequest(req: { id: string; method: string; url: string }) {
  return { id: req.id, method: req.method, url: loggablePath(req.url) };
}

interface DatabaseErrorFields {
  code: string;
  severity?: unknown;
  constraint?: unknown;
  table?: unknown;
}

/** PostgreSQL's errors (from `pg` and PGlite alike) carry a five-character SQLSTATE code. */
function isDatabaseError(error: Error): error is Error & DatabaseErrorFields {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && 'severity' in error;
}

/** An error as logged. */
export interface LoggedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

/**
 * Fastify's `err` serializer: type, message, stack and code, and the same for its causes; a
 * database error becomes its code, constraint and table, never its query, parameters, message or
 * detail (which quote the offending values).
 */
export function serializeError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: '', stack: '' };
  if (isDatabaseError(error)) {
    return {
      type: 'DatabaseError',
      message: `database error ${error.code}`,
      stack: '',
      code: error.code,
      ...(typeof error.constraint === 'string' ? { constraint: error.constraint } : {}),
      ...(typeof error.table === 'string' ? { table: error.table } : {}),
    };
  }
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    stack: error.stack ?? '',
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.cause !== undefined && depth < 5
      ? { cause: serializeError(error.cause, depth + 1) }
      : {}),
  };
}
