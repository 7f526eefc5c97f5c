// One instance's waiting pages, by the visit they wait for: when a visit's line changes, the line
// (published once, see lobby/line.ts) reaches every page of it here with its own place worked
// out, without a database read. The instance listens to one topic for all lines.
import { topics, type LineChanged } from '@openconnect/contracts';
import { placeIn } from '../lobby/line.ts';
import type { EventBus } from './event-bus.ts';

/** A waiting page following its visit's line. */
export interface LineFollower {
  /** When the page's own view was read (µs, database clock): older lines are ignored. */
  asOf: number;
  /** When its entry knocked (µs): finds it in the line. */
  createdUs: number;
  /** Its place in the new line (null when no longer in it), and the line's waits sorted once. */
  moved(position: number | null, sortedWaitsMs: readonly number[], at: number): void;
}

/** A line heard this recently is handed to a page that starts following it (its read may have missed it). */
const KEEP_LATEST_MS = 10_000;

export class LineWatch {
  private readonly byVisit = new Map<string, Set<LineFollower>>();
  private readonly latest = new Map<string, { event: LineChanged; heardAt: number }>();
  private readonly unsubscribe: () => void;

  constructor(bus: EventBus) {
    this.unsubscribe = bus.subscribe(topics.lines(), (event) => this.changed(event));
  }

  /** Follows `visitId`'s line; returns what stops following. */
  follow(visitId: string, follower: LineFollower): () => void {
    let followers = this.byVisit.get(visitId);
    if (!followers) this.byVisit.set(visitId, (followers = new Set()));
    followers.add(follower);
    const recent = this.latest.get(visitId);
    if (recent && recent.event.at > follower.asOf) this.deliver(recent.event, [follower]);
    return () => {
      followers.delete(follower);
      if (followers.size === 0 && this.byVisit.get(visitId) === followers)
        this.byVisit.delete(visitId);
    };
  }

  close(): void {
    this.unsubscribe();
    this.byVisit.clear();
    this.latest.clear();
  }

  private changed(event: LineChanged): void {
    const now = Date.now();
    for (const [visitId, kept] of this.latest)
      if (now - kept.heardAt > KEEP_LATEST_MS) this.latest.delete(visitId);
    const kept = this.latest.get(event.visitId);
    if (!kept || kept.event.at <= event.at) this.latest.set(event.visitId, { event, heardAt: now });
    const followers = this.byVisit.get(event.visitId);
    if (followers) this.deliver(event, followers);
  }

  private deliver(event: LineChanged, followers: Iterable<LineFollower>): void {
    const sorted = [...event.waitsMs].sort((a, b) => a - b);
    for (const follower of followers) {
      // A snapshot older than what the page read (events of two instances may cross).
      if (event.at < follower.asOf) continue;
      follower.asOf = event.at;
      follower.moved(placeIn(event.line, follower.createdUs), sorted, event.at);
    }
  }
}
