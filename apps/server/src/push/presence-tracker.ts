// One instance's waiting-room presence, in memory: how many `/ws/lobby` sockets each entry has
// here. The database hears of it in batches: when entries come online or go offline (after a
// short debounce, so staff pages see it within a moment), and one heartbeat per interval while
// this instance holds any socket — one statement each, however many sockets. Staff pages of every
// instance hear the changes over the bus.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { topics, type StaffEvent } from '@openconnect/contracts';
import { toEntry } from '../lobby/lobby.ts';
import {
  presenceEnded,
  presenceHeartbeat,
  PRESENCE_HEARTBEAT_MS,
  writePresence,
} from '../lobby/lobby-presence.ts';
import type { Services } from '../services.ts';

export interface PresenceTrackerOptions {
  /** How long comings and goings gather before they are written together. */
  debounceMs?: number;
  heartbeatMs?: number;
}

/** After a failed write, the next try waits this long (the database may be down). */
const RETRY_MS = 2_000;

/** Presence of the entries whose sockets this instance holds. */
export class PresenceTracker {
  /** Names this instance's rows; a new one per start, so a restart never revives a dead one. */
  readonly instanceId = randomUUID();
  private readonly sockets = new Map<string, number>();
  private readonly came = new Set<string>();
  private readonly went = new Set<string>();
  private readonly debounceMs: number;
  private readonly heartbeatMs: number;
  private flushTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly deps: Pick<Services, 'db' | 'bus'>,
    private readonly log: FastifyBaseLogger,
    options: PresenceTrackerOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 150;
    this.heartbeatMs = options.heartbeatMs ?? PRESENCE_HEARTBEAT_MS;
  }

  /** A socket of `entryId` said hello here. */
  opened(entryId: string): void {
    if (this.closed) return;
    const n = (this.sockets.get(entryId) ?? 0) + 1;
    this.sockets.set(entryId, n);
    if (n > 1) return;
    // Gone and back before the write: written as there (adding a row it has is a no-op).
    this.went.delete(entryId);
    this.came.add(entryId);
    this.schedule();
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
      this.heartbeat.unref();
    }
  }

  /** A socket of `entryId` closed here. */
  closedSocket(entryId: string): void {
    if (this.closed) return;
    const n = (this.sockets.get(entryId) ?? 0) - 1;
    if (n > 0) {
      this.sockets.set(entryId, n);
      return;
    }
    this.sockets.delete(entryId);
    // Even when it came and went between two writes: its "last there" moves to now.
    this.came.delete(entryId);
    this.went.add(entryId);
    this.schedule();
  }

  /** Entries with a socket here (tests and the benchmark read it). */
  entries(): number {
    return this.sockets.size;
  }

  /** Writes what is pending now; resolves once written (tests wait on it). */
  flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const came = [...this.came];
    const went = [...this.went];
    this.came.clear();
    this.went.clear();
    const write = this.writing.then(() => this.write(came, went));
    this.writing = write;
    return write;
  }

  /** The instance stops: one statement lets its entries go (they expire a minute later). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.flushTimer);
    clearInterval(this.heartbeat);
    const entries = [...new Set([...this.sockets.keys(), ...this.went])];
    this.sockets.clear();
    await this.writing;
    await presenceEnded(this.deps, this.instanceId, entries).catch((error: unknown) =>
      this.log.error({ err: error }, 'waiting-room presence could not be ended'),
    );
  }

  private schedule(delayMs = this.debounceMs): void {
    this.flushTimer ??= setTimeout(() => void this.flush(), delayMs);
    this.flushTimer.unref();
  }

  /** One statement per interval: the changes if any are pending, else the heartbeat alone. */
  private beat(): void {
    if (this.came.size > 0 || this.went.size > 0) {
      void this.flush();
    } else {
      this.writing = this.writing.then(() =>
        presenceHeartbeat(this.deps, this.instanceId).catch((error: unknown) =>
          this.log.error({ err: error }, 'waiting-room heartbeat failed'),
        ),
      );
    }
    if (this.sockets.size === 0) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }

  private async write(came: string[], went: string[]): Promise<void> {
    if (came.length === 0 && went.length === 0) return;
    try {
      const changed = await writePresence(this.deps, this.instanceId, came, went);
      for (const row of changed) {
        const event: StaffEvent = { type: 'lobby', entry: toEntry(row, row.visit_title) };
        await this.deps.bus.publish(topics.facility(row.facility_id), event);
      }
    } catch (error) {
      // Written again with the next batch: an entry that came is still here, one that went is not.
      for (const id of came) if (this.sockets.has(id)) this.came.add(id);
      for (const id of went) if (!this.sockets.has(id)) this.went.add(id);
      this.log.error({ err: error }, 'waiting-room presence could not be written');
      if (!this.closed) this.schedule(RETRY_MS);
    }
  }
}
