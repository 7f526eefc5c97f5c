// A real p2p signaling server for integration tests: the provider's own routes on a Fastify
// server on 127.0.0.1, and a WebSocket client that speaks the signaling protocol like a browser.
import fs from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { JoinCredentials, P2PServerMessage } from '@openconnect/contracts';
import Fastify, { type FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { P2PProvider, P2PConfig, type P2PShared } from '../../src/providers/p2p/p2p-provider.ts';
import { LocalEventBus } from '../../src/push/event-bus.ts';
import { openDatabase } from '../../src/storage/db.ts';

export interface P2PServer {
  provider: P2PProvider;
  app: FastifyInstance;
  /** ws://127.0.0.1:<port>/ws/p2p */
  signalingUrl: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** A single instance's shared state: a fresh embedded database and the in-process bus. */
async function singleInstance(): Promise<{ shared: P2PShared; close(): Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'openconnect-p2p-'));
  const database = await openDatabase({ dataDir: dir });
  const bus = new LocalEventBus();
  return {
    shared: { db: database.db, bus },
    async close() {
      await bus.close();
      await database.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts the p2p provider's signaling routes on a fresh Fastify server: one instance with its own
 * embedded database, or, given `shared`, one of several instances over one database and bus.
 */
export async function startP2PServer(
  overrides: Partial<P2PConfig> = {},
  shared?: P2PShared,
): Promise<P2PServer> {
  const own = shared ? undefined : await singleInstance();
  const port = await freePort();
  const signalingUrl = `ws://127.0.0.1:${port}/ws/p2p`;
  const provider = new P2PProvider(
    P2PConfig.parse({
      signalingUrl,
      tokenSecret: 'an-integration-test-secret-of-32-chars-or-more',
      iceServers: [],
      ...overrides,
    }),
    shared ?? own!.shared,
  );
  await provider.initialize();
  const app = Fastify({ logger: false });
  await app.register(provider.routes!);
  await app.listen({ port, host: '127.0.0.1' });
  return {
    provider,
    app,
    signalingUrl,
    async close() {
      await provider.close();
      await app.close();
      await own?.close();
    },
  };
}

/** A signaling client: the messages it received and how its socket closed. */
export interface SignalingClient {
  readonly socket: WebSocket;
  readonly messages: P2PServerMessage[];
  /** Resolves with the close code and reason when the socket closes. */
  readonly closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
  /** Resolves with the next message matching `type` (already received ones count). */
  next<T extends P2PServerMessage['type']>(
    type: T,
    timeoutMs?: number,
  ): Promise<Extract<P2PServerMessage, { type: T }>>;
  close(): Promise<void>;
}

/** Opens a socket to `url` without joining. */
export async function openSocket(url: string): Promise<SignalingClient> {
  const socket = new WebSocket(url);
  const messages: P2PServerMessage[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as P2PServerMessage);
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const wake of waiters) wake();
    });
  });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let seen = 0;
  return {
    socket,
    messages,
    closed,
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next(type, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const index = messages.findIndex((m, i) => i >= seen && m.type === type);
          if (index >= 0) {
            seen = index + 1;
            waiters.delete(check);
            clearTimeout(timer);
            resolve(messages[index] as Extract<P2PServerMessage, { type: typeof type }>);
          } else if (socket.readyState === WebSocket.CLOSED) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`socket closed before a ${type} message`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${type} message within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      if (socket.readyState !== WebSocket.CLOSED) socket.close(1000);
      await closed;
    },
  };
}

/** Opens a socket to the credentials' signaling URL and joins; resolves once welcomed. */
export async function joinWith(credentials: JoinCredentials): Promise<SignalingClient> {
  if (credentials.provider !== 'p2p')
    throw new Error(`expected p2p credentials, got ${credentials.provider}`);
  const client = await openSocket(credentials.signalingUrl);
  client.send({ type: 'join', version: 1, room: credentials.roomId, token: credentials.token });
  const outcome = await Promise.race([client.next('welcome').then(() => null), client.closed]);
  if (outcome) throw new Error(`signaling closed the socket: ${outcome.code} ${outcome.reason}`);
  return client;
}
