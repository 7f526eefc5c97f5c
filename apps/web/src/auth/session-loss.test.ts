import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/ApiError.ts';
import { createSessionLoss, isUnauthenticated } from './session-loss.ts';

const signedOut = new ApiError('UNAUTHENTICATED', 'no', { status: 401 });
const forbidden = new ApiError('FORBIDDEN', 'no', { status: 403 });

describe('session loss', () => {
  it('tells its listeners about a 401 and nothing else', () => {
    const session = createSessionLoss();
    const lost = vi.fn();
    session.onLost(lost);
    session.notice(forbidden);
    session.notice(new Error('network'));
    expect(lost).not.toHaveBeenCalled();
    session.notice(signedOut);
    expect(lost).toHaveBeenCalledOnce();
  });

  it('rethrows what it was given after telling the listeners', () => {
    const session = createSessionLoss();
    const lost = vi.fn();
    session.onLost(lost);
    expect(() => session.rethrow(signedOut)).toThrow(signedOut);
    expect(() => session.rethrow(forbidden)).toThrow(forbidden);
    expect(lost).toHaveBeenCalledOnce();
  });

  it('stops telling a listener that unsubscribed', () => {
    const session = createSessionLoss();
    const lost = vi.fn();
    session.onLost(lost)();
    session.lost();
    expect(lost).not.toHaveBeenCalled();
    expect(isUnauthenticated(signedOut)).toBe(true);
  });
});
