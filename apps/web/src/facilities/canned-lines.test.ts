import { describe, expect, it } from 'vitest';
import { CANNED_MESSAGES_PER_FACILITY, CANNED_MESSAGE_MAX } from '@openconnect/contracts';
import { CANNED_MAX, CANNED_PER_FACILITY, cannedLines } from './canned-lines.ts';

describe('cannedLines', () => {
  it('keeps one trimmed message per line and drops blank lines', () => {
    expect(cannedLines('  Running late \n\nThank you\n')).toEqual(['Running late', 'Thank you']);
    expect(cannedLines('')).toEqual([]);
  });
  it('refuses too many, too long or repeated messages', () => {
    expect(cannedLines(Array.from({ length: 11 }, (_, i) => `m${i}`).join('\n'))).toBeUndefined();
    expect(cannedLines('x'.repeat(CANNED_MAX + 1))).toBeUndefined();
    expect(cannedLines('Same\nSame')).toBeUndefined();
  });
  it('uses the same limits as the server', () => {
    expect(CANNED_PER_FACILITY).toBe(CANNED_MESSAGES_PER_FACILITY);
    expect(CANNED_MAX).toBe(CANNED_MESSAGE_MAX);
  });
});
