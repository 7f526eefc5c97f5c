// How often a waiting visitor may answer staff: a few replies a minute and a cap per entry, so an
// anonymous page cannot flood the console. Pure: the caller reads the entry's earlier replies
// (from the database, so the limit holds across instances and restarts) and passes the time.

/** Replies a visitor may send within REPLY_WINDOW_MS. */
export const REPLIES_PER_WINDOW = 5;
export const REPLY_WINDOW_MS = 60_000;
/** Replies one waiting entry may send in all. */
export const REPLIES_PER_ENTRY = 50;

/**
 * Whether one more reply may go now, given when the entry's earlier replies were sent (any
 * order, ms since the epoch): 0 when it may, else the whole seconds until it may, or null when
 * the entry has used all its replies.
 */
export function replyWaitSeconds(earlier: readonly number[], now: number): number | null {
  if (earlier.length >= REPLIES_PER_ENTRY) return null;
  const inWindow = earlier.filter((at) => at > now - REPLY_WINDOW_MS).sort((a, b) => a - b);
  if (inWindow.length < REPLIES_PER_WINDOW) return 0;
  // The window frees a place when its oldest reply that still counts leaves it.
  const oldest = inWindow[inWindow.length - REPLIES_PER_WINDOW]!;
  return Math.max(1, Math.ceil((oldest + REPLY_WINDOW_MS - now) / 1000));
}
