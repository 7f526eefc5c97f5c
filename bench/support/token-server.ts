// The baseline a join is compared with: a bare token endpoint as LiveKit's own example apps hand
// out tokens (no database, no session, no policy: read room and identity from the request, mint a
// LiveKit AccessToken, answer JSON). Runs in its own process, like the benchmark server, and
// prints its URL on the IPC channel once it listens.
import { createServer } from 'node:http';
import { AccessToken } from 'livekit-server-sdk';

const KEY = 'devkey';
const SECRET = 'secret-secret-secret-secret-secret';

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname !== '/token') {
    response.writeHead(404).end();
    return;
  }
  const room = url.searchParams.get('room') ?? '';
  const identity = url.searchParams.get('identity') ?? '';
  if (!room || !identity) {
    response.writeHead(400, { 'content-type': 'application/json' });
    response.end('{"error":"room and identity are required"}');
    return;
  }
  const token = new AccessToken(KEY, SECRET, { identity, name: identity, ttl: 600 });
  token.addGrant({ room, roomJoin: true, canPublish: true, canSubscribe: true });
  token.toJwt().then(
    (jwt) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ serverUrl: 'ws://127.0.0.1:7880', participantToken: jwt }));
    },
    () => response.writeHead(500).end(),
  );
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ url: `http://127.0.0.1:${port}` });
});
process.on('message', (message) => {
  if (message === 'close') server.close(() => process.exit(0));
});
