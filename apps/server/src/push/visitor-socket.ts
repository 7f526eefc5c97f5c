// `/ws/lobby`: the visitor's push channel. The page says hello with its entry id and secret, then
// hears its state, staff messages and, once admitted, its join credentials. Reconnecting with the
// same hello resumes: the current state (and fresh credentials) are sent again.
//
// What it costs: a hello is one statement (who, state, place in line). A waiting page then moves
// up from the lines the server publishes (line-watch.ts) without reading anything; it reads its
// entry again only when the entry itself changed, or after the bus was deaf. Presence is this
// instance's, in memory, written in batches (presence-tracker.ts).
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import {
  PushCloseCode,
  topics,
  type LobbySignal,
  type LobbyState,
  type VisitorEvent,
} from '@openconnect/contracts';
import { AppError } from '../errors/app-error.ts';
import type { Services } from '../services.ts';
import { stateOf, type EntryState } from '../lobby/line.ts';
import { readOwnEntry, visitorJoin } from '../lobby/lobby.ts';
import { estimateFromSorted } from '../lobby/wait-estimate.ts';
import { LineWatch, type LineFollower } from './line-watch.ts';
import { PresenceTracker } from './presence-tracker.ts';

const Hello = z.strictObject({
  type: z.literal('hello'),
  entryId: z.uuid(),
  token: z.string().max(128),
});

const HELLO_TIMEOUT_MS = 10_000;
/** Pings keep the connection through proxies that drop quiet ones; no database involved. */
const PING_MS = 20_000;
const MAX_MESSAGE_BYTES = 4096;

export const visitorSocketRoutes =
  (ctx: Services): FastifyPluginAsync =>
  async (app) => {
    const instance: Instance = {
      ...ctx,
      presence: new PresenceTracker(ctx, app.log),
      lines: new LineWatch(ctx.bus),
    };
    lobbyInstances.set(ctx.bus, instance);
    app.addHook('onClose', async () => {
      instance.lines.close();
      await instance.presence.close();
    });
    app.get(
      '/ws/lobby',
      { websocket: true, schema: { hide: true } },
      (socket: WebSocket, request) => followEntry(instance, socket, request.log),
    );
  };

type ChannelDeps = Pick<
  Services,
  'config' | 'db' | 'bus' | 'providers' | 'health' | 'metrics' | 'rollout'
>;

/** What one server instance's waiting pages share. */
interface Instance extends ChannelDeps {
  presence: PresenceTracker;
  lines: LineWatch;
}

const lobbyInstances = new WeakMap<object, Instance>();

/** The presence tracker of the instance on `bus` (tests flush it to see its writes). */
export const presenceOf = (bus: object): PresenceTracker | undefined =>
  lobbyInstances.get(bus)?.presence;

