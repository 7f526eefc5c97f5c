// Room close timers: `emptyTimeout` runs from creation until someone joins, `departureTimeout`
// from the moment the last participant leaves. Timers are unref'd so they never hold a process open.

/** Why a timer closed a room. */
export type TimeoutCause = 'empty_timeout' | 'departure_timeout';

/** One pending close timer per room. */
export class RoomTimers {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly onExpire: (roomName: string, cause: TimeoutCause) => void;

  constructor(onExpire: (roomName: string, cause: TimeoutCause) => void) {
    this.onExpire = onExpire;
  }

  /** Closes the room after `seconds` unless someone joins first. */
  armEmpty(roomName: string, seconds: number): void {
    this.arm(roomName, seconds, 'empty_timeout');
  }

  /** Closes the room `seconds` after its last participant left, unless someone joins first. */
  armDeparture(roomName: string, seconds: number): void {
    this.arm(roomName, seconds, 'departure_timeout');
  }

  /** Cancels the room's timer, if any. */
  clear(roomName: string): void {
    const timer = this.pending.get(roomName);
    if (timer) clearTimeout(timer);
    this.pending.delete(roomName);
  }

  /** Cancels every timer. */
  clearAll(): void {
    for (const name of [...this.pending.keys()]) this.clear(name);
  }

  private arm(roomName: string, seconds: number, cause: TimeoutCause): void {
    this.clear(roomName);
    const timer = setTimeout(() => {
      this.pending.delete(roomName);
      this.onExpire(roomName, cause);
    }, seconds * 1000);
    timer.unref();
    this.pending.set(roomName, timer);
  }
}
