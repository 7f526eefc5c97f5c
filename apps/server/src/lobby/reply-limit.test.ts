import { describe, expect, it } from 'vitest';
import {
  REPLIES_PER_ENTRY,
  REPLIES_PER_WINDOW,
  REPLY_WINDOW_MS,
  replyWaitSeconds,
} from './reply-limit.ts';

const now = 1_000_000_000;

describe('replyWaitSeconds', () => {
  it('lets replies through below the per-minute limit', () => {
    expect(replyWaitSeconds([], now)).toBe(0);
    const some = Array.from({ length: REPLIES_PER_WINDOW - 1 }, (_, i) => now - i * 1000);
    expect(replyWaitSeconds(some, now)).toBe(0);
  });

  it('refuses one more within the window and says when the oldest one leaves it', () => {
    // Sent 50, 40, 30, 20 and 10 seconds ago: the one 50 s ago leaves the window in 10 s.
    const full = [50, 40, 30, 20, 10].map((s) => now - s * 1000);
    expect(full.length).toBe(REPLIES_PER_WINDOW);
    expect(replyWaitSeconds(full, now)).toBe(10);
  });

  it('forgets replies older than the window', () => {
    const old = Array.from({ length: REPLIES_PER_WINDOW }, () => now - REPLY_WINDOW_MS - 1);
    expect(replyWaitSeconds(old, now)).toBe(0);
  });

  it('refuses for good once the entry used all its replies', () => {
    const many = Array.from(
      { length: REPLIES_PER_ENTRY },
      (_, i) => now - (i + 1) * REPLY_WINDOW_MS,
    );
    expect(replyWaitSeconds(many, now)).toBeNull();
  });
});