/** One visitor socket: waits for its one hello, then follows that entry until it closes. */
function followEntry(ctx: Instance, socket: WebSocket, log: FastifyBaseLogger): void {
  let helloSeen = false;
  // What the hello started, resolved to what undoes it (undefined when nothing was started).
  let started: Promise<(() => void) | undefined> | undefined;
  const helloTimer = setTimeout(
    () => socket.close(PushCloseCode.BAD_HELLO, 'say hello first'),
    HELLO_TIMEOUT_MS,
  );

  socket.on('message', (data, isBinary) => {
    const size = Array.isArray(data)
      ? data.reduce((n, b) => n + b.length, 0)
      : (data as Buffer).byteLength;
    if (isBinary || size > MAX_MESSAGE_BYTES)
      return socket.close(PushCloseCode.MESSAGE_TOO_LARGE, 'message too large');
    // One hello per socket: a second would add a second subscription.
    if (helloSeen) return socket.close(PushCloseCode.DUPLICATE_HELLO, 'hello only once');
    helloSeen = true;
    const hello = Hello.safeParse(parseJson(String(data)));
    if (!hello.success)
      return socket.close(PushCloseCode.BAD_HELLO, 'expected {"type":"hello","entryId","token"}');
    clearTimeout(helloTimer);
    // Listening before the read: a decision made while it runs is heard, not missed.
    const heard: LobbySignal[] = [];
    let onSignal = (signal: LobbySignal) => {
      heard.push(signal);
    };
    const unsubscribe = ctx.bus.subscribe(topics.lobby(hello.data.entryId), (signal) =>
      onSignal(signal),
    );
    started = readOwnEntry(ctx, hello.data.entryId, hello.data.token)
      .then(
        (row) => {
          // Closed while we checked: nothing to follow.
          if (socket.readyState !== socket.OPEN) {
            unsubscribe();
            return undefined;
          }
          const page = new WaitingPage(ctx, socket, hello.data, log);
          const stop = page.start(row, heard);
          onSignal = (signal) => page.signal(signal);
          return () => {
            unsubscribe();
            stop();
          };
        },
        () => {
          unsubscribe();
          socket.close(PushCloseCode.UNAUTHENTICATED, 'not your entry');
          return undefined;
        },
      )
      .catch((error: unknown) => {
        // Mid-hello failure: the page reconnects and says hello again.
        unsubscribe();
        log.error({ err: error }, 'lobby push could not start');
        socket.close(1011, 'try again');
        return undefined;
      });
  });

  socket.on('close', () => {
    clearTimeout(helloTimer);
    // The socket may close while its hello is still being checked: undo whatever it started once
    // that is done, so no subscription or presence outlives the socket.
    void started
      ?.then((stop) => stop?.())
      .catch((error: unknown) => log.error({ err: error }, 'lobby push did not stop cleanly'));
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const sameEstimate = (a: LobbyState['estimate'], b: LobbyState['estimate']) =>
  a?.fromMinutes === b?.fromMinutes && a?.toMinutes === b?.toMinutes;

/** One followed entry: its state as last sent, kept current from its line and its own changes. */
class WaitingPage implements LineFollower {
  asOf = 0;
  createdUs = 0;
  private state: LobbyState | undefined;
  private createdAt = 0;
  private stopLine: (() => void) | undefined;
  private lineOf: string | undefined;
  private admittedSent = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: Instance,
    private readonly socket: WebSocket,
    private readonly hello: z.infer<typeof Hello>,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Counts the page as present, sends its state; returns what stops following it. */
  start(row: EntryState, heard: LobbySignal[]): () => void {
    this.ctx.presence.opened(this.hello.entryId);
    // After the bus was deaf this page may have missed a decision: read the entry again.
    const stopResync = this.ctx.bus.subscribe(topics.resync(), () => void this.refresh());
    const ping = setInterval(() => this.socket.ping(), PING_MS);
    ping.unref();
    this.queue = this.apply(row);
    // Heard while the hello's read ran: the read may predate it, so read once more.
    for (const signal of heard) this.signal(signal);
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      clearInterval(ping);
      stopResync();
      this.stopLine?.();
      this.ctx.presence.closedSocket(this.hello.entryId);
    };
  }

  signal(signal: LobbySignal): void {
    if (signal.type === 'message')
      this.send({ type: 'message', text: signal.text, from: signal.from, at: signal.at });
    else void this.refresh();
  }

  moved(position: number | null, sortedWaitsMs: readonly number[]): void {
    const state = this.state;
    // Out of this line: the entry's own change is on its way (and read then).
    if (!state || state.status !== 'waiting' || position === null) return;
    const estimate = estimateFromSorted({
      recentWaitsMs: sortedWaitsMs,
      position,
      waitedMs: Math.max(0, Date.now() - this.createdAt),
    });
    if (position === state.position && sameEstimate(estimate, state.estimate)) return;
    this.state = { ...state, position, estimate };
    this.send({ type: 'state', state: this.state });
  }

  private send(event: VisitorEvent): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(event));
  }

  /** Reads the entry again (one statement); serialised so events keep their order. */
  private refresh(): Promise<void> {
    this.queue = this.queue.then(async () => {
      try {
        await this.apply(await readOwnEntry(this.ctx, this.hello.entryId, this.hello.token));
      } catch (error) {
        this.failed(error);
      }
    });
    return this.queue;
  }

  private async apply(row: EntryState): Promise<void> {
    try {
      this.asOf = Math.max(this.asOf, row.read_at);
      this.createdUs = row.created_us;
      this.createdAt = row.created_at.getTime();
      this.state = stateOf(row);
      this.send({ type: 'state', state: this.state });
      this.followLine(row.status === 'waiting' ? row.room_id : undefined);
      if (row.status === 'admitted' && !this.admittedSent) {
        this.send({ type: 'admitted', credentials: await visitorJoin(this.ctx, row) });
        this.admittedSent = true;
      }
      if (row.status !== 'admitted') this.admittedSent = false;
    } catch (error) {
      this.failed(error);
    }
  }

  /** Follows the line of the visit the entry waits for (none once it stops waiting). */
  private followLine(visitId: string | undefined): void {
    if (visitId === this.lineOf) return;
    this.stopLine?.();
    this.stopLine = undefined;
    this.lineOf = visitId;
    if (visitId) this.stopLine = this.ctx.lines.follow(visitId, this);
  }

  private failed(error: unknown): void {
    const code = error instanceof AppError ? error.code : 'INTERNAL';
    const message = error instanceof Error ? error.message : 'Something went wrong.';
    if (!(error instanceof AppError)) this.log.error({ err: error }, 'lobby push failed');
    this.send({ type: 'error', code, message });
  }
}
