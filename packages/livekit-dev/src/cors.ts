// Cross-origin access as LiveKit's server allows it (pkg/service/server.go: rs/cors with every
// origin allowed and any request header; token authentication is what guards the API). A page on
// another origin — the web app's `room.prepareConnection`, a `HEAD /` warm-up, or a browser
// calling Twirp — gets its origin echoed back; a preflight is answered 204 here.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The methods rs/cors allows by default, which LiveKit keeps. */
const ALLOWED_METHODS = new Set(['GET', 'POST', 'HEAD']);

const isPreflight = (req: IncomingMessage) =>
  req.method === 'OPTIONS' && Boolean(req.headers['access-control-request-method']);

/**
 * Adds LiveKit's CORS headers to `res`; returns true when the request was a preflight, which
 * this function has answered (the caller routes nothing else).
 */
export function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  if (isPreflight(req)) {
    res.setHeader('Vary', [
      'Origin',
      'Access-Control-Request-Method',
      'Access-Control-Request-Headers',
    ]);
    const method = String(req.headers['access-control-request-method']).toUpperCase();
    if (origin && ALLOWED_METHODS.has(method)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Methods', method);
      const requested = req.headers['access-control-request-headers'];
      if (requested) res.setHeader('Access-Control-Allow-Headers', requested);
    }
    res.writeHead(204);
    res.end();
    return true;
  }
  res.setHeader('Vary', 'Origin');
  if (origin && ALLOWED_METHODS.has(req.method ?? '')) {
    res.setHeader('Access-Control-Allow-Origin', origin);
  }
  return false;
}
