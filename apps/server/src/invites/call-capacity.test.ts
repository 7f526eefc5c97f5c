import { describe, expect, it } from 'vitest';
import type { CallCapacity } from '@openconnect/contracts';
import { AppError } from '../errors/app-error.ts';
import { assertRoomToInvite, assertSeatNow } from './call-capacity.ts';

const capacity = (over: Partial<CallCapacity>): CallCapacity => ({
  provider: 'p2p',
  max: 4,
  present: 0,
  pending: 0,
  ...over,
});

function refusal(fn: () => void): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('call capacity', () => {
  it('lets staff invite while people connected and invited stay under the limit', () => {
    expect(() => assertRoomToInvite(capacity({ present: 2, pending: 1 }))).not.toThrow();
  });

  it('refuses an invite once places are all taken, saying invited people hold some', () => {
    const error = refusal(() => assertRoomToInvite(capacity({ present: 2, pending: 2 })));
    expect(error.code).toBe('ROOM_FULL');
    expect(error.message).toMatch(/4 people is the most a peer-to-peer call allows/);
    expect(error.message).toMatch(/2 of those places are held/);
    expect(error.details).toMatchObject({ present: 2, pending: 2, max: 4 });
  });

  it('names LiveKit and asks for someone to leave when the call itself is full', () => {
    const error = refusal(() =>
      assertRoomToInvite(capacity({ provider: 'livekit', max: 10, present: 10 })),
    );
    expect(error.message).toMatch(/10 people is the most LiveKit allows/);
    expect(error.message).toMatch(/Someone must leave/);
  });

  it('lets someone in while a place is free, whatever is pending', () => {
    expect(() => assertSeatNow(capacity({ present: 3, pending: 5 }), 'Ana')).not.toThrow();
    const error = refusal(() => assertSeatNow(capacity({ present: 4 }), 'Ana'));
    expect(error.code).toBe('ROOM_FULL');
    expect(error.message).toMatch(/full \(4 of 4 on a peer-to-peer call\), so Ana cannot come in/);
  });
});
