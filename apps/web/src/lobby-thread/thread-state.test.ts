import { describe, expect, it } from 'vitest';
import type { LobbyMessage } from '@openconnect/contracts';
import { ApiError } from '../api/ApiError.ts';
import { estimateWords, mergeMessages, replyProblem } from './thread-state.ts';

const message = (id: string, at: string, text = id): LobbyMessage => ({
  id,
  entryId: 'e1',
  from: 'staff',
  author: 'Sam',
  text,
  at,
});

describe('mergeMessages', () => {
  it('keeps each message once, in the order written', () => {
    const a = message('a', '2026-01-01T10:00:00.000Z');
    const b = message('b', '2026-01-01T10:01:00.000Z');
    const c = message('c', '2026-01-01T10:02:00.000Z');
    expect(mergeMessages([a, c], [b, c]).map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('estimateWords', () => {
  it('says nothing without an estimate', () => {
    expect(estimateWords(null)).toBeUndefined();
    expect(estimateWords(undefined)).toBeUndefined();
  });
  it('reads a range, or "less than" when it starts at zero', () => {
    expect(estimateWords({ fromMinutes: 5, toMinutes: 10 })).toEqual({
      key: 'lobby.estimate.range',
      from: 5,
      to: 10,
    });
    expect(estimateWords({ fromMinutes: 0, toMinutes: 5 })).toEqual({
      key: 'lobby.estimate.under',
      to: 5,
    });
  });
});

describe('replyProblem', () => {
  it('tells a wait from the server apart from the end of the allowance', () => {
    const wait = new ApiError('RATE_LIMITED', 'x', {
      status: 429,
      details: { retryAfterSeconds: 12 },
    });
    expect(replyProblem(wait)).toEqual({ kind: 'wait', seconds: 12 });
    expect(replyProblem(new ApiError('RATE_LIMITED', 'x', { status: 429 }))).toEqual({
      kind: 'limit',
    });
    expect(replyProblem(new ApiError('VALIDATION_FAILED', 'x', { status: 400 }))).toEqual({
      kind: 'invalid',
    });
    const other = new ApiError('CONFLICT', 'x', { status: 409 });
    expect(replyProblem(other)).toEqual({ kind: 'other', error: other });
  });
});
